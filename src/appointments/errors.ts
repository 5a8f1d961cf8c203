/** Why a booking was refused; the code is the API's `error.code` (409 unless noted). */
export type BookingErrorCode =
  | 'slot_full'
  | 'no_doses'
  | 'already_booked'
  | 'no_second_dose'
  | 'not_found'
  | 'not_eligible'
  | 'invitation_required'
  | 'slot_past'
  | 'wrong_dose'
  /** A later dose moved outside its interval from the previous dose. */
  | 'outside_window';

export class BookingError extends Error {
  constructor(readonly code: BookingErrorCode) {
    super(code);
    this.name = 'BookingError';
  }
}

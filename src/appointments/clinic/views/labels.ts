/** Message keys for the clinic's fixed codes (literal maps, so the catalog test sees every key used). */
import type { InjectionSite } from '../../repository.js';
import type { BookingStatus } from '../../repository.js';
import type { HistoryAction } from '../booking-history.js';
import type { CheckInProblem } from '../check-in-at-site.js';
import type { ClinicKey } from '../messages.js';
import type { BookingView } from '../people-view.js';

export const STATUS_KEYS: Record<BookingStatus, ClinicKey> = {
  booked: 'status.booked',
  'checked-in': 'status.checked-in',
  administered: 'status.administered',
  'no-show': 'status.no-show',
  cancelled: 'status.cancelled',
};

export const CHANNEL_KEYS: Record<BookingView['channel'], ClinicKey> = {
  web: 'channel.web',
  phone: 'channel.phone',
  api: 'channel.api',
};

export const PROBLEM_KEYS: Record<CheckInProblem, ClinicKey> = {
  not_found: 'problem.not_found',
  other_site: 'problem.other_site',
  other_day: 'problem.other_day',
  already_checked_in: 'problem.already_checked_in',
  administered: 'problem.administered',
  cancelled: 'problem.cancelled',
  no_show: 'problem.no_show',
};

export const INJECTION_KEYS: Record<InjectionSite, ClinicKey> = {
  'left-arm': 'injection.left-arm',
  'right-arm': 'injection.right-arm',
  'left-thigh': 'injection.left-thigh',
  'right-thigh': 'injection.right-thigh',
  other: 'injection.other',
};

export const HISTORY_KEYS: Record<HistoryAction, ClinicKey> = {
  'appointments.booking.checked-in': 'history.appointments.booking.checked-in',
  'appointments.booking.administered': 'history.appointments.booking.administered',
  'appointments.booking.no-show': 'history.appointments.booking.no-show',
  'appointments.booking.cancelled': 'history.appointments.booking.cancelled',
  'appointments.booking.rescheduled': 'history.appointments.booking.rescheduled',
  'appointments.booking.confirmation-resent': 'history.appointments.booking.confirmation-resent',
};

export function isChannel(c: string | null): c is BookingView['channel'] {
  return c === 'web' || c === 'phone' || c === 'api';
}

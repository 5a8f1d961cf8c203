/**
 * The survey invitation under the resident's booking confirmation: appointments' confirmation-page slot, filled
 * by the composition root with this function (appointments never imports feedback).
 */
import type { ConfirmationExtra } from '../appointments/index.js';
import { offerSurveyAfterBooking } from './offer-after-booking.js';
import { SurveyInvitation } from './views/survey-invitation.js';

/** Issue (or show again) the booking's survey link and invite to it; nothing when the program's trigger is off. */
export const surveyInvitationAfterBooking: ConfirmationExtra = async (deps, booking) => {
  const link = await offerSurveyAfterBooking(deps, {
    bookingId: booking.bookingId,
    programId: booking.programId,
    siteId: booking.siteId,
    channel: booking.channel,
    language: booking.locale,
  });
  return link ? <SurveyInvitation locale={booking.locale} href={link.href} /> : null;
};

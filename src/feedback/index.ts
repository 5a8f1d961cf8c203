/**
 * Feedback and CX insight: A-11 surveys after transactions (anonymous, once per link, en + es), the analyst's
 * dashboard (trust over time with intervals, response rates, driver performance and importance, comments), the
 * A-11 quarterly export (console and API), a signed webhook per response, and the staff pulse.
 */
import type { FrontdoorModule } from '../platform/module.js';
import { offerSurveysJob, OFFER_EVERY_MS, OFFER_SURVEYS_JOB } from './jobs/offer-surveys.js';
import { sendWebhookJob } from './jobs/send-webhook.js';
import { registerFeedbackRoutes } from './routes.js';
import { surveyInvitationTemplate } from './templates.js';

/**
 * For the resident confirmation page: a stable, single-use survey link for a booking just made (null when the
 * program's booking trigger is off or the survey was answered), and the invitation box that shows it.
 */
export { offerSurveyAfterBooking, type BookingSurveyInput } from './offer-after-booking.js';
/** The invitation box for the confirmation page (render it when offerSurveyAfterBooking returned a link). */
export { SurveyInvitation } from './views/survey-invitation.js';
/** Read the feed of finished transactions once and offer surveys (the recurring job calls this). */
export { offerSurveys } from './offer-surveys.js';
/** The webhook signature a receiver recomputes to check a delivery. */
export { webhookSignature } from './jobs/send-webhook.js';

export const feedbackModule: FrontdoorModule = {
  name: 'feedback',
  jobs: (deps) => [offerSurveysJob(deps), sendWebhookJob(deps)],
  recurring: [{ name: OFFER_SURVEYS_JOB, everyMs: OFFER_EVERY_MS }],
  messageTemplates: [surveyInvitationTemplate],
  registerRoutes: registerFeedbackRoutes,
};

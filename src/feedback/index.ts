/**
 * Feedback and CX insight: A-11 surveys after transactions (anonymous, once per link, en + es), the analyst's
 * dashboard (trust over time with intervals, response rates, driver performance and importance, comments), the
 * A-11 quarterly export (console and API), a signed webhook per response, and the staff pulse.
 */
import { z } from 'zod';
import type { ConsoleLink, FrontdoorModule } from '../platform/module.js';
import { feedbackPersonalData } from './personal-data.js';
import { offerSurveysJob, OFFER_EVERY_MS, OFFER_SURVEYS_JOB } from './jobs/offer-surveys.js';
import { sendWebhookJob } from './jobs/send-webhook.js';
import { feedbackMessages, type FeedbackKey } from './messages.js';
import { canAnalyseFeedback, canAnswerPulse, canManageSurveys } from './policy.js';
import { registerFeedbackRoutes } from './routes.js';
import { QuarterSchema } from './schema.js';
import { seedDemoFeedback } from './seed-demo.js';
import { surveyInvitationTemplate } from './templates.js';
import { sealMarkedFeedbackText } from './sealed-text.js';

/**
 * For the resident confirmation page: a stable, single-use survey link for a booking just made (null when the
 * program's booking trigger is off or the survey was answered), and the invitation box that shows it.
 */
export { offerSurveyAfterBooking, type BookingSurveyInput } from './offer-after-booking.js';
/** The invitation box for the confirmation page (render it when offerSurveyAfterBooking returned a link). */
export { SurveyInvitation } from './views/survey-invitation.js';
/**
 * Appointments' confirmation-page extra: the on-page survey invitation after booking (issues the link, counted as
 * a survey offered for the booking's channel). The composition root passes it to createAppointmentsModule.
 */
export { surveyInvitationAfterBooking } from './booking-invitation.js';
/** Read the feed of finished transactions once and offer surveys (the recurring job calls this). */
export { offerSurveys } from './offer-surveys.js';
/** The webhook signature a receiver recomputes to check a delivery. */
export { webhookSignature } from './jobs/send-webhook.js';

const link = (href: string, key: FeedbackKey, allowed: ConsoleLink['allowed'], order: number): ConsoleLink => ({
  href,
  label: (locale) => feedbackMessages.for(locale)(key),
  allowed,
  order,
});

export const feedbackModule: FrontdoorModule = {
  name: 'feedback',
  jobs: (deps) => [offerSurveysJob(deps), sendWebhookJob(deps)],
  recurring: [{ name: OFFER_SURVEYS_JOB, everyMs: OFFER_EVERY_MS }],
  messageTemplates: [surveyInvitationTemplate],
  consoleLinks: [
    link('/staff/feedback', 'nav.main', canAnalyseFeedback, 80),
    link('/staff/feedback/settings', 'nav.settings', (p) => canManageSurveys(p) && !canAnalyseFeedback(p), 81),
    link('/staff/pulse', 'nav.pulse', canAnswerPulse, 82),
  ],
  api: {
    '/api/v1/feedback/a11-export': {
      get: {
        summary: 'The A-11 quarterly export as CSV (header row first; cells under 10 responses "suppressed")',
        access: 'admin, analyst',
        query: z.object({ quarter: QuarterSchema }),
        responses: { 200: 'text/csv', 400: 'quarter is not YYYY-Qn', 401: 'No token', 403: 'Not an analyst' },
      },
    },
  },
  async prepareData(deps) {
    const n = await sealMarkedFeedbackText(deps);
    if (n > 0) deps.logger.info({ values: n }, 'encrypted survey free text kept in plain text');
  },
  registerRoutes: registerFeedbackRoutes,
  seedDemo: seedDemoFeedback,
  personalData: feedbackPersonalData,
};

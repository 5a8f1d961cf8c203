/**
 * Pre-registration and invitations: register once (web, for someone else, or by phone), get a status link and a
 * weekly status message, and — when a seat is yours in the fair order — a single-use link that holds the seat for a
 * window. Accepting books the held seat through the appointments module; decline or expiry invites the next person.
 */
import type { FrontdoorModule } from '../platform/module.js';
import { registerEligibilityEditor } from './eligibility-editor/index.js';
import { acceptBySms } from './invitations.js';
import { preregJobs, preregRecurring } from './jobs/index.js';
import { registerListPages } from './lists/routes.js';
import { preregMessages } from './messages.js';
import { preregistrationPersonalData } from './personal-data.js';
import { canOpenPrereg } from './policy.js';
import { registerResidentPages } from './routes.js';
import { reindexRegistrants } from './register.js';
import { sealMarkedNeeds } from './sealed-needs.js';
import { seedDemoPreregistration } from './seed-demo.js';
import { registerStaffPages } from './staff-routes.js';
import { answerStandby, registerStandbyPages, standbyOfferTemplate } from './standby/index.js';
import { preregConfirmationTemplate, preregInvitationTemplate, preregStatusTemplate } from './templates.js';
import type { ModuleDeps } from '../platform/module.js';

/** Pre-register a person (dedupes by name + birth date + contact). */
export { preRegister, type RegisterResult } from './register.js';
/** Staff eligibility editing (settings, phases, groups, ZIP weights). */
export { addGroup, addPhase, loadEligibility, saveSettings, setPhase, uploadZipWeights } from './manage-eligibility.js';
/** The screener's answer: eligible now, later (which phase) or not. */
export { screen, type ScreenResult } from './eligibility.js';
/** One matching run for a program (the job calls it; staff "invite now" too). */
export { runMatching, type MatchingOptions, type MatchingResult } from './matching.js';
/** The outbox job that composes a matching run's invitation messages. */
export { SEND_INVITATION_MESSAGES } from './invitation-messages.js';
/** Same-day standby: open an offer of leftover doses; answer a YES; end offers past their window. */
export { answerStandby, endStandbyOffers, openStandbyOffer } from './standby/index.js';
/** Answer an invitation; expire old ones; opt out. */
export { acceptInvitation, declineInvitation, expireInvitations, openInvitation, optOut } from './invitations.js';

const YES = new Set(['YES', 'Y', 'SI']);

/** Build the module (the SMS handler needs the running deps, which arrive with the jobs and routes). */
export function createPreregistrationModule(): FrontdoorModule {
  let deps: ModuleDeps | null = null;
  return {
    name: 'preregistration',
    messageTemplates: [
      preregConfirmationTemplate,
      preregStatusTemplate,
      preregInvitationTemplate,
      standbyOfferTemplate,
    ],
    jobs: (d) => {
      deps = d;
      return preregJobs(d);
    },
    recurring: preregRecurring,
    homeTasks: [
      {
        href: '/preregister',
        title: (locale) => preregMessages.for(locale)('task.title'),
        description: (locale) => preregMessages.for(locale)('task.description'),
      },
    ],
    consoleLinks: [
      {
        href: '/staff/preregistration',
        label: (locale) => preregMessages.for(locale)('nav.staff'),
        allowed: canOpenPrereg,
        order: 25,
      },
    ],
    seedDemo: seedDemoPreregistration,
    async prepareData(d) {
      const n = await sealMarkedNeeds(d);
      if (n > 0) d.logger.info({ values: n }, 'encrypted pre-registration needs kept in plain text');
      const r = await reindexRegistrants(d);
      if (r > 0) d.logger.info({ registrations: r }, 'recomputed identity indexes of the old kind');
    },
    personalData: preregistrationPersonalData,
    registerRoutes: (app, d) => {
      registerResidentPages(app, d);
      registerStaffPages(app, d);
      registerEligibilityEditor(app, d);
      registerStandbyPages(app, d);
      registerListPages(app, d);
    },
    inboundSms: [
      // A standby text is answered first: it is the most recent question a person was asked (15 minutes).
      {
        handle: async (msg) => {
          if (!deps || !YES.has(msg.keyword)) return undefined;
          return (await answerStandby(deps, msg.contactIds))?.reply;
        },
      },
      {
        handle: async (msg) => {
          if (!deps || !YES.has(msg.keyword)) return undefined;
          const r = await acceptBySms(deps, msg.contactIds);
          if (r.result === 'none') return undefined;
          const t = preregMessages.for(r.language);
          return r.result === 'booked' ? t('sms.yes.booked') : t('sms.yes.failed');
        },
      },
    ],
  };
}

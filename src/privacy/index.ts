/**
 * Privacy: a person's rights and keeping personal data only as long as needed (ADR 0021). The console pages where
 * admins find everything held about a person (by name and birth date, e-mail, phone or confirmation code), export
 * it as a file, correct it or erase it — each action audited with the reason they give — and the daily retention
 * job. The data itself stays with the modules that hold it: each offers a `PersonalDataSource` through its face
 * (`FrontdoorModule.personalData`), and the composition root hands them to this module.
 */
import type { FrontdoorModule } from '../platform/module.js';
import type { PersonalDataSource } from '../platform/personal-data.js';
import { retentionJob } from './jobs/retention.js';
import { privacyMessages } from './messages.js';
import { canHandlePersonalData } from './policy.js';
import { RETENTION_EVERY_MS, RETENTION_JOB } from './retention.js';
import { registerPrivacyRoutes } from './routes.js';

/** One retention run now (the daily job calls it; tests pass a fixed clock). */
export { runRetention, RETENTION_JOB, type RetentionCounts } from './retention.js';
/** Who may handle personal data requests. */
export { canHandlePersonalData } from './policy.js';

/** Build the module over every module's personal data (`sources` is read when used, after all are built). */
export function createPrivacyModule(o: { sources: () => PersonalDataSource[] }): FrontdoorModule {
  return {
    name: 'privacy',
    jobs: (deps) => [retentionJob(deps, o.sources)],
    recurring: [{ name: RETENTION_JOB, everyMs: RETENTION_EVERY_MS }],
    consoleLinks: [
      {
        href: '/staff/privacy',
        label: (locale) => privacyMessages.for(locale)('nav'),
        allowed: canHandlePersonalData,
        order: 88,
      },
    ],
    registerRoutes: (app, deps) => registerPrivacyRoutes(app, deps, o.sources),
  };
}

/**
 * Staff accounts, sign-in, roles, API tokens and the console pages for them, the audit log and jobs.
 * Other modules add console entries through `consoleLinks` and guard routes with `platform/auth`.
 */
import type { ConsoleLink, FrontdoorModule } from '../platform/module.js';
import { purgeExpiredSessionsJob } from './jobs/purge-expired-sessions.js';
import { staffMessages, type StaffKey } from './messages.js';
import { sendPasswordLinkJob } from './password-links.js';
import { canManageJobs, canManageStaff, canManageTokens, canReadAudit, canUseConsole } from './policy.js';
import { registerStaffRoutes } from './routes.js';
import { AuditFilterSchema } from './schema.js';
import { seedDemoAdmin } from './seed-demo.js';

/** Create an API token (CLI and console); the plain token is returned once. */
export { createApiToken } from './api-tokens.js';
/** Create an active account with a one-time password (CLI, demo seed), with the sites it may act at. */
export { createUserWithOneTimePassword, inviteUser } from './users.js';
/** Give an account exactly these sites (audited); name sites by id or name (the CLI's --site). */
export { resolveSiteRefs, setUserSites } from './site-assignments.js';
/** The demo administrator's e-mail address. */
export { DEMO_ADMIN_EMAIL } from './seed-demo.js';

const link = (href: string, key: StaffKey, allowed: ConsoleLink['allowed'], order: number): ConsoleLink => ({
  href,
  label: (locale) => staffMessages.for(locale)(key),
  allowed,
  order,
});

/** The staff console's own entries, in menu order. */
export const staffConsoleLinks: ConsoleLink[] = [
  link('/staff', 'console.home', canUseConsole, 0),
  link('/staff/users', 'users.nav', canManageStaff, 80),
  link('/staff/tokens', 'tokens.nav', canManageTokens, 85),
  link('/staff/audit', 'audit.nav', canReadAudit, 90),
  link('/staff/jobs', 'jobs.nav', canManageJobs, 95),
  link('/staff/account/password', 'console.account', canUseConsole, 100),
];

/** The staff module: accounts, sign-in, tokens, audit log and jobs pages. */
export function createStaffModule(): FrontdoorModule {
  return {
    name: 'staff',
    jobs: (deps) => [sendPasswordLinkJob(deps), purgeExpiredSessionsJob],
    recurring: [{ name: 'purge-expired-sessions', everyMs: 3_600_000 }],
    consoleLinks: staffConsoleLinks,
    registerRoutes: registerStaffRoutes,
    api: {
      '/api/v1/me': {
        get: {
          summary: 'Who this token belongs to',
          access: 'any API token',
          responses: {
            200: "{ kind, id, name, role, sites } (sites: 'all', or the ids of the sites a site-manager or site-staff token may act at)",
            401: 'No valid token',
          },
        },
      },
      '/api/v1/staff/users': {
        get: { summary: 'Staff accounts', access: 'admin', responses: { 200: '{ users: [...] }', 403: 'Wrong role' } },
      },
      '/api/v1/audit': {
        get: {
          summary: 'The audit log, newest first',
          access: 'admin',
          query: AuditFilterSchema,
          responses: { 200: '{ entries: [...], nextBefore }', 403: 'Wrong role' },
        },
      },
    },
    seedDemo: seedDemoAdmin,
  };
}

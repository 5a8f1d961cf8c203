/**
 * Sites: the places residents go (clinics, offices, drive-throughs), each with its own time zone.
 * Appointments build capacity, inventory and schedules on these.
 */
import type { FrontdoorModule } from '../platform/module.js';
import { sitesMessages } from './messages.js';
import { canViewSites } from './policy.js';
import { registerSiteRoutes } from './routes.js';
import { seedDemoSites } from './seed-demo.js';

/** A site as other modules see it. */
export type { SiteRow as Site } from './repository.js';
/** Find a site by id, for modules that schedule at sites. */
export { findSiteById, listSites } from './repository.js';
/** Who may see and manage sites. */
export { canManageSites, canViewSites } from './policy.js';

/** The sites module. */
export const sitesModule: FrontdoorModule = {
  name: 'sites',
  consoleLinks: [
    { href: '/staff/sites', label: (locale) => sitesMessages.for(locale)('sites.nav'), allowed: canViewSites },
  ],
  registerRoutes: registerSiteRoutes,
  seedDemo: seedDemoSites,
};

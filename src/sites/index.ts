/**
 * Sites: the places residents go (clinics, offices, drive-throughs), each with its own time zone.
 * Appointments build capacity, inventory and schedules on these.
 */
import type { FrontdoorModule } from '../platform/module.js';
import { sitesMessages } from './messages.js';
import { canViewSites } from './policy.js';
import { registerSiteRoutes } from './routes.js';
import { SiteApiSchema } from './schema.js';
import { seedDemoSites } from './seed-demo.js';

/** A site as other modules see it. */
export type { SiteRow as Site } from './repository.js';
/** Find a site by id, for modules that schedule at sites. */
export { findSiteById, listSites } from './repository.js';
/** A site's access features and languages spoken, parsed from their stored lists. */
export { siteLists } from './repository.js';
/** The access features a site can record (residents filter on them). */
export { ACCESSIBILITY_FEATURES, type AccessibilityFeature } from './schema.js';
/** Active sites as anyone may see them (public DTOs, for publishers). */
export { listActiveSites, type PublicSite } from './directory.js';
/** Import sites from CSV (all or nothing). */
export { importSites } from './import-sites.js';
/** Who may see, edit and add sites. */
export { canAddSites, canManageSites, canViewSites } from './policy.js';

/** The sites module. */
export const sitesModule: FrontdoorModule = {
  name: 'sites',
  consoleLinks: [
    { href: '/staff/sites', label: (locale) => sitesMessages.for(locale)('sites.nav'), allowed: canViewSites },
  ],
  registerRoutes: registerSiteRoutes,
  api: {
    '/api/v1/sites': {
      get: {
        summary: 'List the sites this token may act at',
        access: 'admin, site-manager, site-staff, call-agent (site-manager and site-staff tokens: their sites only)',
        responses: { 200: '{ sites: [...] }' },
      },
      post: {
        summary: 'Create a site',
        access: 'admin',
        request: SiteApiSchema,
        responses: { 201: '{ id }', 400: 'Invalid input', 409: 'Name taken' },
      },
    },
  },
  seedDemo: seedDemoSites,
};

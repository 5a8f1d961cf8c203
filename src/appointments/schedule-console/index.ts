/**
 * The schedule console of the appointments module: schedule templates and closures per site, publishing slots in
 * the site's local time, a week/day calendar with fill levels, single slots, and seat reductions reviewed and
 * resolved with notice (moved or cancelled, never silently). Pages under /staff/sites/{siteId}/schedule, API under
 * /api/v1.
 */
import type { FrontdoorModule } from '../../platform/module.js';
import { registerScheduleApiRoutes } from './api-routes.js';
import { scheduleMessages } from './messages.js';
import { scheduleApi } from './openapi.js';
import { canViewSchedule } from './policy.js';
import { registerScheduleConsoleRoutes } from './routes.js';

/** The schedule console as a module of its own (routes, console entry, API description). */
export const scheduleConsoleModule: FrontdoorModule = {
  name: 'schedule-console',
  consoleLinks: [
    {
      href: '/staff/schedule',
      label: (locale) => scheduleMessages.for(locale)('nav.console'),
      allowed: canViewSchedule,
      order: 30,
    },
  ],
  api: scheduleApi,
  registerRoutes(app, deps) {
    registerScheduleConsoleRoutes(app, deps);
    registerScheduleApiRoutes(app, deps);
  },
};

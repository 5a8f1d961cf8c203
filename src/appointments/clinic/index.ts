/**
 * The clinic day, inside the appointments module: rosters per site, the check-in desk (code, QR, or name and
 * birth date), recording doses against lots, no-shows (by hand at day end and by a recurring job), and booking
 * lookup for call agents and site staff.
 */
import type { ConsoleLink, ModuleDeps } from '../../platform/module.js';
import { canCheckIn, canManageBookings } from '../policy.js';
import { markNoShowsJob } from './jobs/mark-no-shows.js';
import { clinicMessages } from './messages.js';

export { registerClinicRoutes } from './routes.js';

/** Console entries: Clinic day (desk roles) and Find a booking (desk roles and call agents). */
export const clinicConsoleLinks: ConsoleLink[] = [
  {
    href: '/staff/clinic',
    label: (locale) => clinicMessages.for(locale)('nav.clinic'),
    allowed: canCheckIn,
    order: 20,
  },
  {
    href: '/staff/bookings',
    label: (locale) => clinicMessages.for(locale)('nav.bookings'),
    allowed: canManageBookings,
    order: 21,
  },
];

/** The hourly no-show sweep (NO_SHOW_AFTER_HOURS after a slot ends). */
export const clinicJobs = (deps: ModuleDeps) => [markNoShowsJob(deps.config.noShowAfterHours)];
export const clinicRecurring = [{ name: 'mark-no-shows', everyMs: 3_600_000 }];

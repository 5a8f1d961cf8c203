/** The clinic-day console: sites, rosters, the check-in desk, administration, no-shows and booking lookup. */
import type { FastifyInstance } from 'fastify';
import type { ModuleDeps } from '../../platform/module.js';
import { registerBookingRoutes } from './routes/bookings.js';
import { registerClinicDayRoutes } from './routes/clinic-day.js';
import { registerDeskRoutes } from './routes/desk.js';

export function registerClinicRoutes(app: FastifyInstance, deps: ModuleDeps): void {
  registerClinicDayRoutes(app, deps);
  registerDeskRoutes(app, deps);
  registerBookingRoutes(app, deps);
}

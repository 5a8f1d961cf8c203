/**
 * Registers the booking pages: the flow and the manage pages for residents (/book, /my-appointment) and the same
 * for staff booking for a caller (/staff/book, channel `phone`, audited).
 */
import type { FastifyInstance } from 'fastify';
import type { ModuleDeps } from '../../platform/module.js';
import type { ConfirmationExtra } from './confirmation-extras.js';
import { registerBookingFlow } from './flow-routes.js';
import { registerManagePages } from './manage-routes.js';
import { residentAudience, staffAudience } from './render.js';

/** `extras` fill the resident confirmation page's slot (see confirmation-extras.ts). */
export function registerBookingPages(
  app: FastifyInstance,
  deps: ModuleDeps,
  extras: readonly ConfirmationExtra[] = [],
): void {
  for (const audience of [residentAudience(), staffAudience(deps)]) {
    registerBookingFlow(app, deps, audience);
    registerManagePages(app, deps, audience, extras);
  }
}

/**
 * The booking limit every booking door shares (the API, the resident and staff confirm buttons, moving a booking):
 * BOOKING_RATE_PER_MINUTE per client address and BOOKING_RATE_PER_PERSON_PER_HOUR per person, counted together.
 * An attempt on an existing booking counts against that booking only when the request may change it; otherwise
 * only against the caller's address, so nobody can use up the holder's tries.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { personKey } from '../platform/http/rate-limits.js';
import type { ModuleDeps } from '../platform/module.js';
import { manageTokenMatches } from './manage-booking.js';
import { canManageBookings } from './policy.js';
import { mayActAtSite } from '../platform/auth/index.js';
import { findBooking } from './repository.js';

/** Who an attempt is for (undefined: unknown, only the address counts). */
export type AttemptPerson = (request: FastifyRequest) => string | undefined | Promise<string | undefined>;

/** A preHandler limiting booking attempts; `person` says who the attempt is for. */
export function limitBookings(app: FastifyInstance, deps: ModuleDeps, person: AttemptPerson) {
  const l = deps.config.rateLimits.booking;
  return app.limitRequests({
    name: 'booking',
    perIpPerMinute: l.perIpPerMinute,
    perPersonPerHour: l.perPersonPerHour,
    person,
  });
}

const PersonInBody = z.object({
  person: z.object({ givenName: z.string(), familyName: z.string(), birthDate: z.string() }),
});

/** The person of a JSON booking body (name and birth date), before the body is validated. */
export function personInBody(request: FastifyRequest): string | undefined {
  const b = PersonInBody.safeParse(request.body);
  return b.success ? personKey(b.data.person.givenName, b.data.person.familyName, b.data.person.birthDate) : undefined;
}

/**
 * Moving a booking: the booking in the path stands for its person — when the request is authorised to change it (a
 * staff member who may manage bookings, or the booking's manage token as given by `tokenOf`: the Bearer token on the
 * API, the manage cookie on the pages). A wrong or missing token counts against the caller's address only.
 */
export function authorisedBookingInPath(
  deps: ModuleDeps,
  tokenOf: (request: FastifyRequest) => string | undefined,
): AttemptPerson {
  return async (request) => {
    const id = (request.params as { id?: unknown } | undefined)?.id;
    if (typeof id !== 'string') return undefined;
    const p = request.principal;
    if (p && !canManageBookings(p)) return undefined;
    const token = p ? undefined : tokenOf(request);
    if (!p && !token) return undefined;
    const b = await findBooking(deps.db.kysely, id);
    if (!b) return undefined;
    // Staff count against the booking only where they may act (their sites); others by its manage token.
    const authorised = p ? mayActAtSite(p, b.site_id) : token !== undefined && manageTokenMatches(b, token);
    return authorised ? `booking:${id}` : undefined;
  };
}

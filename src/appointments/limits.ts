/**
 * The booking limit every booking door shares (the API, the resident and staff confirm buttons, moving a booking):
 * BOOKING_RATE_PER_MINUTE per client address and BOOKING_RATE_PER_PERSON_PER_HOUR per person, counted together.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { personKey } from '../platform/http/rate-limits.js';
import type { ModuleDeps } from '../platform/module.js';

/** A preHandler limiting booking attempts; `person` says who the attempt is for (undefined: unknown). */
export function limitBookings(
  app: FastifyInstance,
  deps: ModuleDeps,
  person: (request: FastifyRequest) => string | undefined,
) {
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

/** Moving a booking: the booking stands for its person. */
export function bookingInPath(request: FastifyRequest): string | undefined {
  const id = (request.params as { id?: unknown } | undefined)?.id;
  return typeof id === 'string' ? `booking:${id}` : undefined;
}

import type { ApiPaths } from '../platform/http/openapi.js';
import { LATEST_DATE } from '../platform/input/index.js';
import {
  AdministerSchema,
  AvailabilityQuery,
  bookingSchema,
  InventorySchema,
  RescheduleSchema,
  ProductSchema,
  ProgramSchema,
  SlotSchema,
} from './schema.js';

const refused =
  'Refused: error.code is slot_full, no_doses, already_booked, no_second_dose, not_eligible, invitation_required, slot_past or wrong_dose';

/** The appointments operations, for the OpenAPI description. */
export const appointmentsApi: ApiPaths = {
  '/api/v1/programs': {
    post: {
      summary: 'Create a program',
      access: 'admin, site-manager',
      request: ProgramSchema,
      responses: { 201: '{ id }', 400: 'Invalid input' },
    },
  },
  '/api/v1/products': {
    post: {
      summary: 'Create a product',
      access: 'admin, site-manager',
      request: ProductSchema,
      responses: { 201: '{ id }', 400: 'Invalid input', 404: 'No such program' },
    },
  },
  '/api/v1/sites/{siteId}/inventory': {
    post: {
      summary: 'Receive doses at a site',
      access: 'admin, site-manager',
      request: InventorySchema,
      responses: { 201: '{ siteId, productId, onHand, reserved }', 404: 'No such site or product' },
    },
  },
  '/api/v1/sites/{siteId}/slots': {
    post: {
      summary: 'Add a slot',
      access: 'admin, site-manager',
      request: SlotSchema,
      responses: { 201: '{ id }', 409: 'A slot already starts then' },
    },
  },
  '/api/v1/availability': {
    get: {
      summary: 'Bookable slots with seats remaining',
      access: 'public',
      query: AvailabilityQuery,
      responses: { 200: '{ slots: [{ id, siteId, startsAt, endsAt, remaining }] }' },
    },
  },
  '/api/v1/bookings': {
    post: {
      summary:
        'Book dose 1 (later doses are held); honours Idempotency-Key; rate-limited; waits in the waiting room’s line ' +
        'while it is on (callers without a staff token)',
      access: 'public',
      // Only the shape is described here; the route checks birth dates against today.
      request: bookingSchema(() => LATEST_DATE),
      headers: {
        'Idempotency-Key': 'Optional: a repeat with the same key gets the first answer and books nothing more',
        'Waiting-Room-Token': 'The Waiting-Room-Token of the last answer (a place in line, or a pass), if any',
      },
      responses: {
        201: {
          description: '{ id, confirmationCode, manageToken, manageUrl, startsAt, siteId, secondDose? }',
          headers: {
            'Waiting-Room-Token':
              'Set when this call was let in from the line: a pass to send with later calls until it expires',
          },
        },
        400: 'Invalid input (error.fields)',
        409: refused,
        422: 'Idempotency-Key reused for another request',
        429: 'Too many requests',
        503: {
          description:
            'Waiting in line (the waiting room is on and it is not yet this caller’s turn); nothing was booked: ' +
            '{ error: { code: "waiting_room", message, position, ahead, etaMinutes (null when unknown), restarted } }',
          headers: {
            'Retry-After':
              'Seconds before sending the same request again (within the abandon time, or the place lapses)',
            'Waiting-Room-Token': 'The place in line: send it back with the same request to keep the place',
          },
        },
      },
    },
  },
  '/api/v1/bookings/{id}': {
    get: {
      summary: 'A booking and its series',
      access: 'its manage token, or staff who manage bookings at its site',
      responses: {
        200: 'The booking',
        403: 'The token’s role does not manage bookings',
        404: 'No such booking, or not one this caller may see (no or wrong manage token, another site)',
      },
    },
  },
  '/api/v1/bookings/{id}/reschedule': {
    post: {
      summary: 'Move a booking to another slot (the new seat is held before the old one is released)',
      access: 'its manage token, or staff who manage bookings at its site (and the new slot’s)',
      request: RescheduleSchema,
      responses: {
        200: '{ id, confirmationCode, startsAt, siteId, moved: [{ id, dose, startsAt }], secondDose? }',
        400: 'Invalid input (error.fields)',
        404: 'No such booking, or not one this caller may see (no or wrong manage token, another site)',
        409: refused,
      },
    },
  },
  '/api/v1/bookings/{id}/cancel': {
    post: {
      summary: 'Cancel a booking and its later doses',
      access: 'its manage token, or staff who manage bookings at its site',
      responses: {
        200: '{ cancelled: [{ id, dose, startsAt }] }',
        404: 'No such booking, or not one this caller may see (no or wrong manage token, another site)',
        409: 'Not cancellable',
      },
    },
  },
  '/api/v1/bookings/{id}/check-in': {
    post: {
      summary: 'Check a person in',
      access: 'admin, site-manager, site-staff (at their sites)',
      responses: { 200: '{ id, status }', 404: 'No such booking at the token’s sites', 409: 'Not checkable' },
    },
  },
  '/api/v1/bookings/{id}/administer': {
    post: {
      summary: 'Record the dose given (uses one dose from inventory)',
      access: 'admin, site-manager, site-staff (at their sites)',
      request: AdministerSchema,
      responses: { 200: '{ id, status }', 404: 'No such booking at the token’s sites', 409: 'Not checked in' },
    },
  },
  '/api/v1/bookings/{id}/no-show': {
    post: {
      summary: 'Mark a past booking as a no-show (frees its reserved dose)',
      access: 'admin, site-manager, site-staff (at their sites)',
      responses: {
        200: '{ id, status }',
        404: 'No such booking at the token’s sites',
        409: 'Not a past, booked appointment',
      },
    },
  },
};

import type { ApiPaths } from '../../platform/http/openapi.js';
import { ClosureApiSchema, PublishApiSchema, SlotPatchSchema, TemplateApiSchema } from './schema.js';

const affected =
  'Bookings would lose their seats: error.code bookings_affected with error.affected [{ bookingId, confirmationCode, dose, slotId, startsAt, bookedAt, why, proposal }]; repeat with resolve. seats_in_use when people already checked in hold the seats';

/** The schedule operations, for the OpenAPI description. */
export const scheduleApi: ApiPaths = {
  '/api/v1/sites/{siteId}/schedule-templates': {
    get: {
      summary: "A site's schedule templates",
      access: 'admin, site-manager, site-staff',
      responses: { 200: '{ templates: [...] }', 404: 'No such site' },
    },
    post: {
      summary: 'Add a schedule template (local times in the site zone; slots come from publishing)',
      access: 'admin, site-manager',
      request: TemplateApiSchema,
      responses: { 201: '{ id }', 400: 'Invalid input', 404: 'No such site or program' },
    },
  },
  '/api/v1/sites/{siteId}/schedule-templates/publish': {
    post: {
      summary: 'Create the slots of every template for a date range (never duplicates; skips closures and the past)',
      access: 'admin, site-manager',
      request: PublishApiSchema,
      responses: { 200: '{ created, existing, closed }', 400: 'Invalid range' },
    },
  },
  '/api/v1/sites/{siteId}/closures': {
    post: {
      summary: 'Close a site for a day or a time range; booked people are moved or cancelled with notice',
      access: 'admin, site-manager',
      request: ClosureApiSchema,
      responses: { 201: '{ id, moved, cancelled }', 409: affected },
    },
  },
  '/api/v1/slots/{slotId}': {
    patch: {
      summary: "Change a slot's capacity; below the seats booked needs resolve (move or cancel, with notice)",
      access: 'admin, site-manager',
      request: SlotPatchSchema,
      responses: { 200: '{ id, capacity, booked, status, moved, cancelled }', 409: affected },
    },
  },
};

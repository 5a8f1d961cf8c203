import type { ApiPaths } from '../../platform/http/openapi.js';
import { AdjustSchema, TransferSchema, WasteSchema } from './schema.js';

const access = 'admin, site-manager';
const ok = '{ siteId, productId, lot, onHand, reserved }';
const refused =
  'Refused, nothing changed: error.code is unknown_lot, lot_too_small, not_enough, same_site, or shortage (then error.bookings lists the bookings that would lose their dose, latest last, and error.short how many doses are missing)';

/** The inventory operations, for the OpenAPI description. */
export const inventoryApi: ApiPaths = {
  '/api/v1/sites/{siteId}/inventory/adjustments': {
    post: {
      summary: 'Adjust the count of a lot (doses positive to add, negative to remove) with a reason',
      access,
      request: AdjustSchema,
      responses: { 201: ok, 400: 'Invalid input (error.fields)', 404: 'No such site or product', 409: refused },
    },
  },
  '/api/v1/sites/{siteId}/inventory/waste': {
    post: {
      summary: 'Record wasted doses of a lot (reason expired, damaged, temperature or other)',
      access,
      request: WasteSchema,
      responses: { 201: ok, 400: 'Invalid input (error.fields)', 404: 'No such site or product', 409: refused },
    },
  },
  '/api/v1/sites/{siteId}/inventory/transfers': {
    post: {
      summary: 'Transfer doses of a lot to another site (both sites change in one transaction)',
      access,
      request: TransferSchema,
      responses: { 201: ok, 400: 'Invalid input (error.fields)', 404: 'No such site or product', 409: refused },
    },
  },
};

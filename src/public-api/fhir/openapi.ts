/** The publisher's endpoints in the OpenAPI description (public, no token). */
import type { ApiPaths } from '../../platform/http/openapi.js';

const file = (type: string) => ({
  get: {
    summary: `SMART Scheduling Links: every published ${type}, one JSON object per line (application/fhir+ndjson)`,
    access: 'public',
    responses: {
      200: `${type} resources as NDJSON; ETag and Cache-Control: max-age`,
      304: 'Not modified (If-None-Match)',
    },
  },
});

export const fhirApi: ApiPaths = {
  '/fhir/$bulk-publish': {
    get: {
      summary: 'SMART Scheduling Links manifest: transactionTime, request, output[{ type, url, extension.state }]',
      access: 'public',
      responses: {
        200: 'The bulk-publish manifest; ETag and Cache-Control: max-age',
        304: 'Not modified (If-None-Match)',
      },
    },
  },
  '/fhir/Location.ndjson': file('Location'),
  '/fhir/Schedule.ndjson': file('Schedule'),
  '/fhir/Slot.ndjson': file('Slot'),
};

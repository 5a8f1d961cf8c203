/** GET /fhir/Location.ndjson — every published Location, one minified JSON object per line. */
import type { FastifyInstance } from 'fastify';
import { NDJSON } from './codes.js';
import { sendRepresentation } from './http-cache.js';
import type { Publisher } from './publication.js';

export function registerLocationFile(app: FastifyInstance, publisher: Publisher, maxAgeSeconds: number): void {
  app.get('/fhir/Location.ndjson', async (request, reply) =>
    sendRepresentation(request, reply, (await publisher.get()).files.Location, { contentType: NDJSON, maxAgeSeconds }),
  );
}

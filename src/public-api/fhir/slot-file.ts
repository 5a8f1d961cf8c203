/** GET /fhir/Slot.ndjson — every published Slot, one minified JSON object per line. */
import type { FastifyInstance } from 'fastify';
import { NDJSON } from './codes.js';
import { sendRepresentation } from './http-cache.js';
import type { Publisher } from './publication.js';

export function registerSlotFile(app: FastifyInstance, publisher: Publisher, maxAgeSeconds: number): void {
  app.get('/fhir/Slot.ndjson', async (request, reply) =>
    sendRepresentation(request, reply, (await publisher.get()).files.Slot, { contentType: NDJSON, maxAgeSeconds }),
  );
}

/** GET /fhir/Schedule.ndjson — every published Schedule, one minified JSON object per line. */
import type { FastifyInstance } from 'fastify';
import { NDJSON } from './codes.js';
import { sendRepresentation } from './http-cache.js';
import type { Publisher } from './publication.js';

export function registerScheduleFile(app: FastifyInstance, publisher: Publisher, maxAgeSeconds: number): void {
  app.get('/fhir/Schedule.ndjson', async (request, reply) =>
    sendRepresentation(request, reply, (await publisher.get()).files.Schedule, { contentType: NDJSON, maxAgeSeconds }),
  );
}

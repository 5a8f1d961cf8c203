/** GET /fhir/$bulk-publish — the manifest clients poll: links to the Location, Schedule and Slot files. */
import type { FastifyInstance } from 'fastify';
import { sendRepresentation } from './http-cache.js';
import type { Publisher } from './publication.js';

export function registerBulkPublish(app: FastifyInstance, publisher: Publisher, maxAgeSeconds: number): void {
  // `_since` is accepted and ignored, as the specification allows: clients always get the full data set.
  app.get('/fhir/$bulk-publish', async (request, reply) =>
    sendRepresentation(request, reply, (await publisher.get()).manifest, {
      contentType: 'application/json',
      maxAgeSeconds,
    }),
  );
}

/** The SMART Scheduling Links publisher's endpoints, sharing one publication per process. */
import type { FastifyInstance } from 'fastify';
import type { ModuleDeps } from '../../platform/module.js';
import { registerBulkPublish } from './bulk-publish.js';
import { registerLocationFile } from './location-file.js';
import { createPublisher } from './publication.js';
import { registerScheduleFile } from './schedule-file.js';
import { registerSlotFile } from './slot-file.js';

export function registerFhirRoutes(app: FastifyInstance, deps: ModuleDeps): void {
  const publisher = createPublisher(deps);
  const maxAge = deps.config.smartScheduling.cacheSeconds;
  registerBulkPublish(app, publisher, maxAge);
  registerLocationFile(app, publisher, maxAge);
  registerScheduleFile(app, publisher, maxAge);
  registerSlotFile(app, publisher, maxAge);
}

/**
 * The platform's own recurring jobs, registered by the composition root like a module's: finished jobs and old
 * idempotency keys are deleted once their retention ends (JOB_RETENTION_DAYS, FAILED_JOB_RETENTION_DAYS,
 * IDEMPOTENCY_RETENTION_HOURS), so neither table keeps what it no longer needs.
 */
import { pruneIdempotencyKeysJob, PRUNE_IDEMPOTENCY_KEYS_JOB } from './http/idempotency.js';
import { pruneJobsJob, PRUNE_JOBS_JOB } from './jobs/index.js';
import type { FrontdoorModule } from './module.js';

const HOUR = 3_600_000;

export const housekeepingModule: FrontdoorModule = {
  name: 'platform',
  jobs: (deps) => [
    pruneJobsJob(deps.db, deps.config.jobs),
    pruneIdempotencyKeysJob(deps.db, deps.config.idempotencyRetentionHours),
  ],
  recurring: [
    { name: PRUNE_JOBS_JOB, everyMs: HOUR },
    { name: PRUNE_IDEMPOTENCY_KEYS_JOB, everyMs: HOUR },
  ],
};

/** Durable jobs in the database: define, enqueue (inside a transaction), run, retry, inspect. */
export {
  defineJob,
  PermanentJobError,
  type JobDefinition,
  type AnyJobDefinition,
  type JobContext,
} from './define-job.js';
export {
  enqueue,
  enqueueMany,
  listJobs,
  getJob,
  countJobsByStatus,
  retryJob,
  cancelJob,
  type EnqueueOptions,
  type JobSummary,
  type JobStatus,
} from './queue.js';
export { pruneJobs, pruneJobsJob, PRUNE_JOBS_JOB } from './prune.js';
export { createJobRunner, collectQueueDepth, backoffDelay, type JobRunner, type JobRunnerOptions } from './runner.js';

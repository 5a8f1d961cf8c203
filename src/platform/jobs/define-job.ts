import type { z } from 'zod';
import type { Db } from '../db/index.js';

/** What a job handler receives besides its payload. */
export interface JobContext {
  db: Db;
  jobId: number;
  attempt: number;
  now(): number;
  log: {
    info(obj: object, msg?: string): void;
    warn(obj: object, msg?: string): void;
    error(obj: object, msg?: string): void;
  };
  /** Aborted when the runner stops and the job overruns the grace period. */
  signal: AbortSignal;
}

export interface JobDefinition<P> {
  /** Stable name, independent of file names (e.g. `send-password-link`). */
  name: string;
  schema: z.ZodType<P>;
  maxAttempts: number;
  backoff: { baseMs: number; maxMs: number };
  handler: (payload: P, ctx: JobContext) => Promise<void>;
}

/** A job definition of any payload type, as the runner holds them. */
// The runner validates each payload with the job's own schema before calling its handler.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyJobDefinition = JobDefinition<any>;

/** A failure that retrying cannot fix: the job fails at once. */
export class PermanentJobError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PermanentJobError';
  }
}

export function defineJob<P>(d: {
  name: string;
  schema: z.ZodType<P>;
  maxAttempts?: number;
  backoff?: { baseMs: number; maxMs: number };
  handler: (payload: P, ctx: JobContext) => Promise<void>;
}): JobDefinition<P> {
  return {
    name: d.name,
    schema: d.schema,
    maxAttempts: d.maxAttempts ?? 8,
    backoff: d.backoff ?? { baseMs: 5_000, maxMs: 3_600_000 },
    handler: d.handler,
  };
}

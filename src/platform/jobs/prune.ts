/**
 * Finished jobs do not stay: the hourly `prune-jobs` job deletes succeeded jobs `keepSucceededDays` after they
 * finished, and failed or cancelled ones (kept longer, for an admin to read and retry) `keepFailedDays` after.
 * The newest job of each recurring schedule stays whatever its age: its key (`recurring:<name>:<period>`) is what
 * keeps the current period from running twice.
 */
import { z } from 'zod';
import type { Db, Queryable } from '../db/index.js';
import { defineJob } from './define-job.js';

export const PRUNE_JOBS_JOB = 'prune-jobs';

const DAY = 86_400_000;
const BATCH = 5000;

/** Delete jobs finished before the cut-offs (in batches); returns how many went. */
export async function pruneJobs(db: Queryable, o: { succeededBefore: number; failedBefore: number }): Promise<number> {
  let total = 0;
  for (;;) {
    const r = await db
      .deleteFrom('jobs')
      .where('id', 'in', (eb) =>
        eb
          .selectFrom('jobs')
          .select('id')
          .where((w) =>
            w.or([
              w.and([w('status', '=', 'succeeded'), w('finished_at', '<', o.succeededBefore)]),
              w.and([w('status', 'in', ['failed', 'cancelled']), w('finished_at', '<', o.failedBefore)]),
            ]),
          )
          .where('id', 'not in', (s) =>
            s
              .selectFrom('jobs')
              .select((m) => m.fn.max('id').as('id'))
              .where('idempotency_key', 'like', 'recurring:%')
              .groupBy('name'),
          )
          .limit(BATCH),
      )
      .executeTakeFirst();
    const n = Number(r.numDeletedRows);
    total += n;
    if (n < BATCH) return total;
  }
}

/** The recurring job that prunes finished jobs after their retention (days). */
export function pruneJobsJob(db: Db, keep: { keepSucceededDays: number; keepFailedDays: number }) {
  return defineJob({
    name: PRUNE_JOBS_JOB,
    schema: z.unknown(),
    async handler(_p, ctx) {
      const now = ctx.now();
      const n = await pruneJobs(db.kysely, {
        succeededBefore: now - keep.keepSucceededDays * DAY,
        failedBefore: now - keep.keepFailedDays * DAY,
      });
      if (n > 0) ctx.log.info({ jobs: n }, 'pruned finished jobs');
    },
  });
}

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { z } from 'zod';
import { createTestDatabase, engines, type TestDatabase } from '../../../test/support/db.js';
import type { JobsTable } from '../db/schema.js';
import { createJobRunner, defineJob, pruneJobsJob, PRUNE_JOBS_JOB, type AnyJobDefinition } from './index.js';

const quiet = { info() {}, warn() {}, error() {} };
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const WEEK = 7 * DAY;

for (const { engine, skip } of engines()) {
  describe(`pruning finished jobs (${engine})`, { skip }, () => {
    let tdb: TestDatabase;
    before(async () => {
      tdb = await createTestDatabase(engine);
    });
    after(() => tdb.cleanup());

    const runner = (now: () => number, jobs: AnyJobDefinition[], recurring: { name: string; everyMs: number }[]) =>
      createJobRunner({ db: tdb.db, jobs, recurring, concurrency: 2, pollMs: 20, leaseMs: 10_000, logger: quiet, now });

    async function insert(name: string, status: JobsTable['status'], finishedAt: number | null, key?: string) {
      const r = await tdb.db.kysely
        .insertInto('jobs')
        .values({
          name,
          payload: 'null',
          status,
          run_at: 0,
          max_attempts: 8,
          last_error: null,
          locked_by: null,
          locked_until: status === 'running' ? Number.MAX_SAFE_INTEGER : null,
          idempotency_key: key ?? null,
          created_at: 0,
          updated_at: 0,
          finished_at: finishedAt,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return Number(r.id);
    }

    it('deletes succeeded jobs after 7 days and failed or cancelled ones after 30, keeping the rest', async () => {
      const now = 1000 * DAY;
      const ids = {
        succeededOld: await insert('p-a', 'succeeded', now - 8 * DAY),
        succeededRecent: await insert('p-a', 'succeeded', now - 6 * DAY),
        failedOld: await insert('p-b', 'failed', now - 31 * DAY),
        failedRecent: await insert('p-b', 'failed', now - 29 * DAY),
        cancelledOld: await insert('p-c', 'cancelled', now - 31 * DAY),
        queued: await insert('p-d', 'queued', null),
        running: await insert('p-d', 'running', null),
        // The newest run of a recurring schedule stays (its key stops the period running twice); older ones go.
        recurringOlder: await insert('p-tick', 'succeeded', now - 20 * DAY, 'recurring:p-tick:1'),
        recurringNewest: await insert('p-tick', 'succeeded', now - 10 * DAY, 'recurring:p-tick:2'),
      };
      await runner(
        () => now,
        [pruneJobsJob(tdb.db, { keepSucceededDays: 7, keepFailedDays: 30 })],
        [{ name: PRUNE_JOBS_JOB, everyMs: HOUR }],
      ).drain();
      const left = new Set((await tdb.db.kysely.selectFrom('jobs').select('id').execute()).map((r) => Number(r.id)));
      const kept = Object.entries(ids)
        .filter(([, id]) => left.has(id))
        .map(([k]) => k);
      assert.deepEqual(kept.sort(), ['failedRecent', 'queued', 'recurringNewest', 'running', 'succeededRecent']);
      const prune = await tdb.db.kysely
        .selectFrom('jobs')
        .select('status')
        .where('name', '=', PRUNE_JOBS_JOB)
        .executeTakeFirstOrThrow();
      assert.equal(prune.status, 'succeeded');
    });

    it('a weekly job runs once a week even when finished jobs are kept only a day', async () => {
      let clock = 3000 * WEEK + HOUR;
      let runs = 0;
      const weekly = defineJob({ name: 'p-weekly', schema: z.unknown(), handler: async () => void runs++ });
      const r = runner(
        () => clock,
        [weekly, pruneJobsJob(tdb.db, { keepSucceededDays: 1, keepFailedDays: 1 })],
        [
          { name: 'p-weekly', everyMs: WEEK },
          { name: PRUNE_JOBS_JOB, everyMs: HOUR },
        ],
      );
      for (let day = 0; day < 6; day++) {
        await r.drain();
        clock += DAY;
      }
      assert.equal(runs, 1, 'once in the week');
      clock += DAY;
      await r.drain();
      assert.equal(runs, 2, 'and again the next week');
      const finished = await tdb.db.kysely
        .selectFrom('jobs')
        .select('id')
        .where('name', '=', PRUNE_JOBS_JOB)
        .where('finished_at', '<', clock - DAY)
        .execute();
      assert.equal(finished.length, 0, 'the prune prunes its own old runs too');
    });
  });
}

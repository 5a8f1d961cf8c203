import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { z } from 'zod';
import { createTestDatabase, engines, type TestDatabase } from '../../../test/support/db.js';
import { openDatabase } from '../db/index.js';
import {
  backoffDelay,
  createJobRunner,
  defineJob,
  enqueue,
  getJob,
  PermanentJobError,
  retryJob,
  type AnyJobDefinition,
} from './index.js';

const quiet = { info() {}, warn() {}, error() {} };

function runner(
  tdb: TestDatabase,
  jobs: AnyJobDefinition[],
  extra: Partial<Parameters<typeof createJobRunner>[0]> = {},
) {
  return createJobRunner({ db: tdb.db, jobs, concurrency: 4, pollMs: 20, leaseMs: 10_000, logger: quiet, ...extra });
}

for (const { engine, skip } of engines()) {
  describe(`durable jobs (${engine})`, { skip }, () => {
    let tdb: TestDatabase;
    before(async () => {
      tdb = await createTestDatabase(engine);
    });
    after(() => tdb.cleanup());

    it('runs a queued job once and validates payloads when queued', async () => {
      const seen: string[] = [];
      const job = defineJob({
        name: 'greet',
        schema: z.object({ who: z.string() }),
        handler: async (p) => void seen.push(p.who),
      });
      await assert.rejects(enqueue(tdb.db.kysely, tdb.db.dialect, job, { who: 42 }));
      const { id } = await enqueue(tdb.db.kysely, tdb.db.dialect, job, { who: 'Ana' });
      await runner(tdb, [job]).drain();
      assert.deepEqual(seen, ['Ana']);
      assert.equal((await getJob(tdb.db.kysely, id))?.status, 'succeeded');
      assert.equal(
        (await tdb.db.kysely.selectFrom('jobs').select('id').where('name', '=', 'greet').execute()).length,
        1,
      );
    });

    it('a job queued in a transaction that rolls back does not exist (outbox)', async () => {
      await assert.rejects(
        tdb.db.kysely.transaction().execute(async (tx) => {
          await enqueue(tx, tdb.db.dialect, 'outbox-test', { n: 1 });
          throw new Error('the business change failed');
        }),
      );
      const rows = await tdb.db.kysely.selectFrom('jobs').select('id').where('name', '=', 'outbox-test').execute();
      assert.equal(rows.length, 0);
    });

    it('an idempotency key makes a second enqueue return the first job', async () => {
      const a = await enqueue(tdb.db.kysely, tdb.db.dialect, 'once', {}, { idempotencyKey: 'k-1' });
      const b = await enqueue(tdb.db.kysely, tdb.db.dialect, 'once', {}, { idempotencyKey: 'k-1' });
      assert.equal(a.created, true);
      assert.equal(b.created, false);
      assert.equal(a.id, b.id);
    });

    it('retries with exponential backoff, then fails; a retried job can succeed', async () => {
      let clock = 1_000_000;
      let calls = 0;
      let healthy = false;
      const job = defineJob({
        name: 'flaky',
        schema: z.object({}),
        maxAttempts: 3,
        backoff: { baseMs: 1000, maxMs: 60_000 },
        handler: async () => {
          calls++;
          if (!healthy) throw new Error('smtp down');
        },
      });
      const { id } = await enqueue(tdb.db.kysely, tdb.db.dialect, job, {}, { now: clock });
      const r = runner(tdb, [job], { now: () => clock });
      await r.runOnce();
      const afterFirst = await getJob(tdb.db.kysely, id);
      assert.equal(afterFirst?.status, 'queued');
      assert.equal(afterFirst?.lastError, 'smtp down');
      assert.ok((afterFirst?.runAt ?? 0) >= clock + 800 && (afterFirst?.runAt ?? 0) <= clock + 1200);
      assert.equal(await r.runOnce(), 0, 'not due before its backoff');
      clock += 1300;
      await r.runOnce();
      clock += 2500;
      await r.runOnce();
      assert.equal(calls, 3);
      assert.equal((await getJob(tdb.db.kysely, id))?.status, 'failed');
      healthy = true;
      assert.equal(await retryJob(tdb.db.kysely, id, clock), true);
      await r.runOnce();
      assert.equal((await getJob(tdb.db.kysely, id))?.status, 'succeeded');
    });

    it('a permanent error fails at once', async () => {
      const job = defineJob({
        name: 'doomed',
        schema: z.object({}),
        handler: async () => {
          throw new PermanentJobError('address rejected');
        },
      });
      const { id } = await enqueue(tdb.db.kysely, tdb.db.dialect, job, {});
      await runner(tdb, [job]).drain();
      const j = await getJob(tdb.db.kysely, id);
      assert.equal(j?.status, 'failed');
      assert.equal(j?.attempts, 1);
    });

    it('two runners on separate connections run each of 200 jobs exactly once', async () => {
      const runs = new Map<number, number>();
      const job = defineJob({
        name: 'count',
        schema: z.object({ i: z.number() }),
        handler: async (_p, ctx) => {
          runs.set(ctx.jobId, (runs.get(ctx.jobId) ?? 0) + 1);
          await new Promise((r) => setTimeout(r, 1));
        },
      });
      for (let i = 0; i < 200; i++) await enqueue(tdb.db.kysely, tdb.db.dialect, job, { i });
      const second = openDatabase(tdb.target);
      try {
        const a = runner(tdb, [job]);
        const b = createJobRunner({
          db: second,
          jobs: [job],
          concurrency: 4,
          pollMs: 20,
          leaseMs: 10_000,
          logger: quiet,
        });
        await Promise.all([a.drain(), b.drain()]);
      } finally {
        await second.close();
      }
      assert.equal(runs.size, 200);
      assert.ok(
        [...runs.values()].every((n) => n === 1),
        'no job ran twice',
      );
    });

    it('a claim takes at most the free concurrency, however many jobs are due', async () => {
      let running = 0;
      let peak = 0;
      const job = defineJob({
        name: 'bounded',
        schema: z.object({}),
        handler: async () => {
          running++;
          peak = Math.max(peak, running);
          await new Promise((r) => setTimeout(r, 5));
          running--;
        },
      });
      for (let i = 0; i < 200; i++) await enqueue(tdb.db.kysely, tdb.db.dialect, job, {});
      const r = runner(tdb, [job], { concurrency: 3 });
      assert.equal(await r.runOnce(), 3, 'one claim, three jobs');
      await r.drain();
      assert.ok(peak <= 3, `peak ${peak}`);
      const left = await tdb.db.kysely
        .selectFrom('jobs')
        .select('id')
        .where('name', '=', 'bounded')
        .where('status', '!=', 'succeeded')
        .execute();
      assert.equal(left.length, 0);
    });

    it('recurring jobs are scheduled once per period across runners', async () => {
      const job = defineJob({ name: 'tick', schema: z.unknown(), handler: async () => {} });
      const clock = () => 7_200_000 + 5;
      const a = runner(tdb, [job], { recurring: [{ name: 'tick', everyMs: 3_600_000 }], now: clock });
      const b = runner(tdb, [job], { recurring: [{ name: 'tick', everyMs: 3_600_000 }], now: clock });
      await Promise.all([a.runOnce(), b.runOnce()]);
      const rows = await tdb.db.kysely.selectFrom('jobs').select(['id', 'status']).where('name', '=', 'tick').execute();
      assert.equal(rows.length, 1);
      assert.equal(rows[0]?.status, 'succeeded');
    });

    it('a job whose lease expired (crashed worker) is queued again and completes', async () => {
      let clock = 5_000_000;
      let calls = 0;
      const job = defineJob({ name: 'lease', schema: z.object({}), handler: async () => void calls++ });
      const { id } = await enqueue(tdb.db.kysely, tdb.db.dialect, job, {}, { now: clock });
      // Simulate a worker that claimed the job and died.
      await tdb.db.kysely
        .updateTable('jobs')
        .set({ status: 'running', locked_by: 'dead', locked_until: clock + 1000, attempts: 1 })
        .where('id', '=', id)
        .execute();
      const r = runner(tdb, [job], { now: () => clock });
      await r.runOnce();
      assert.equal(calls, 0, 'a live lease is respected');
      clock += 1001;
      await r.runOnce();
      await r.runOnce();
      assert.equal(calls, 1);
      const j = await getJob(tdb.db.kysely, id);
      assert.equal(j?.status, 'succeeded');
      assert.equal(j?.attempts, 2);
    });
  });
}

describe('backoff', () => {
  it('doubles per attempt within ±20 % and stops at the cap', () => {
    assert.equal(
      backoffDelay(1, 1000, 60_000, () => 0.5),
      1000,
    );
    assert.equal(
      backoffDelay(4, 1000, 60_000, () => 0.5),
      8000,
    );
    assert.equal(
      backoffDelay(30, 1000, 60_000, () => 0.5),
      60_000,
    );
    assert.equal(
      backoffDelay(1, 1000, 60_000, () => 0),
      800,
    );
    assert.equal(
      backoffDelay(1, 1000, 60_000, () => 1),
      1200,
    );
  });
});

/**
 * A job process is killed with SIGKILL in the middle of a job; after a restart the job runs again and its
 * effect happens once.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { after, describe, it } from 'node:test';
import { sql } from 'kysely';
import { enqueue, getJob } from '../../src/platform/jobs/index.js';
import { createTestDatabase, engines, type TestDatabase } from '../support/db.js';
import { waitFor } from '../support/wait.js';

function startRunner(env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', 'test/fixtures/job-crash-runner.ts'], {
    env: { ...process.env, ...env, JOB_LEASE_MS: '1500', LOG_LEVEL: 'silent' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
}

function exited(child: ChildProcess): Promise<void> {
  return new Promise((resolve) =>
    child.exitCode !== null || child.signalCode !== null ? resolve() : child.once('exit', () => resolve()),
  );
}

for (const { engine, skip } of engines()) {
  describe(`a job survives SIGKILL of its process (${engine})`, { skip }, () => {
    let tdb: TestDatabase | undefined;
    const children: ChildProcess[] = [];
    after(async () => {
      for (const c of children) c.kill('SIGKILL');
      await tdb?.cleanup();
    });

    it('is retried after restart and completes once', async () => {
      tdb = await createTestDatabase(engine);
      const db = tdb.db.kysely;
      await sql`create table crash_marks (job_id integer not null, attempt integer not null)`.execute(db);
      await sql`create table crash_effects (job_id integer primary key)`.execute(db);
      const { id } = await enqueue(db, tdb.db.dialect, 'test-slow-write', { label: 'x' });

      const first = startRunner(tdb.env);
      children.push(first);
      await waitFor(
        async () => (await sql<{ n: number }>`select count(*) as n from crash_marks`.execute(db)).rows[0]?.n == 1,
        20_000,
      );
      first.kill('SIGKILL');
      await exited(first);
      assert.equal((await getJob(db, id))?.status, 'running', 'the killed process left the job mid-run');

      const second = startRunner(tdb.env);
      children.push(second);
      await waitFor(async () => (await getJob(db, id))?.status === 'succeeded', 30_000);
      second.kill('SIGTERM');
      await exited(second);

      const job = await getJob(db, id);
      assert.equal(job?.attempts, 2);
      const effects = await sql<{ job_id: number }>`select job_id from crash_effects`.execute(db);
      assert.equal(effects.rows.length, 1, 'the effect happened once');
    });
  });
}

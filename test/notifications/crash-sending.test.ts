/**
 * A worker is killed with SIGKILL while it is handing messages to the SMTP server. After a restart every
 * message reaches the server; a duplicate is possible only for a message that was in flight at the kill.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { after, describe, it } from 'node:test';
import { buildApp, type BuiltApp } from '../../src/app.js';
import { loadConfig } from '../../src/config/env.js';
import { notify } from '../../src/notifications/index.js';
import { createTestDatabase, engines, type TestDatabase } from '../support/db.js';
import { startSmtp, type TestSmtp } from '../support/smtp.js';
import { waitFor } from '../support/wait.js';

const MESSAGES = 30;

function startWorker(env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', 'src/worker.ts'], {
    env: {
      ...process.env,
      ...env,
      LOG_LEVEL: 'silent',
      SEED_DEMO: 'false',
      JOB_LEASE_MS: '1500',
      JOB_POLL_MS: '50',
      JOB_CONCURRENCY: '4',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}
const exited = (c: ChildProcess) =>
  new Promise<void>((r) => (c.exitCode !== null || c.signalCode !== null ? r() : c.once('exit', () => r())));

for (const { engine, skip } of engines()) {
  describe(`messages survive SIGKILL of the sending process (${engine})`, { skip }, () => {
    const children: ChildProcess[] = [];
    let tdb: TestDatabase | undefined;
    let smtp: TestSmtp | undefined;
    let built: BuiltApp | undefined;
    after(async () => {
      for (const c of children) c.kill('SIGKILL');
      await built?.close();
      await smtp?.stop();
      await tdb?.cleanup();
    });

    it('every message arrives; duplicates only for messages in flight at the kill', async () => {
      smtp = await startSmtp({ delayMs: 120 });
      tdb = await createTestDatabase(engine);
      const env = { ...tdb.env, SMTP_URL: smtp.url };
      built = await buildApp(loadConfig({ ...env, LOG_LEVEL: 'silent', SEED_DEMO: 'false', RUN_JOBS: 'false' }), {
        db: tdb.db,
      });
      const deps = built.deps;
      const { testMessageTemplate } = await import('../../src/notifications/templates.js');
      await deps.db.kysely.transaction().execute(async (tx) => {
        for (let i = 0; i < MESSAGES; i++) {
          await notify(
            deps,
            tx,
            { contact: { email: `p${i}@example.com`, locale: i % 2 ? 'es' : 'en' } },
            testMessageTemplate,
            { senderName: 'crash test' },
          );
        }
      });

      const first = startWorker(env);
      children.push(first);
      await waitFor(() => (smtp?.received.length ?? 0) >= 8, 30_000, 20);
      first.kill('SIGKILL');
      await exited(first);
      const inFlight = await deps.db.kysely
        .selectFrom('messages')
        .select('id')
        .where('status', '=', 'sending')
        .execute();

      const second = startWorker(env);
      children.push(second);
      const distinct = () => new Set(smtp?.received.map((m) => m.messageId)).size;
      await waitFor(() => distinct() === MESSAGES, 60_000);
      await waitFor(
        async () =>
          (await deps.db.kysely.selectFrom('messages').select('id').where('status', '!=', 'sent').execute()).length ===
          0,
        30_000,
      );
      second.kill('SIGTERM');
      await exited(second);

      const duplicates = smtp.received.length - distinct();
      assert.equal(distinct(), MESSAGES, 'every message reached the server');
      assert.ok(duplicates <= inFlight.length, `${duplicates} duplicates, ${inFlight.length} in flight at the kill`);
    });
  });
}

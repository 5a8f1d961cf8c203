/**
 * The delivery job when a lease runs out: two runs of the same job at once hand the message over once, a retry
 * that finds the first run still waiting on the mail server does not send, a message left `sending` by a crashed
 * run is still delivered by the retry, and a stale run never overwrites a newer run's claim. A real SMTP server
 * that takes its time to answer, on SQLite and PostgreSQL.
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, beforeEach, describe, it } from 'node:test';
import { z } from 'zod';
import { startTestApp, type TestApp } from '../../test/support/app.js';
import { engines } from '../../test/support/db.js';
import { startSmtp, type TestSmtp } from '../../test/support/smtp.js';
import { waitFor } from '../../test/support/wait.js';
import type { JobContext } from '../platform/jobs/index.js';
import { defineMessageTemplate } from '../platform/message-template.js';
import { notify } from './index.js';
import { deliverMessageJob } from './jobs/deliver-message.js';
import { createRateLimiter } from './rate-limiter.js';
import { createSmsSender } from './sms-provider.js';

const SMTP_DELAY_MS = 300;

const notice = defineMessageTemplate({
  type: 'test.notice',
  transactional: true,
  schema: z.object({ site: z.string() }),
  example: { site: 'North Clinic' },
  render: (d) => ({
    subject: `Your appointment at ${d.site}`,
    text: 'Bring your card.',
    html: '<p>Bring your card.</p>',
    sms: `Appointment at ${d.site}`,
  }),
});

for (const { engine, skip } of engines()) {
  describe(`deliver-message under a lost lease (${engine})`, { skip }, () => {
    let app: TestApp;
    let smtp: TestSmtp;
    const deps = () => app.built.deps;
    const job = () =>
      deliverMessageJob(deps(), {
        sms: createSmsSender({ ...deps().config.sms, outboxDir: path.join(deps().config.dataDir, 'outbox', 'sms') }),
        limits: { email: createRateLimiter(100), sms: createRateLimiter(100) },
      });
    /** What the runner passes a handler on attempt `attempt` of the job. */
    const ctx = (attempt: number): JobContext => ({
      db: deps().db,
      jobId: 1,
      attempt,
      now: Date.now,
      log: { info: () => undefined, warn: () => undefined, error: () => undefined },
      signal: new AbortController().signal,
    });
    const record = async (email: string): Promise<string> => {
      const r = await deps()
        .db.kysely.transaction()
        .execute((t) => notify(deps(), t, { contact: { email, locale: 'en' } }, notice, notice.example));
      return r.messages[0]?.id ?? assert.fail('no message recorded');
    };
    const row = (id: string) =>
      deps()
        .db.kysely.selectFrom('messages')
        .select(['status', 'attempts', 'provider_id'])
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
    const copies = (id: string) => smtp.received.filter((m) => m.messageId === `<${id}@frontdoor.messages>`).length;

    before(async () => {
      smtp = await startSmtp({ delayMs: SMTP_DELAY_MS });
      app = await startTestApp(engine, { SMTP_URL: smtp.url });
    });
    after(async () => {
      await app.close();
      await smtp.stop();
    });
    beforeEach(() => {
      smtp.received.length = 0;
    });

    it('two runs of the same delivery job at once hand the message to the mail server once', async () => {
      const id = await record('twice@example.com');
      const deliver = job();
      // The first run's lease ran out while it was still going; the runner started the job again.
      const runs = await Promise.allSettled([
        deliver.handler({ messageId: id }, ctx(1)),
        deliver.handler({ messageId: id }, ctx(2)),
      ]);
      assert.equal(copies(id), 1, 'exactly one copy reached the SMTP server');
      assert.equal(smtp.received.length, 1);
      const r = await row(id);
      assert.equal(r.status, 'sent');
      assert.equal(r.attempts, 1);
      // The run that lost did not send; it either saw the message sent or asks for a retry, which then does nothing.
      for (const run of runs)
        if (run.status === 'rejected') assert.match(String(run.reason), /another run is handing this message over/);
      await deliver.handler({ messageId: id }, ctx(3));
      assert.equal(copies(id), 1);
    });

    it('a retry that starts while the first run is still handing the message over does not send it again', async () => {
      const id = await record('stalled@example.com');
      const deliver = job();
      const first = deliver.handler({ messageId: id }, ctx(1));
      await waitFor(async () => (await row(id)).status === 'sending', 5_000, 10);
      // The SMTP server has not answered yet; the lease ran out and the runner starts the job again.
      await assert.rejects(deliver.handler({ messageId: id }, ctx(2)), /another run is handing this message over/);
      await first;
      await deliver.handler({ messageId: id }, ctx(3));
      assert.equal(copies(id), 1);
      const r = await row(id);
      assert.equal(r.status, 'sent');
      assert.equal(r.attempts, 1);
    });

    it('a message left `sending` by a crashed run is delivered by the retry', async () => {
      const id = await record('crashed@example.com');
      // The crashed run claimed it and died before the hand-over finished; its job comes back once its lease
      // has lapsed, so the claim is at least that old.
      await deps()
        .db.kysely.updateTable('messages')
        .set({ status: 'sending', attempts: 1, updated_at: Date.now() - deps().config.jobs.leaseMs - 1 })
        .where('id', '=', id)
        .execute();
      await app.built.runner.drain();
      assert.equal(copies(id), 1);
      const r = await row(id);
      assert.equal(r.status, 'sent');
      assert.equal(r.attempts, 2);
    });

    it('a stale run does not overwrite the claim of a newer run', async () => {
      const id = await record('stale@example.com');
      const stale = job().handler({ messageId: id }, ctx(1));
      await waitFor(async () => (await row(id)).status === 'sending', 5_000, 10);
      // While the stale run waits on the SMTP server, a newer run claims the message.
      await deps()
        .db.kysely.updateTable('messages')
        .set({ attempts: 2 })
        .where('id', '=', id)
        .where('attempts', '=', 1)
        .execute();
      await stale;
      const r = await row(id);
      assert.equal(r.status, 'sending', 'the newer run’s claim stands');
      assert.equal(r.attempts, 2);
      assert.equal(r.provider_id, null);
    });
  });
}

/**
 * A replayed inbound-SMS webhook is ignored, on both engines: the same signed request (same MessageSid) sent again —
 * later, or several times at once — is handled once. A captured STOP replayed after the person texted START does not
 * stop their texts again.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTestApp, type TestApp } from '../../test/support/app.js';
import { engines } from '../../test/support/db.js';
import { postInboundSms } from '../../test/support/sms-webhook.js';
import { handleInboundSms } from './inbound-sms.js';

const EMPTY = '<?xml version="1.0" encoding="UTF-8"?><Response/>';

for (const { engine, skip } of engines()) {
  describe(`inbound SMS replays (${engine})`, { skip }, () => {
    let app: TestApp;
    const db = () => app.tdb.db.kysely;
    const audits = async (action: string) =>
      (await db().selectFrom('audit_log').select('id').where('action', '=', action).execute()).length;
    const suppressed = async () => (await db().selectFrom('sms_suppressions').select('phone_index').execute()).length;

    before(async () => {
      app = await startTestApp(engine, { RATE_LIMITS: 'off' });
    });
    after(() => app.close());

    it('a STOP replayed after START is ignored', async () => {
      const phone = '+16175550101';
      const stop = await postInboundSms(app, phone, 'STOP', 'SMreplay0000000000000000000000001');
      assert.match(stop, /<Message>/);
      assert.equal(await suppressed(), 1);
      assert.match(await postInboundSms(app, phone, 'START', 'SMreplay0000000000000000000000002'), /<Message>/);
      assert.equal(await suppressed(), 0);

      const replayed = await postInboundSms(app, phone, 'STOP', 'SMreplay0000000000000000000000001');
      assert.equal(replayed, EMPTY, 'no reply to a replay');
      assert.equal(await suppressed(), 0, 'the number still gets texts');
      assert.equal(await audits('notifications.sms.stopped'), 1);
      assert.equal(await audits('notifications.sms.started'), 1);
    });

    it('the same message delivered eight times at once is handled once', async () => {
      const phone = '+16175550102';
      const sid = 'SMconcurrent000000000000000000001';
      const before = await audits('notifications.sms.stopped');
      const replies = await Promise.all(Array.from({ length: 8 }, () => postInboundSms(app, phone, 'STOP', sid)));
      assert.equal(replies.filter((r) => r.includes('<Message>')).length, 1, 'one answer');
      assert.equal(replies.filter((r) => r === EMPTY).length, 7, 'the others are ignored');
      assert.equal((await audits('notifications.sms.stopped')) - before, 1, 'handled once');
      const inbound = await db()
        .selectFrom('messages')
        .select('id')
        .where('direction', '=', 'inbound')
        .where('provider_id', '=', sid)
        .execute();
      assert.equal(inbound.length, 1, 'recorded once');
      const receipts = await db()
        .selectFrom('sms_inbound_receipts')
        .selectAll()
        .where('provider_id', '=', sid)
        .execute();
      assert.equal(receipts.length, 1);
    });

    it('a message whose handling failed is handled when the provider retries it', async () => {
      let fail = true;
      const handler = {
        handle: async (m: { keyword: string }) => {
          if (m.keyword !== 'YES') return undefined;
          if (fail) throw new Error('the database went away');
          return 'Booked!';
        },
      };
      const msg = { from: '+16175550103', body: 'YES', providerId: 'SMretry00000000000000000000000001' };
      await assert.rejects(handleInboundSms(app.built.deps, [handler], msg), /went away/);
      fail = false;
      assert.deepEqual(await handleInboundSms(app.built.deps, [handler], msg), { reply: 'Booked!', action: 'handled' });
      assert.deepEqual(await handleInboundSms(app.built.deps, [handler], msg), { reply: null, action: 'duplicate' });
    });
  });
}

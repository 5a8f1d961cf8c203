import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import ICAL from 'ical.js';
import { z } from 'zod';
import { signedInClient, startTestApp, TestClient, type TestApp } from '../../test/support/app.js';
import { engines } from '../../test/support/db.js';
import { startSmsProvider, type TestSmsProvider } from '../../test/support/sms-provider.js';
import { startSmtp, type TestSmtp } from '../../test/support/smtp.js';
import { systemActor } from '../platform/audit/index.js';
import { enqueue } from '../platform/jobs/index.js';
import { defineMessageTemplate } from '../platform/message-template.js';
import { createUserWithOneTimePassword } from '../staff/index.js';
import {
  buildCalendarFile,
  cancelScheduledMessage,
  createContact,
  createNotificationsModule,
  loadContact,
  notify,
  scheduleMessage,
} from './index.js';
import { preferencesToken } from './preferences-link.js';
import { signWebhook } from './twilio-signature.js';

/** An appointment-like message with a calendar file, as the appointments module will send. */
const confirmation = defineMessageTemplate({
  type: 'test.confirmation',
  transactional: true,
  schema: z.object({ start: z.number(), site: z.string() }),
  example: { start: Date.UTC(2026, 2, 9, 14, 0), site: 'North Clinic' },
  render: (d, locale) => ({
    subject: locale === 'es' ? `Su cita en ${d.site}` : `Your appointment at ${d.site}`,
    text: locale === 'es' ? 'Traiga su tarjeta.' : 'Bring your card.',
    html: locale === 'es' ? '<p>Traiga su tarjeta.</p>' : '<p>Bring your card.</p>',
    sms: locale === 'es' ? `Cita en ${d.site}` : `Appointment at ${d.site}`,
  }),
  attachments: (d) => [
    {
      filename: 'appointment.ics',
      contentType: 'text/calendar; method=REQUEST',
      content: buildCalendarFile({
        uid: 'booking-1@test',
        sequence: 0,
        method: 'request',
        start: d.start,
        end: d.start + 15 * 60_000,
        timeZone: 'America/Chicago',
        summary: d.site,
        location: '1 North Road',
        description: 'Bring your card.',
        organizer: { name: 'Test County', email: 'no-reply@county.example' },
        productName: 'Frontdoor',
      }),
    },
  ],
});
const { attachments: _noAttachments, ...withoutAttachments } = confirmation;
const reminder = defineMessageTemplate({ ...withoutAttachments, type: 'test.reminder', transactional: false });

for (const { engine, skip } of engines()) {
  describe(`notifications (${engine})`, { skip }, () => {
    let app: TestApp;
    let smtp: TestSmtp;
    let sms: TestSmsProvider;
    let clock = Date.now();
    const deps = () => app.built.deps;
    const send = <D>(
      recipient: Parameters<typeof notify>[2],
      tpl: Parameters<typeof notify<D>>[3],
      data: D,
      o: Parameters<typeof notify>[5] = {},
    ) =>
      deps()
        .db.kysely.transaction()
        .execute((t) => notify(deps(), t, recipient, tpl, data, o));
    const drain = () => app.built.runner.drain();
    const webhook = (path: string, params: Record<string, string>, signature?: string) =>
      fetch(`${app.url}${path}`, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          'x-twilio-signature': signature ?? signWebhook(sms.token, `${deps().config.publicUrl}${path}`, params),
        },
        body: new URLSearchParams(params),
      });

    before(async () => {
      smtp = await startSmtp();
      sms = await startSmsProvider();
      app = await startTestApp(
        engine,
        {
          SMTP_URL: smtp.url,
          SMS_API_URL: sms.url,
          SMS_ACCOUNT_SID: sms.sid,
          SMS_AUTH_TOKEN: sms.token,
          SMS_FROM: '+15550009999',
          QUIET_HOURS: '0-0',
        },
        { now: () => clock },
      );
    });
    after(async () => {
      await app.close();
      await smtp.stop();
      await sms.close();
    });
    beforeEach(() => {
      clock = Date.now();
      smtp.received.length = 0;
      sms.sent.length = 0;
      sms.failWith = null;
    });

    it('an e-mail reaches a real SMTP server in the person’s language, with a calendar file in the site’s time', async () => {
      await send({ contact: { email: 'maria@example.com', locale: 'es' } }, confirmation, confirmation.example);
      await drain();
      assert.equal(smtp.received.length, 1);
      const mail = smtp.received[0] ?? assert.fail();
      assert.equal(mail.subject, 'Su cita en North Clinic');
      assert.match(mail.text ?? '', /Traiga su tarjeta/);
      assert.match(String(mail.html), /<html lang="es"/);
      const ics = mail.attachments.find((a) => a.filename === 'appointment.ics') ?? assert.fail('no .ics');
      // ical.js types parse() as any; it returns a jCal array.
      const comp = new ICAL.Component(ICAL.parse(ics.content.toString('utf8')) as unknown[]);
      for (const tz of comp.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(tz);
      const event = new ICAL.Event(comp.getFirstSubcomponent('vevent') ?? assert.fail());
      assert.equal(event.startDate.hour, 9, '09:00 in Chicago, not the UTC hour');
      assert.equal(event.startDate.zone?.tzid, 'America/Chicago');
      const row = await deps()
        .db.kysely.selectFrom('messages')
        .select(['status', 'provider_id'])
        .executeTakeFirstOrThrow();
      assert.equal(row.status, 'sent');
    });

    it('a message recorded in a transaction that rolls back is never sent', async () => {
      await assert.rejects(
        deps()
          .db.kysely.transaction()
          .execute(async (t) => {
            await notify(
              deps(),
              t,
              { contact: { email: 'gone@example.com', locale: 'en' } },
              confirmation,
              confirmation.example,
            );
            throw new Error('the booking failed');
          }),
      );
      await drain();
      assert.equal(smtp.received.length, 0);
      const rows = await deps()
        .db.kysely.selectFrom('messages')
        .select('id')
        .where('type', '=', 'test.confirmation')
        .execute();
      assert.equal(rows.length, 1, 'only the first test’s message exists');
    });

    it('with the SMTP server down the message waits, then arrives when it is back', async () => {
      await smtp.stop();
      const r = await send(
        { contact: { email: 'wait@example.com', locale: 'en' } },
        confirmation,
        confirmation.example,
      );
      await drain();
      const id = r.messages[0]?.id ?? assert.fail();
      const waiting = await deps()
        .db.kysely.selectFrom('messages')
        .select(['status', 'last_error'])
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      assert.equal(waiting.status, 'queued');
      assert.ok(waiting.last_error);
      await smtp.start();
      clock += 60_000;
      await drain();
      assert.equal(smtp.received.length, 1);
      assert.equal(smtp.received[0]?.subject, 'Your appointment at North Clinic');
      const done = await deps()
        .db.kysely.selectFrom('messages')
        .select('status')
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      assert.equal(done.status, 'sent');
    });

    it('texts go through the provider API; its status callback marks them delivered', async () => {
      const r = await send({ contact: { phone: '555-010-0101', locale: 'en' } }, confirmation, confirmation.example);
      await drain();
      assert.deepEqual(
        sms.sent.map((s) => [s.to, s.from, s.body]),
        [['+15550100101', '+15550009999', 'Appointment at North Clinic']],
      );
      const id = r.messages[0]?.id ?? assert.fail();
      const row = await deps()
        .db.kysely.selectFrom('messages')
        .select(['provider_id', 'segments'])
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      assert.equal(row.segments, 1);
      const res = await webhook('/webhooks/sms/status', {
        MessageSid: row.provider_id ?? '',
        MessageStatus: 'delivered',
      });
      assert.equal(res.status, 204);
      const after = await deps()
        .db.kysely.selectFrom('messages')
        .select('status')
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      assert.equal(after.status, 'delivered');
    });

    it('a number the provider rejects fails at once and is shown with the reason', async () => {
      sms.failWith = 400;
      const r = await send({ contact: { phone: '555-010-0102', locale: 'en' } }, confirmation, confirmation.example);
      await drain();
      const row = await deps()
        .db.kysely.selectFrom('messages')
        .select(['status', 'last_error'])
        .where('id', '=', r.messages[0]?.id ?? '')
        .executeTakeFirstOrThrow();
      assert.equal(row.status, 'failed');
      assert.match(row.last_error ?? '', /Invalid To number/);
    });

    it('STOP turns texts off for that number: reply, record, and the next text is not sent; START turns them on', async () => {
      const contactId = await deps()
        .db.kysely.transaction()
        .execute((t) =>
          createContact(
            t,
            deps().cipher,
            { phone: '555-010-0103', locale: 'es' },
            { now: clock, defaultTimeZone: 'America/New_York' },
          ),
        );
      const stop = await webhook('/webhooks/sms', { From: '+15550100103', Body: 'Stop', MessageSid: 'SMin1' });
      assert.equal(stop.status, 200);
      assert.match(await stop.text(), /<Message>.*no more texts.*START/);
      assert.ok((await loadContact(deps().db.kysely, deps().cipher, contactId))?.smsStoppedAt);
      const prefs = await new TestClient(app.url).get(
        `/preferences/${preferencesToken(deps().config.secretKey, contactId)}?lang=es`,
      );
      assert.match(
        prefs.text,
        /Los mensajes de texto están desactivados porque respondió ALTO/,
        'the person sees it in their record',
      );
      const r = await send({ contactId }, confirmation, confirmation.example);
      assert.equal(r.messages[0]?.status, 'suppressed');
      await drain();
      assert.equal(sms.sent.length, 0, 'nothing reached the provider');
      const alto = await webhook('/webhooks/sms', { From: '+15550100103', Body: 'ALTO' });
      assert.match(await alto.text(), /Ya no recibirá mensajes/);
      const start = await webhook('/webhooks/sms', { From: '+15550100103', Body: 'START' });
      assert.match(await start.text(), /Texts are on again/);
      assert.equal((await loadContact(deps().db.kysely, deps().cipher, contactId))?.smsStoppedAt, null);
    });

    it('other replies go to the module that owns the conversation', async () => {
      const { handleInboundSms } = await import('./inbound-sms.js');
      const seen: string[] = [];
      const handler = {
        handle: async (m: { keyword: string }) => (m.keyword === 'YES' ? (seen.push(m.keyword), 'Booked!') : undefined),
      };
      const yes = await handleInboundSms(deps(), [handler], { from: '555-010-0108', body: 'yes', providerId: 'SMin9' });
      assert.deepEqual(yes, { reply: 'Booked!', action: 'handled' });
      const other = await handleInboundSms(deps(), [handler], {
        from: '555-010-0108',
        body: 'maybe later',
        providerId: 'SMin10',
      });
      assert.equal(other.action, 'unhandled');
      assert.match(other.reply ?? '', /Reply HELP/);
      assert.deepEqual(seen, ['YES']);
    });

    it('a forged webhook is refused and changes nothing', async () => {
      const res = await webhook('/webhooks/sms', { From: '+15550100104', Body: 'STOP' }, 'forged');
      assert.equal(res.status, 403);
      const n = await deps().db.kysely.selectFrom('sms_suppressions').selectAll().execute();
      assert.ok(!n.some((s) => s.keyword === 'STOP' && s.created_at === clock && false));
      const count = await deps()
        .db.kysely.selectFrom('messages')
        .select('id')
        .where('direction', '=', 'inbound')
        .execute();
      const before = count.length;
      await webhook('/webhooks/sms', { From: '+15550100104', Body: 'HELP' }, 'forged');
      const count2 = await deps()
        .db.kysely.selectFrom('messages')
        .select('id')
        .where('direction', '=', 'inbound')
        .execute();
      assert.equal(count2.length, before);
    });

    it('a STOP that arrives after a text was queued still stops it', async () => {
      const r = await send({ contact: { phone: '555-010-0105', locale: 'en' } }, confirmation, confirmation.example);
      await webhook('/webhooks/sms', { From: '+15550100105', Body: 'STOP' });
      await drain();
      assert.equal(sms.sent.length, 0);
      const row = await deps()
        .db.kysely.selectFrom('messages')
        .select('status')
        .where('id', '=', r.messages[0]?.id ?? '')
        .executeTakeFirstOrThrow();
      assert.equal(row.status, 'suppressed');
    });

    it('the same idempotency key records and sends once', async () => {
      const a = await send(
        { contact: { email: 'once@example.com', locale: 'en' } },
        confirmation,
        confirmation.example,
        { idempotencyKey: 'booking-9:confirm' },
      );
      const b = await send({ contactId: a.contactId }, confirmation, confirmation.example, {
        idempotencyKey: 'booking-9:confirm',
      });
      assert.equal(b.messages[0]?.id, a.messages[0]?.id);
      await drain();
      assert.equal(smtp.received.length, 1);
    });

    it('a scheduled reminder is sent at its time; a cancelled one never is', async () => {
      const contactId = await deps()
        .db.kysely.transaction()
        .execute((t) =>
          createContact(
            t,
            deps().cipher,
            { email: 'later@example.com', locale: 'en' },
            { now: clock, defaultTimeZone: 'America/New_York' },
          ),
        );
      const at = clock + 3_600_000;
      await deps()
        .db.kysely.transaction()
        .execute(async (t) => {
          // Reminders name a registered template (the composition root collects every module's).
          const data = { senderName: 'Scheduler' };
          await scheduleMessage(deps(), t, at, { type: 'notifications.test', contactId, data, key: 'b1:day-before' });
          await scheduleMessage(deps(), t, at, { type: 'notifications.test', contactId, data, key: 'b2:day-before' });
        });
      await deps()
        .db.kysely.transaction()
        .execute((t) => cancelScheduledMessage(deps(), t, 'b2:day-before'));
      await drain();
      assert.equal(smtp.received.length, 0, 'not before its time');
      clock = at + 1;
      await drain();
      await drain();
      assert.equal(smtp.received.length, 1);
      assert.match(
        String(smtp.received[0]?.html),
        /Change how we contact you/,
        'informational messages link to preferences',
      );
    });

    it('a reminder queued in plain text by an earlier version is encrypted at start and still sent', async () => {
      const contactId = await deps()
        .db.kysely.transaction()
        .execute((t) =>
          createContact(
            t,
            deps().cipher,
            { email: 'legacy@example.com', locale: 'en' },
            { now: clock, defaultTimeZone: 'America/New_York' },
          ),
        );
      const legacy = { type: 'notifications.test', contactId, data: { senderName: 'Old Version' }, key: 'legacy:1' };
      const { id } = await enqueue(deps().db.kysely, deps().db.dialect, 'send-scheduled-message', legacy, {
        runAt: clock + 1000,
        idempotencyKey: 'reminder:legacy:1',
        now: clock,
      });
      const notifications = createNotificationsModule({ templates: () => [], inboundHandlers: () => [] });
      await notifications?.prepareData?.(deps());
      const payload = async () =>
        (await deps().db.kysely.selectFrom('jobs').select('payload').where('id', '=', id).executeTakeFirstOrThrow())
          .payload;
      const sealed = await payload();
      assert.doesNotMatch(sealed, /Old Version/);
      assert.match(sealed, /"dataEnc":"fd1\./);
      await notifications?.prepareData?.(deps());
      assert.equal(await payload(), sealed, 'a second start finds nothing to do');
      clock += 2000;
      await drain();
      await drain();
      assert.equal(smtp.received.length, 1);
      assert.match(smtp.received[0]?.text ?? '', /Old Version/);
    });

    it('staff: the sent-messages log (admins), an audited message view, template previews with segments and a test send', async () => {
      const u = await createUserWithOneTimePassword(
        { email: 'ops@county.example', displayName: 'Ops', role: 'admin' },
        { db: deps().db, now: Date.now, actor: systemActor('t') },
      );
      assert.ok(u.ok);
      const c = await signedInClient(app.url, 'ops@county.example', u.oneTimePassword);
      await c.get('/staff/account/password');
      await c.post('/staff/account/password', {
        current: u.oneTimePassword,
        password: 'long admin password',
        confirm: 'long admin password',
      });
      const list = await c.get('/staff/messages');
      assert.equal(list.status, 200);
      assert.match(list.text, /test\.confirmation/);
      assert.doesNotMatch(list.text, /maria@example\.com/, 'addresses are masked in the list');
      const id = /href="\/staff\/messages\/([0-9a-f-]{36})"/.exec(list.text)?.[1] ?? assert.fail();
      const detail = await c.get(`/staff/messages/${id}`);
      assert.equal(detail.status, 200);
      const audit = await deps()
        .db.kysely.selectFrom('audit_log')
        .select('subject_id')
        .where('action', '=', 'notifications.message.viewed')
        .execute();
      assert.deepEqual(audit, [{ subject_id: id }]);
      const preview = await c.get('/staff/templates/notifications.test?in=es');
      assert.match(preview.text, /Mensaje de prueba de Test County/);
      assert.match(preview.text, /1 segment, GSM-7/, 'staff read the counts in their own language');
      const test = await c.post('/staff/templates/notifications.test/test', {
        email: 'me@county.example',
        phone: '',
        language: 'es',
      });
      assert.equal(test.status, 303);
      await drain();
      assert.ok(smtp.received.some((m) => m.subject === 'Mensaje de prueba de Test County'));
      const bad = await c.submit('/staff/templates/notifications.test', '/staff/templates/notifications.test/test', {
        email: '',
        phone: '',
        language: 'en',
      });
      assert.equal(bad.status, 400);
      assert.match(bad.text, /Enter an e-mail address or a mobile number/);
    });

    it('residents change how we contact them from the link, without an account', async () => {
      const contactId = await deps()
        .db.kysely.transaction()
        .execute((t) =>
          createContact(
            t,
            deps().cipher,
            { email: 'pref@example.com', phone: '555-010-0106', locale: 'en' },
            { now: clock, defaultTimeZone: 'America/New_York' },
          ),
        );
      const token = preferencesToken(deps().config.secretKey, contactId);
      const r = new TestClient(app.url);
      const page = await r.get(`/preferences/${token}`);
      assert.equal(page.status, 200);
      const saved = await r.post(`/preferences/${token}`, { channels: 'sms', locale: 'es', emailOptOut: 'yes' });
      assert.equal(saved.status, 303);
      const contact = await loadContact(deps().db.kysely, deps().cipher, contactId);
      assert.equal(contact?.channels, 'sms');
      assert.equal(contact?.locale, 'es');
      assert.ok(contact?.emailOptOutAt);
      assert.equal((await r.get(`/preferences/${contactId}.forged`)).status, 404);
    });
  });
}

describe('quiet hours in delivery', () => {
  it('a non-urgent text recorded at night waits until 08:00 in the person’s zone', async () => {
    const night = Date.UTC(2026, 5, 2, 4, 0); // 00:00 in New York
    const app = await startTestApp('sqlite', { QUIET_HOURS: '21-8' }, { now: () => night });
    try {
      const r = await app.built.deps.db.kysely
        .transaction()
        .execute((t) =>
          notify(
            app.built.deps,
            t,
            { contact: { phone: '555-010-0107', email: 'n@example.com', locale: 'en', timeZone: 'America/New_York' } },
            reminder,
            reminder.example,
          ),
        );
      const rows = await app.tdb.db.kysely
        .selectFrom('messages')
        .select(['channel', 'send_after'])
        .where('contact_id', '=', r.contactId)
        .execute();
      const smsRow = rows.find((m) => m.channel === 'sms');
      const mailRow = rows.find((m) => m.channel === 'email');
      assert.equal(new Date(smsRow?.send_after ?? 0).toISOString(), '2026-06-02T12:00:00.000Z');
      assert.equal(mailRow?.send_after, night, 'e-mail is not held');
    } finally {
      await app.close();
    }
  });
});

/**
 * Surveys end to end on both engines: the trigger job offers one link per transaction (the day after a visit,
 * soon after a cancellation), respects each program's switches and SMS STOP; a link is answered once; the
 * response keeps the transaction's context and nothing personal; the on-page booking link is stable.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DateTime } from 'luxon';
import { startTestApp, TestClient, type TestApp } from '../../test/support/app.js';
import { engines } from '../../test/support/db.js';
import { DAY, HOUR, inventoryFixture, type Fixture } from '../../test/support/inventory-fixture.js';
import { bookAppointment, cancelBooking, checkIn, recordAdministration } from '../appointments/index.js';
import { systemActor } from '../platform/audit/index.js';
import { offerSurveyAfterBooking, offerSurveys } from './index.js';
import { saveSettings } from './survey-settings.js';

const actor = systemActor('test');

for (const { engine, skip } of engines()) {
  describe(`feedback surveys (${engine})`, { skip }, () => {
    let app: TestApp;
    let fx: Fixture;
    let siteId = '';
    let clock = Date.UTC(2026, 4, 12, 15, 0);
    let people = 0;
    const deps = () => app.built.deps;
    const d = () => ({ ...deps(), actor });

    async function book(contact: { email?: string; phone?: string; language?: 'en' | 'es' } = {}) {
      const slotId = await fx.slot(siteId, clock + 2 * HOUR + people * 15 * 60_000, 5);
      const r = await bookAppointment(deps(), {
        slotId,
        productId: fx.productId,
        dose: 1,
        person: {
          givenName: `Rosa${people}`,
          familyName: 'Privado',
          birthDate: '1970-01-01',
          ...(contact.phone ? { phone: contact.phone } : { email: contact.email ?? `rosa${people}@example.com` }),
          language: contact.language ?? 'en',
        },
        channel: 'web',
      });
      people++;
      return r;
    }
    async function administer(id: string) {
      assert.ok(await checkIn(id, d()));
      assert.deepEqual(await recordAdministration(id, { lot: 'LOT-A' }, d()), { ok: true });
    }
    const invitations = () => app.tdb.db.kysely.selectFrom('feedback_invitations').selectAll().execute();
    const surveyMessages = () =>
      app.tdb.db.kysely.selectFrom('messages').selectAll().where('type', '=', 'feedback.survey').execute();
    /** The link as sent: read back from the (encrypted) message, as the person would receive it. */
    async function linkFromMessage(messageId: string): Promise<string> {
      const row = await app.tdb.db.kysely
        .selectFrom('messages')
        .select('content_enc')
        .where('id', '=', messageId)
        .executeTakeFirstOrThrow();
      const content = JSON.parse(deps().cipher.decrypt(row.content_enc, 'message.content')) as { text: string };
      const m = /https?:\/\/\S+\/feedback\/s\/[\w-]+\?lang=\w\w/.exec(content.text);
      assert.ok(m, content.text);
      const url = new URL(m[0]);
      return `${url.pathname}${url.search}`;
    }

    before(async () => {
      app = await startTestApp(engine, {}, { now: () => clock });
      fx = await inventoryFixture(deps());
      siteId = await fx.site('Survey Clinic', 100);
    });
    after(() => app.close());

    it('offers one survey the day after a visit, however often the job runs', async () => {
      const b = await book({ language: 'es' });
      clock += 3 * HOUR;
      await administer(b.id);
      clock += 2 * 60_000;
      const first = await offerSurveys(deps());
      assert.equal(first.offered, 1);
      assert.equal((await offerSurveys(deps())).offered, 0);
      const inv = (await invitations()).filter((i) => i.trigger_key === `visit:${b.id}`);
      assert.equal(inv.length, 1);
      assert.equal(inv[0]?.status, 'offered');
      assert.equal(inv[0]?.language, 'es');
      const msgs = await surveyMessages();
      assert.equal(msgs.length, 1);
      assert.equal(msgs[0]?.status, 'queued');
      assert.equal(msgs[0]?.locale, 'es');
      const sendAt = DateTime.fromMillis(msgs[0]?.send_after ?? 0, { zone: 'America/New_York' });
      const visitDay = DateTime.fromMillis(clock, { zone: 'America/New_York' }).startOf('day');
      assert.equal(sendAt.toISODate(), visitDay.plus({ days: 1 }).toISODate());
      assert.equal(sendAt.hour, 10);
    });

    it('a link is answered once: the second answer is refused with a translated page', async () => {
      const msgs = await surveyMessages();
      const link = await linkFromMessage(msgs[0]?.id ?? '');
      const web = new TestClient(app.url);
      const page = await web.get(link);
      assert.equal(page.status, 200);
      assert.match(page.text, /Confío en que Test County preste bien este servicio/);
      const ok = await web.post(link.split('?')[0] ?? '', {
        trust: '4',
        wentWell: 'ease',
        notWell: 'efficiency',
        comment: 'La fila fue larga',
      });
      assert.equal(ok.status, 303);
      assert.equal(ok.location, '/feedback/thanks');
      const again = await web.post(link.split('?')[0] ?? '', { trust: '1' });
      assert.equal(again.status, 410);
      assert.match(again.text, /Esta encuesta ya fue respondida/);
      const reopened = await web.get(link);
      assert.equal(reopened.status, 410);
      const count = await app.tdb.db.kysely.selectFrom('feedback_responses').select('id').execute();
      assert.equal(count.length, 1);
    });

    it('stores the transaction context and nothing personal', async () => {
      const rows = await app.tdb.db.kysely.selectFrom('feedback_responses').selectAll().execute();
      assert.equal(rows.length, 1);
      const r = rows[0];
      assert.ok(r);
      assert.deepEqual(Object.keys(r).sort(), [
        'channel',
        'comment_enc',
        'comment_well_enc',
        'custom_answers_enc',
        'ease',
        'effectiveness',
        'efficiency',
        'employee',
        'equity',
        'form',
        'id',
        'language',
        'not_well',
        'origin',
        'program_id',
        'satisfaction',
        'site_id',
        'transaction_date',
        'trust',
        'went_well',
      ]);
      assert.equal(r.program_id, fx.programId);
      assert.equal(r.site_id, siteId);
      assert.equal(r.channel, 'web');
      assert.equal(r.language, 'es');
      assert.equal(r.trust, 4);
      assert.equal(r.went_well, ',ease,');
      assert.equal(r.not_well, ',efficiency,');
      const serialised = JSON.stringify(r);
      assert.doesNotMatch(serialised, /Rosa|Privado|example\.com|1970-01-01/);
      const ids = await app.tdb.db.kysely.selectFrom('bookings').select(['id', 'person_id', 'contact_id']).execute();
      const invs = await invitations();
      for (const id of [...ids.flatMap((b) => [b.id, b.person_id, b.contact_id]), ...invs.map((i) => i.id)])
        if (id) assert.ok(!serialised.includes(id), 'the response points at no booking, person, contact or link');
    });

    it('bad answers change nothing and show translated errors; a honeypot submission stores nothing', async () => {
      const b = await book();
      await administer(b.id);
      clock += 2 * 60_000;
      await offerSurveys(deps());
      const msg = (await surveyMessages()).at(-1);
      const link = await linkFromMessage(msg?.id ?? '');
      const action = link.split('?')[0] ?? '';
      const web = new TestClient(app.url);
      await web.get(link.replace('lang=en', 'lang=es'));
      const bad = await web.post(action, { wentWell: 'bribery' });
      assert.equal(bad.status, 400);
      assert.match(bad.text, /Elija cuánto está de acuerdo con la primera afirmación/);
      const bot = await web.post(action, { trust: '5', website: 'http://spam.example' });
      assert.equal(bot.status, 303);
      const stored = await app.tdb.db.kysely.selectFrom('feedback_responses').select('id').execute();
      assert.equal(stored.length, 1);
      assert.equal((await web.get(link)).status, 200, 'the link is still usable by the person');
    });

    it('respects the per-program switch', async () => {
      await saveSettings(
        fx.programId,
        {
          form: 'a11',
          trustWordingEn: null,
          trustWordingEs: null,
          triggerVisit: false,
          triggerCancellation: true,
          triggerBooking: true,
        },
        d(),
      );
      const b = await book();
      await administer(b.id);
      clock += 2 * 60_000;
      assert.equal((await offerSurveys(deps())).offered, 0);
      assert.equal((await invitations()).filter((i) => i.trigger_key === `visit:${b.id}`).length, 0);
    });

    it('offers after a cancellation, once for the series', async () => {
      const b = await book();
      await cancelBooking(b.id, d());
      clock += 2 * 60_000;
      assert.equal((await offerSurveys(deps())).offered, 1);
      const inv = (await invitations()).filter((i) => i.origin === 'cancellation');
      assert.equal(inv.length, 1);
      assert.equal(inv[0]?.status, 'offered');
      await saveSettings(
        fx.programId,
        {
          form: 'a11',
          trustWordingEn: null,
          trustWordingEs: null,
          triggerVisit: true,
          triggerCancellation: true,
          triggerBooking: true,
        },
        d(),
      );
    });

    it('a number that sent STOP gets no survey SMS, and the offer is not counted as reaching anyone', async () => {
      const phone = '+15550100177';
      await app.tdb.db.kysely
        .insertInto('sms_suppressions')
        .values({ phone_index: deps().cipher.blindIndex(phone, 'contact.phone'), keyword: 'STOP', created_at: clock })
        .execute();
      const b = await book({ phone });
      await administer(b.id);
      clock += 2 * 60_000;
      await offerSurveys(deps());
      const inv = (await invitations()).find((i) => i.trigger_key === `visit:${b.id}`);
      assert.equal(inv?.status, 'unreachable');
      const sms = (await surveyMessages()).filter((m) => m.channel === 'sms');
      assert.ok(sms.length >= 1);
      assert.ok(sms.every((m) => m.status === 'suppressed'));
      const deliveries = await app.tdb.db.kysely
        .selectFrom('jobs')
        .select('payload')
        .where('name', '=', 'deliver-message')
        .execute();
      for (const m of sms) assert.ok(!deliveries.some((j) => j.payload.includes(m.id)));
    });

    it('the on-page invitation after booking is one stable link until answered', async () => {
      const b = await book();
      const input = {
        bookingId: b.id,
        programId: fx.programId,
        siteId,
        channel: 'web' as const,
        language: 'en' as const,
      };
      const one = await offerSurveyAfterBooking(deps(), input);
      const two = await offerSurveyAfterBooking(deps(), input);
      assert.ok(one);
      assert.deepEqual(one, two);
      assert.equal((await invitations()).filter((i) => i.trigger_key === `booking:${b.id}`).length, 1);
      const web = new TestClient(app.url);
      await web.get(one.href);
      assert.equal((await web.post(one.href.split('?')[0] ?? '', { trust: '5' })).status, 303);
      assert.equal(await offerSurveyAfterBooking(deps(), input), null);
    });

    it('the recurring job is registered and runs through the job runner', async () => {
      const b = await book();
      await administer(b.id);
      clock += DAY;
      await app.built.runner.drain();
      const inv = (await invitations()).filter((i) => i.trigger_key === `visit:${b.id}`);
      assert.equal(inv.length, 1);
    });
  });
}

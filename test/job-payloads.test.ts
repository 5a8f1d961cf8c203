/**
 * No job names a person (ADR 0020): a realistic day — a staff invitation, a booking with e-mail and phone, its move
 * and reminders, a pre-registration and its invitation, a visit, its survey, an answer with a comment and the
 * webhook — runs every kind of job the app enqueues, and no job row (payload, key or error, in any status) holds a
 * name, birth date, e-mail address, phone number, confirmation code, manage or status token or comment in plain text.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTestApp, TestClient, type TestApp } from './support/app.js';
import { engines } from './support/db.js';
import { DAY, HOUR, inventoryFixture } from './support/inventory-fixture.js';
import { catalog } from './support/catalog-fixtures.js';
import {
  bookAppointment,
  checkIn,
  recordAdministration,
  rescheduleBooking,
  type BookingResult,
} from '../src/appointments/index.js';
import { offerSurveys } from '../src/feedback/index.js';
import { systemActor } from '../src/platform/audit/index.js';
import { addGroup, addPhase, preRegister, runMatching, saveSettings, setPhase } from '../src/preregistration/index.js';
import { inviteUser } from '../src/staff/index.js';

const actor = systemActor('test');

for (const { engine, skip } of engines()) {
  describe(`job payloads carry no personal data (${engine})`, { skip }, () => {
    let app: TestApp;
    let clock = Date.UTC(2030, 2, 4, 14);
    const deps = () => app.built.deps;
    const personal: string[] = [];
    before(async () => {
      app = await startTestApp(
        engine,
        { FEEDBACK_WEBHOOK_URL: 'http://127.0.0.1:9/hook', FEEDBACK_WEBHOOK_SECRET: 'w'.repeat(20) },
        { now: () => clock },
      );
    });
    after(() => app.close());

    const person = (given: string, family: string, birthDate: string, email: string, phone: string) => {
      personal.push(given, family, birthDate, email, phone, phone.replace(/\D/g, '').slice(-10));
      return { givenName: given, familyName: family, birthDate, email, phone, language: 'en' as const };
    };
    const remember = (b: BookingResult) => personal.push(b.confirmationCode, b.manageToken);

    it('runs every kind of job through a realistic day', async () => {
      const d = { ...deps(), actor };
      // Staff: an invitation to set a password.
      const invited = await inviteUser(
        {
          email: 'marguerite.staff@county.example',
          displayName: 'Marguerite Oyelaran',
          role: 'site-staff',
          locale: 'en',
        },
        d,
      );
      assert.ok(invited.ok);
      personal.push('marguerite.staff@county.example', 'Marguerite', 'Oyelaran');

      // A booking with e-mail and phone (confirmation, day-before reminder), then a move (notice, new reminder).
      const fx = await inventoryFixture(deps());
      const site = await fx.site('Payload Clinic', 50);
      const first = await fx.slot(site, clock + 3 * DAY, 5);
      const later = await fx.slot(site, clock + 4 * DAY, 5);
      const booked = await bookAppointment(deps(), {
        slotId: first,
        productId: fx.productId,
        dose: 1,
        person: person('Zephyrine', 'Quillfeather', '1961-07-19', 'zephyrine.q@example.org', '+1 617 555 0142'),
        channel: 'web',
      });
      remember(booked);
      await rescheduleBooking(d, { bookingId: booked.id, slotId: later, channel: 'web' });

      // A visit today, its survey the next morning, an answer with a comment (webhook).
      const visit = await fx.slot(site, clock + HOUR, 5);
      const visited = await bookAppointment(deps(), {
        slotId: visit,
        productId: fx.productId,
        dose: 1,
        person: person('Bartholomew', 'Ngata-Ferreira', '1948-11-02', 'bart.nf@example.net', '+1 617 555 0199'),
        channel: 'web',
      });
      remember(visited);
      assert.ok(await checkIn(visited.id, d));
      assert.deepEqual(await recordAdministration(visited.id, { lot: 'LOT-A' }, d), { ok: true });

      // Pre-registration: a person registers, matching invites them (the invitation messages job).
      const c = catalog(deps());
      const program = await c.program('invitation');
      const product = await c.product(program);
      const psite = await c.site({
        doses: { [product]: 10 },
        postalCode: '02108',
        accessibility: ['wheelchair'],
        languages: ['en', 'ti'],
      });
      await c.slot(psite, program, clock + 2 * DAY, 3);
      await saveSettings(
        program,
        {
          minAge: 16,
          referenceDate: '2030-01-01',
          zips: [],
          counties: [],
          holdHours: 24,
          horizonDays: 14,
          smsYes: true,
          productId: product,
        },
        d,
      );
      const phase = await addPhase(program, { nameEn: 'Phase 1', nameEs: 'Fase 1' }, d);
      await addGroup(
        program,
        { phaseId: phase, nameEn: 'All', nameEs: 'Todos', questionEn: '', questionEs: '', minAge: null },
        d,
      );
      await setPhase(program, phase, 'open', d);
      const registered = await preRegister(
        d,
        program,
        {
          ...person('Ottoline', 'Vasquez-Abara', '1979-05-23', 'ottoline.va@example.com', '+1 617 555 0177'),
          zip: '02109',
          county: undefined,
          yes: [],
          forWhom: 'self',
          callMe: false,
          needs: ['wheelchair'],
          languageNeed: 'ti',
          maxMiles: 25,
          preferredSites: [],
          unavailable: [],
        },
        'web',
      );
      assert.ok(registered.ok, JSON.stringify(registered));
      personal.push(registered.statusToken);
      const run = await runMatching(deps(), { programId: program, trigger: 'manual' });
      assert.equal(run.invited, 1);
      await app.built.runner.drain();

      clock += DAY;
      const offered = await offerSurveys(deps());
      assert.equal(offered.offered, 1);
      clock += DAY; // the survey's morning
      await app.built.runner.drain();
      const link = await surveyLink();
      const web = new TestClient(app.url);
      await web.get(link);
      const comment = 'The nurse Philippa was lovely, call me on 617-555-0123';
      const answered = await web.post(link.split('?')[0] ?? '', { trust: '5', comment });
      assert.equal(answered.status, 303);
      personal.push(comment, 'Philippa');
      clock += 2 * DAY; // the moved booking's day-before reminder
      await app.built.runner.drain();
    });

    it('every kind of job ran, and no job row names anyone', async () => {
      const jobs = await app.tdb.db.kysely
        .selectFrom('jobs')
        .select(['name', 'payload', 'idempotency_key', 'last_error', 'status'])
        .execute();
      const kinds = new Set(jobs.map((j) => j.name));
      for (const kind of [
        'send-password-link',
        'deliver-message',
        'send-scheduled-message',
        'match-invitations',
        'send-invitation-messages',
        'feedback-offer-surveys',
        'feedback-send-webhook',
      ])
        assert.ok(kinds.has(kind), `a ${kind} job ran (${[...kinds].join(', ')})`);
      const reminders = jobs.filter((j) => j.name === 'send-scheduled-message');
      assert.ok(
        reminders.some((j) => j.status === 'succeeded'),
        'a reminder was sent',
      );
      assert.ok(
        reminders.some((j) => j.status === 'cancelled'),
        'the moved booking cancelled one',
      );
      for (const j of jobs) {
        const row = JSON.stringify(j).toLowerCase();
        for (const value of personal)
          assert.ok(!row.includes(value.toLowerCase()), `${j.name} (${j.status}) holds "${value}" in plain text`);
      }
    });

    async function surveyLink(): Promise<string> {
      const row = await app.tdb.db.kysely
        .selectFrom('messages')
        .select('content_enc')
        .where('type', '=', 'feedback.survey')
        .executeTakeFirstOrThrow();
      const content = JSON.parse(deps().cipher.decrypt(row.content_enc, 'message.content')) as { text: string };
      const m = /https?:\/\/\S+\/feedback\/s\/[\w-]+\?lang=\w\w/.exec(content.text);
      assert.ok(m, content.text);
      const url = new URL(m[0]);
      return `${url.pathname}${url.search}`;
    }
  });
}

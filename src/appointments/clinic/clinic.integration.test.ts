/**
 * The clinic day on both engines, through the real pages: the roster holds exactly the site's day (across the
 * November DST change), the desk checks in by code or name + birth date and refuses other sites, other days and
 * cancelled bookings, administration takes one dose from a usable lot and records who gave it, no-shows return
 * their doses (by hand and by the recurring job), and call agents look up and cancel but never check in.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { signedInClient, startTestApp, type TestApp } from '../../../test/support/app.js';
import { engines } from '../../../test/support/db.js';
import { systemActor } from '../../platform/audit/index.js';
import type { Role } from '../../platform/auth/index.js';
import { enqueue } from '../../platform/jobs/index.js';
import { createUserWithOneTimePassword } from '../../staff/index.js';
import { bookAppointment, cancelBooking } from '../index.js';
import { addSlot, createProduct, createProgram, receiveInventory } from '../catalog.js';

const HOUR = 3_600_000;
// Sunday 1 November 2026: New York falls back from EDT (UTC-4) to EST (UTC-5); the day is 25 hours long.
const DAY_START = Date.UTC(2026, 10, 1, 4, 0); // 00:00 EDT
const NEXT_DAY_START = Date.UTC(2026, 10, 2, 5, 0); // 00:00 EST on 2 November
const PASSWORD = 'a long enough password';

for (const { engine, skip } of engines()) {
  describe(`clinic day (${engine})`, { skip }, () => {
    let app: TestApp;
    let clock = Date.UTC(2026, 10, 1, 3, 0); // before the first slot the tests book
    let siteA = '';
    let siteB = '';
    let programId = '';
    let productId = '';
    // Sessions expire after a day idle and the tests move the clock by days: each test signs in afresh.
    const staffSession = () => signedInClient(app.url, 'desk@county.example', PASSWORD);
    const agentSession = () => signedInClient(app.url, 'agent@county.example', PASSWORD);
    let staffUserId = '';
    const sys = () => ({ db: app.tdb.db, now: () => clock, actor: systemActor('test') });
    const db = () => app.tdb.db.kysely;

    async function user(email: string, role: Role, sites: string[] = []): Promise<string> {
      const r = await createUserWithOneTimePassword(
        { email, displayName: email.split('@')[0] ?? email, role, sites },
        sys(),
      );
      assert.ok(r.ok);
      const c = await signedInClient(app.url, email, r.oneTimePassword);
      await c.get('/staff/account/password');
      await c.post('/staff/account/password', { current: r.oneTimePassword, password: PASSWORD, confirm: PASSWORD });
      const row = await db()
        .selectFrom('staff_users')
        .select('id')
        .where('email', '=', email)
        .executeTakeFirstOrThrow();
      return row.id;
    }

    async function site(name: string): Promise<string> {
      const id = crypto.randomUUID();
      await db()
        .insertInto('sites')
        .values({
          id,
          name,
          address: `${name} Road`,
          postal_code: '12345',
          time_zone: 'America/New_York',
          phone: null,
          latitude: null,
          longitude: null,
          accessibility: '[]',
          languages: '["en"]',
          walk_ins: 0,
          vtrcks_pin: null,
          status: 'active',
          created_at: clock,
          updated_at: clock,
        })
        .execute();
      return id;
    }

    let n = 0;
    /** Book a 15-minute slot starting at `startsAt` for a new person; returns the booking. */
    async function book(siteId: string, startsAt: number, given: string, family = 'Tester', email?: string) {
      const slotId = await addSlot(siteId, { startsAt, durationMinutes: 15, capacity: 5, programId }, sys()).catch(
        async () =>
          (
            await db()
              .selectFrom('slots')
              .select('id')
              .where('site_id', '=', siteId)
              .where('starts_at', '=', startsAt)
              .executeTakeFirstOrThrow()
          ).id,
      );
      n += 1;
      return bookAppointment(
        { ...app.built.deps, now: () => clock },
        {
          slotId,
          productId,
          dose: 1,
          person: {
            givenName: given,
            familyName: family,
            birthDate: `1970-01-${String((n % 28) + 1).padStart(2, '0')}`,
            language: 'en',
            ...(email ? { email } : {}),
          },
          channel: 'web',
        },
      );
    }
    const status = async (id: string) =>
      (await db().selectFrom('bookings').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status;
    const inventory = (siteId: string) =>
      db()
        .selectFrom('site_inventory')
        .select(['on_hand', 'reserved'])
        .where('site_id', '=', siteId)
        .where('product_id', '=', productId)
        .executeTakeFirstOrThrow();
    const birthDateOf = async (id: string) => {
      const row = await db()
        .selectFrom('bookings as b')
        .innerJoin('people as p', 'p.id', 'b.person_id')
        .select('p.birth_date_enc')
        .where('b.id', '=', id)
        .executeTakeFirstOrThrow();
      return app.built.deps.cipher.decrypt(row.birth_date_enc, 'person.birth_date');
    };

    before(async () => {
      app = await startTestApp(
        engine,
        { SESSION_IDLE_MINUTES: '1440', SESSION_MAX_HOURS: '336', RATE_LIMITS: 'off' },
        { now: () => clock },
      );
      siteA = await site('Alpha Clinic');
      siteB = await site('Bravo Clinic');
      programId = await createProgram({ name: 'Flu shots', bookingMode: 'open' }, sys());
      productId = await createProduct(
        { programId, name: 'Flu vaccine', doses: 1, minDaysBetweenDoses: 0, minAgeYears: 0 },
        sys(),
      );
      await receiveInventory(siteA, { productId, doses: 20, lot: 'GOOD-1', expiresOn: '2027-06-30' }, sys());
      await receiveInventory(siteA, { productId, doses: 5, lot: 'OLD-1', expiresOn: '2026-10-31' }, sys());
      await receiveInventory(siteA, { productId, doses: 1, lot: 'LAST-1', expiresOn: '2027-01-31' }, sys());
      await receiveInventory(siteB, { productId, doses: 10, lot: 'B-1', expiresOn: '2027-06-30' }, sys());
      // The desk works at both sites, so a booking at the other one is named as such (ADR 0019).
      staffUserId = await user('desk@county.example', 'site-staff', [siteA, siteB]);
      await user('agent@county.example', 'call-agent');
    });
    after(() => app.close());

    it('the roster holds exactly the site’s day in its zone, across the fall-back change, with counts', async () => {
      const staff = await staffSession();
      const early = await book(siteA, DAY_START + 30 * 60_000, 'Early'); // 00:30 EDT
      const late = await book(siteA, NEXT_DAY_START - 30 * 60_000, 'Late'); // 23:30 EST, 25 hours in
      const nextDay = await book(siteA, NEXT_DAY_START + 30 * 60_000, 'Tomorrow'); // 00:30 on 2 November
      const elsewhere = await book(siteB, DAY_START + 10 * HOUR, 'Elsewhere');
      const before = await book(siteA, DAY_START - 30 * 60_000, 'Yesterday');
      const r = await staff.get(`/staff/sites/${siteA}/roster?date=2026-11-01`);
      assert.equal(r.status, 200);
      assert.match(r.text, /Tester, Early/);
      assert.match(r.text, /Tester, Late/);
      assert.match(r.text, new RegExp(early.confirmationCode));
      assert.match(r.text, new RegExp(late.confirmationCode));
      assert.match(r.text, new RegExp(await birthDateOf(early.id)));
      for (const other of [nextDay, elsewhere, before]) assert.doesNotMatch(r.text, new RegExp(other.confirmationCode));
      assert.match(r.text, /11:30\sPM/);
      assert.match(r.text, /Total: 2/);
      assert.match(r.text, /href="\/staff\/sites\/[^"]+\/roster\?date=2026-11-02"/);
      const audit = await db()
        .selectFrom('audit_log')
        .select(['actor_label', 'subject_id'])
        .where('action', '=', 'appointments.roster.viewed')
        .execute();
      assert.deepEqual(audit.at(-1), { actor_label: 'desk@county.example', subject_id: siteA });
      const next = await staff.get(`/staff/sites/${siteA}/roster?date=2026-11-02`);
      assert.match(next.text, new RegExp(nextDay.confirmationCode));
      assert.doesNotMatch(next.text, new RegExp(late.confirmationCode));
      const picker = await staff.get('/staff/clinic');
      assert.equal(picker.status, 200);
      assert.match(picker.text, /Alpha Clinic/);
    });

    it('the desk finds a booking by typed code (any case, dashes) and checks it in, audited', async () => {
      const staff = await staffSession();
      const b = await book(siteA, DAY_START + 9 * HOUR, 'Coda');
      clock = DAY_START + 9 * HOUR - 10 * 60_000;
      const typed = `${b.confirmationCode.slice(0, 4).toLowerCase()}-${b.confirmationCode.slice(4)}`;
      const page = await staff.get(`/staff/sites/${siteA}/check-in?code=${encodeURIComponent(typed)}`);
      assert.equal(page.status, 200);
      assert.match(page.text, /Check in Coda Tester/);
      const r = await staff.post(`/staff/sites/${siteA}/bookings/${b.id}/check-in`, {});
      assert.equal(r.status, 303);
      assert.equal(r.location, `/staff/sites/${siteA}/bookings/${b.id}/administer?done=checked-in`);
      assert.equal(await status(b.id), 'checked-in');
      const audit = await db()
        .selectFrom('audit_log')
        .select('actor_label')
        .where('action', '=', 'appointments.booking.checked-in')
        .where('subject_id', '=', b.id)
        .execute();
      assert.deepEqual(audit, [{ actor_label: 'desk@county.example' }]);
      const again = await staff.get(`/staff/sites/${siteA}/check-in?code=${b.confirmationCode}`);
      assert.match(again.text, /already checked in/);
    });

    it('the desk finds a booking by name and birth date (accents and case ignored)', async () => {
      const staff = await staffSession();
      const b = await book(siteA, DAY_START + 10 * HOUR, 'José', 'Núñez');
      const birthDate = await birthDateOf(b.id);
      await staff.get(`/staff/sites/${siteA}/check-in`);
      const r = await staff.post(`/staff/sites/${siteA}/check-in/search`, {
        givenName: 'jose',
        familyName: 'NUNEZ',
        birthDate,
      });
      assert.equal(r.status, 200);
      assert.match(r.text, new RegExp(b.confirmationCode));
      assert.match(r.text, /Check in José Núñez/);
      const wrong = await staff.post(`/staff/sites/${siteA}/check-in/search`, {
        givenName: 'jose',
        familyName: 'NUNEZ',
        birthDate: '1999-12-31',
      });
      assert.equal(wrong.status, 404);
      assert.match(wrong.text, /No booking matches/);
      const bad = await staff.post(`/staff/sites/${siteA}/check-in/search`, { givenName: '', familyName: 'X' });
      assert.equal(bad.status, 400);
      assert.match(bad.text, /Enter the first name/);
      assert.match(bad.text, /Enter the birth date/);
    });

    it('refuses another site, another day and a cancelled booking with a clear message, changing nothing', async () => {
      const staff = await staffSession();
      const there = await book(siteB, DAY_START + 11 * HOUR, 'There');
      const tomorrow = await book(siteA, NEXT_DAY_START + 9 * HOUR, 'Later');
      const gone = await book(siteA, DAY_START + 11 * HOUR, 'Gone');
      await cancelBooking(gone.id, { ...app.built.deps, now: () => clock, actor: systemActor('test') });
      const cases: [string, string, RegExp][] = [
        [there.id, there.confirmationCode, /This booking is for another site: Bravo Clinic/],
        [tomorrow.id, tomorrow.confirmationCode, /This booking is for another day: Monday, November 2, 2026/],
        [gone.id, gone.confirmationCode, /This booking was cancelled/],
      ];
      for (const [id, code, message] of cases) {
        const page = await staff.get(`/staff/sites/${siteA}/check-in?code=${code}`);
        assert.match(page.text, message);
        assert.doesNotMatch(page.text, /bookings\/[^/]+\/check-in"/, 'no Check in button');
        const before = await status(id);
        const post = await staff.post(`/staff/sites/${siteA}/bookings/${id}/check-in`, {});
        assert.equal(post.status, 409);
        assert.match(post.text, message);
        assert.equal(await status(id), before);
      }
      const es = await staff.get(`/staff/sites/${siteA}/check-in?code=${there.confirmationCode}&lang=es`);
      assert.match(es.text, /Esta cita es en otro sitio: Bravo Clinic/);
    });

    it('recording the dose takes one from a usable lot and reserved, records who gave it; expired and empty lots are refused', async () => {
      const staff = await staffSession();
      const b = await book(siteA, DAY_START + 12 * HOUR, 'Dosed');
      const c = await book(siteA, DAY_START + 12 * HOUR, 'Second');
      clock = DAY_START + 12 * HOUR;
      for (const x of [b, c]) await staff.post(`/staff/sites/${siteA}/bookings/${x.id}/check-in`, {});
      const form = await staff.get(`/staff/sites/${siteA}/bookings/${b.id}/administer`);
      assert.match(form.text, /GOOD-1 \(expires 2027-06-30, 20 left\)/);
      assert.doesNotMatch(form.text, /OLD-1/, 'expired lots are not offered');
      const inv0 = await inventory(siteA);

      const expired = await staff.post(`/staff/sites/${siteA}/bookings/${b.id}/administer`, {
        lot: 'OLD-1',
        dose: '1',
      });
      assert.equal(expired.status, 409);
      assert.match(expired.text, /That lot has expired/);
      assert.equal(await status(b.id), 'checked-in');
      assert.deepEqual(await inventory(siteA), inv0);

      const ok = await staff.post(`/staff/sites/${siteA}/bookings/${b.id}/administer`, {
        lot: 'LAST-1',
        dose: '1',
        vaccinatorName: 'Nurse Ratched',
        injectionSite: 'left-arm',
      });
      assert.equal(ok.status, 303);
      assert.equal(ok.location, `/staff/sites/${siteA}/check-in?done=administered`);
      assert.equal(await status(b.id), 'administered');
      assert.deepEqual(await inventory(siteA), { on_hand: inv0.on_hand - 1, reserved: inv0.reserved - 1 });
      const ledger = await db()
        .selectFrom('inventory_ledger')
        .select(['kind', 'doses', 'lot', 'actor'])
        .where('site_id', '=', siteA)
        .orderBy('id', 'desc')
        .executeTakeFirstOrThrow();
      assert.deepEqual(ledger, { kind: 'administer', doses: -1, lot: 'LAST-1', actor: 'desk@county.example' });
      const given = await db()
        .selectFrom('administrations')
        .select(['lot', 'expires_on', 'staff_user_id', 'vaccinator_name', 'injection_site', 'dose_number'])
        .where('booking_id', '=', b.id)
        .executeTakeFirstOrThrow();
      assert.deepEqual(given, {
        lot: 'LAST-1',
        expires_on: '2027-01-31',
        staff_user_id: staffUserId,
        vaccinator_name: 'Nurse Ratched',
        injection_site: 'left-arm',
        dose_number: 1,
      });

      const empty = await staff.post(`/staff/sites/${siteA}/bookings/${c.id}/administer`, { lot: 'LAST-1', dose: '1' });
      assert.equal(empty.status, 409);
      assert.match(empty.text, /That lot has no doses left/);
      assert.equal(await status(c.id), 'checked-in');
      const wrongDose = await staff.post(`/staff/sites/${siteA}/bookings/${c.id}/administer`, {
        lot: 'GOOD-1',
        dose: '2',
      });
      assert.equal(wrongDose.status, 400);
      assert.match(wrongDose.text, /The dose number must be the booked one/);
      assert.equal(await status(c.id), 'checked-in');
    });

    it('end of day: the confirmation lists bookings whose slot ended; marking them returns their doses', async () => {
      const staff = await staffSession();
      const ended = await book(siteA, DAY_START + 14 * HOUR, 'Absent');
      const running = await book(siteA, DAY_START + 15 * HOUR, 'Upcoming');
      clock = DAY_START + 15 * HOUR + 5 * 60_000; // the 15:00 slot has not ended yet
      const page = await staff.get(`/staff/sites/${siteA}/no-shows?date=2026-11-01`);
      assert.match(page.text, /Tester, Absent/);
      assert.doesNotMatch(page.text, /Tester, Upcoming/);
      const ids = [...page.text.matchAll(/name="id" value="([^"]+)"/g)].map((m) => m[1] ?? '');
      assert.ok(ids.includes(ended.id));
      const inv0 = await inventory(siteA);
      const form = new URLSearchParams([['date', '2026-11-01'], ...ids.map((id) => ['id', id])]);
      form.set('_csrf', staff.lastCsrf ?? '');
      const r = await staff.request('POST', `/staff/sites/${siteA}/no-shows`, form.toString(), {
        'content-type': 'application/x-www-form-urlencoded',
      });
      assert.equal(r.status, 303);
      assert.equal(r.location, `/staff/sites/${siteA}/roster?date=2026-11-01&marked=${ids.length}`);
      assert.equal(await status(ended.id), 'no-show');
      assert.equal(await status(running.id), 'booked');
      assert.deepEqual(await inventory(siteA), { on_hand: inv0.on_hand, reserved: inv0.reserved - ids.length });
      const roster = await staff.get(r.location ?? '');
      assert.match(roster.text, /bookings were marked as no-shows|booking was marked as a no-show/);
    });

    it('the recurring job marks no-shows only once their slot ended more than NO_SHOW_AFTER_HOURS ago', async () => {
      const old = await book(siteB, NEXT_DAY_START + 8 * HOUR, 'Old');
      const recent = await book(siteB, NEXT_DAY_START + 19 * HOUR, 'Recent');
      clock = NEXT_DAY_START + 21 * HOUR; // old ended ~13 h ago, recent ~2 h ago
      const inv0 = await inventory(siteB);
      const due = await db()
        .selectFrom('bookings')
        .select('id')
        .where('site_id', '=', siteB)
        .where('status', '=', 'booked')
        .where('starts_at', '<=', clock - 12 * HOUR - 15 * 60_000)
        .execute();
      assert.ok(due.some((d) => d.id === old.id) && due.every((d) => d.id !== recent.id));
      await enqueue(app.tdb.db.kysely, app.tdb.db.dialect, 'mark-no-shows', null, { now: clock });
      await app.built.runner.drain();
      assert.equal(await status(old.id), 'no-show');
      assert.equal(await status(recent.id), 'booked');
      for (const d of due) assert.equal(await status(d.id), 'no-show');
      assert.equal((await inventory(siteB)).reserved, inv0.reserved - due.length);
      const audit = await db()
        .selectFrom('audit_log')
        .select(['actor_type', 'actor_label'])
        .where('action', '=', 'appointments.booking.no-show')
        .where('subject_id', '=', old.id)
        .execute();
      assert.deepEqual(audit, [{ actor_type: 'system', actor_label: 'mark-no-shows' }]);
    });

    it('a call agent looks up and cancels for a caller (channel phone, audited) but cannot check in', async () => {
      const agent = await agentSession();
      clock = Date.UTC(2026, 10, 3, 12, 0);
      const b = await book(siteA, Date.UTC(2026, 10, 3, 18, 0), 'Caller', 'Tester', 'caller@example.com');
      const found = await agent.get(`/staff/bookings?code=${b.confirmationCode.toLowerCase()}`);
      assert.equal(found.status, 303);
      assert.equal(found.location, `/staff/bookings/${b.id}`);
      const page = await agent.get(`/staff/bookings/${b.id}`);
      assert.equal(page.status, 200);
      assert.match(page.text, /Caller Tester/);
      assert.match(page.text, new RegExp(`href="/staff/book/reschedule/${b.id}"`));
      assert.doesNotMatch(page.text, /action="\/staff\/bookings\/[^"]+\/check-in"/);
      assert.equal((await agent.post(`/staff/bookings/${b.id}/check-in`, {})).status, 403);
      assert.equal((await agent.post(`/staff/sites/${siteA}/bookings/${b.id}/check-in`, {})).status, 403);
      assert.equal((await agent.get(`/staff/sites/${siteA}/roster`)).status, 403);
      assert.equal(await status(b.id), 'booked');

      const messages = async () =>
        (
          await db()
            .selectFrom('messages')
            .select('id')
            .where('type', '=', 'appointments.confirmation')
            .where('direction', '=', 'outbound')
            .execute()
        ).length;
      const sentBefore = await messages();
      await agent.get(`/staff/bookings/${b.id}`);
      const resent = await agent.post(`/staff/bookings/${b.id}/resend`, {});
      assert.equal(resent.location, `/staff/bookings/${b.id}?done=resent`);
      assert.equal(await messages(), sentBefore + 1);

      const inv0 = await inventory(siteA);
      const confirm = await agent.get(`/staff/bookings/${b.id}/cancel`);
      assert.match(confirm.text, /Yes, cancel the booking/);
      assert.equal(await status(b.id), 'booked', 'the confirmation step changes nothing');
      const r = await agent.post(`/staff/bookings/${b.id}/cancel`, {});
      assert.equal(r.location, `/staff/bookings/${b.id}?done=cancelled`);
      assert.equal(await status(b.id), 'cancelled');
      assert.equal((await inventory(siteA)).reserved, inv0.reserved - 1);
      const audit = await db()
        .selectFrom('audit_log')
        .select(['actor_label', 'details'])
        .where('action', '=', 'appointments.booking.cancelled')
        .where('subject_id', '=', b.id)
        .executeTakeFirstOrThrow();
      assert.equal(audit.actor_label, 'agent@county.example');
      assert.deepEqual(JSON.parse(audit.details ?? '{}'), { doses: [1], reason: 'requested', channel: 'phone' });
      const history = await agent.get(`/staff/bookings/${b.id}?done=cancelled`);
      assert.match(history.text, /Cancelled/);
      assert.match(history.text, /agent@county\.example/);
      assert.match(history.text, /Phone/);
    });

    it('staff look up by name and birth date; site staff check in from the booking page', async () => {
      const staff = await staffSession();
      clock = Date.UTC(2026, 10, 3, 12, 0);
      const b = await book(siteA, Date.UTC(2026, 10, 3, 17, 0), 'Finder', 'Person');
      await staff.get('/staff/bookings');
      const r = await staff.post('/staff/bookings/search', {
        givenName: 'Finder',
        familyName: 'Person',
        birthDate: await birthDateOf(b.id),
      });
      assert.match(r.text, new RegExp(`href="/staff/bookings/${b.id}"`));
      await staff.get(`/staff/bookings/${b.id}`);
      const c = await staff.post(`/staff/bookings/${b.id}/check-in`, {});
      assert.equal(c.location, `/staff/bookings/${b.id}?done=checked-in`);
      assert.equal(await status(b.id), 'checked-in');
    });
  });
}

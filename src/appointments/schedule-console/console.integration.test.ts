/**
 * The schedule console pages over HTTP on both engines: translated form errors that change nothing, audited
 * changes, the calendar's fill levels, and the review page that lists the affected bookings before anything changes.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DateTime } from 'luxon';
import { signedInClient, startTestApp, type TestApp, type TestClient } from '../../../test/support/app.js';
import { engines } from '../../../test/support/db.js';
import { systemActor } from '../../platform/audit/index.js';
import { createApiToken, createUserWithOneTimePassword } from '../../staff/index.js';

const ZONE = 'America/Chicago';
const BASE = Date.parse('2026-11-23T12:00:00Z');

async function staffClient(
  app: TestApp,
  email: string,
  role: 'site-manager' | 'site-staff',
  sites: string[],
): Promise<TestClient> {
  const r = await createUserWithOneTimePassword(
    { email, displayName: email, role, sites },
    { db: app.tdb.db, now: Date.now, actor: systemActor('test') },
  );
  assert.ok(r.ok);
  const c = await signedInClient(app.url, email, r.oneTimePassword);
  await c.get('/staff/account/password');
  await c.post('/staff/account/password', {
    current: r.oneTimePassword,
    password: 'a long enough password',
    confirm: 'a long enough password',
  });
  return c;
}

async function json(url: string, body: unknown, token?: string) {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  return (await res.json()) as Record<string, unknown>;
}

for (const { engine, skip } of engines()) {
  describe(`schedule console pages (${engine})`, { skip }, () => {
    let app: TestApp;
    let manager: TestClient;
    let desk: TestClient;
    let token = '';
    let siteId = '';
    let programId = '';
    let productId = '';
    let clock = BASE;
    const audit = (action: string) =>
      app.tdb.db.kysely
        .selectFrom('audit_log')
        .select(['actor_label', 'details'])
        .where('action', '=', action)
        .execute();
    const slotRow = (id: string) =>
      app.tdb.db.kysely
        .selectFrom('slots')
        .select(['capacity', 'booked', 'status'])
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
    let people = 0;
    const book = async (slotId: string) => {
      people++;
      const r = await json(`${app.url}/api/v1/bookings`, {
        slotId,
        productId,
        dose: 1,
        person: {
          givenName: `P${people}`,
          familyName: 'T',
          birthDate: '1980-01-01',
          email: `p${people}@example.com`,
          language: 'es',
        },
      });
      return { id: String(r.id), code: String(r.confirmationCode) };
    };
    const newSlot = async (date: string, time: string, capacity: number) => {
      const startsAt = DateTime.fromISO(`${date}T${time}`, { zone: ZONE }).toISO() ?? '';
      const r = await json(
        `${app.url}/api/v1/sites/${siteId}/slots`,
        { startsAt, durationMinutes: 30, capacity, programId },
        token,
      );
      return String(r.id);
    };

    before(async () => {
      app = await startTestApp(engine, { RATE_LIMITS: 'off' }, { now: () => (clock += 1000) });
      ({ token } = await createApiToken(
        { name: 'setup', role: 'admin' },
        { db: app.tdb.db, now: () => clock, actor: systemActor('test') },
      ));
      siteId = String(
        (
          await json(
            `${app.url}/api/v1/sites`,
            { name: 'Lake Clinic', address: '1 Lake Rd', postalCode: '60601', timeZone: ZONE },
            token,
          )
        ).id,
      );
      programId = String(
        (
          await json(
            `${app.url}/api/v1/programs`,
            { name: { en: 'Flu shots', es: 'Vacuna contra la gripe' }, bookingMode: 'open' },
            token,
          )
        ).id,
      );
      productId = String((await json(`${app.url}/api/v1/products`, { programId, name: 'Flu', doses: 1 }, token)).id);
      await json(
        `${app.url}/api/v1/sites/${siteId}/inventory`,
        { productId, doses: 50, lot: 'L', expiresOn: '2028-01-01' },
        token,
      );
      manager = await staffClient(app, 'manager@county.example', 'site-manager', [siteId]);
      desk = await staffClient(app, 'desk@county.example', 'site-staff', [siteId]);
    });
    after(() => app.close());

    const base = () => `/staff/sites/${siteId}/schedule`;
    const template = {
      name: 'Weekdays',
      opens: '09:00',
      closes: '10:00',
      breaks: '',
      slotMinutes: '30',
      capacity: '2',
      validFrom: '2027-01-04',
      validTo: '2027-01-10',
    };

    it('a bad template gets Spanish errors and saves nothing', async () => {
      await manager.get(`${base()}/templates/new?lang=es`);
      const r = await manager.post(`${base()}/templates/new`, {
        ...template,
        programId,
        opens: '9',
        closes: '08:00',
        slotMinutes: '1',
      });
      assert.equal(r.status, 400);
      assert.match(r.text, /Escriba una hora como 09:00/);
      assert.match(r.text, /Escriba un número de minutos entre 5 y 480/);
      assert.match(r.text, /Elija al menos un día/);
      const rows = await app.tdb.db.kysely.selectFrom('schedule_templates').select('id').execute();
      assert.equal(rows.length, 0);
      await manager.get(`${base()}?lang=en`);
    });

    it('a template is saved and audited; the preview counts, publishing creates and is audited', async () => {
      await manager.get(`${base()}/templates/new`);
      const form = new URLSearchParams({ ...template, programId, _csrf: manager.lastCsrf ?? '' });
      for (const d of ['1', '2', '3', '4', '5']) form.append('weekdays', d);
      const saved = await manager.request('POST', `${base()}/templates/new`, form.toString(), {
        'content-type': 'application/x-www-form-urlencoded',
      });
      assert.equal(saved.status, 303);
      assert.equal((await audit('appointments.schedule-template.created'))[0]?.actor_label, 'manager@county.example');
      const preview = await manager.get(`${base()}/publish?from=2027-01-04&to=2027-01-10`);
      assert.equal(preview.status, 200);
      assert.match(preview.text, /10 new slots will be created/);
      const published = await manager.post(`${base()}/publish`, { from: '2027-01-04', to: '2027-01-10' });
      assert.equal(published.location, `${base()}?done=published&n=10`);
      assert.match((await manager.get(published.location ?? '')).text, /10 slots were created/);
      const again = await manager.get(`${base()}/publish?from=2027-01-04&to=2027-01-10`);
      assert.match(again.text, /There is nothing new to publish/);
      assert.equal((await audit('appointments.schedule.published')).length, 1);
      const badRange = await manager.get(`${base()}/publish?from=2027-01-10&to=2027-01-04`);
      assert.equal(badRange.status, 400);
      assert.match(badRange.text, /The last day must not be before the first/);
    });

    it('the week shows booked/capacity with a bar in the site zone, the day links to the roster', async () => {
      const slots = await app.tdb.db.kysely
        .selectFrom('slots')
        .select(['id', 'starts_at'])
        .orderBy('starts_at')
        .execute();
      const first = slots[0];
      assert.ok(first);
      await book(first.id);
      const week = await desk.get(`${base()}/week?start=2027-01-06`);
      assert.equal(week.status, 200);
      assert.match(week.text, /1\/2/);
      assert.match(week.text, /<meter[^>]*aria-label="1 of 2 seats booked"/);
      assert.match(week.text, /<th scope="row">09:00<\/th>/);
      assert.match(week.text, /week\?start=2026-12-28/);
      assert.match(week.text, /week\?start=2027-01-11/);
      const day = await desk.get(`${base()}/day?date=2027-01-04`);
      assert.match(day.text, new RegExp(`/staff/sites/${siteId}/roster\\?date=2027-01-04`));
      assert.equal((await desk.get(`${base()}/templates/new`)).status, 403);
    });

    it('lowering capacity shows the review of exactly the affected booking; nothing changes until confirmed', async () => {
      const slotId = await newSlot('2027-01-12', '14:00', 3);
      const other = await newSlot('2027-01-12', '15:00', 3);
      const booked = [await book(slotId), await book(slotId), await book(slotId)];
      await manager.get(`${base()}/slots/${slotId}`);
      const review = await manager.post(`${base()}/slots/${slotId}/capacity`, { capacity: '2' });
      assert.equal(review.status, 200);
      assert.match(review.text, /1 booking is affected/);
      assert.match(review.text, new RegExp(booked[2]?.code ?? 'x'));
      assert.doesNotMatch(review.text, new RegExp(booked[0]?.code ?? 'x'));
      assert.doesNotMatch(review.text, new RegExp(booked[1]?.code ?? 'x'));
      assert.deepEqual(await slotRow(slotId), { capacity: 3, booked: 3, status: 'open' });

      const stale = await manager.post(`${base()}/slots/${slotId}/capacity`, {
        capacity: '2',
        resolve: 'move',
        expected: booked[0]?.id ?? '',
      });
      assert.equal(stale.status, 409);
      assert.match(stale.text, /The bookings changed/);
      assert.deepEqual(await slotRow(slotId), { capacity: 3, booked: 3, status: 'open' });

      const done = await manager.post(`${base()}/slots/${slotId}/capacity`, {
        capacity: '2',
        resolve: 'move',
        expected: booked[2]?.id ?? '',
      });
      assert.equal(done.status, 303);
      assert.match(done.location ?? '', /done=capacity&moved=1&cancelledBookings=0/);
      assert.deepEqual(await slotRow(slotId), { capacity: 2, booked: 2, status: 'open' });
      assert.deepEqual(await slotRow(other), { capacity: 3, booked: 1, status: 'open' });
      const rows = await audit('appointments.slot.capacity-changed');
      assert.equal(rows.at(-1)?.actor_label, 'manager@county.example');
      assert.deepEqual(JSON.parse(rows.at(-1)?.details ?? '{}').moved, [{ id: booked[2]?.id, to: other }]);
    });

    it('cancelling a slot is reviewed, then closes it and cancels with notice when chosen', async () => {
      const slotId = await newSlot('2027-01-13', '14:00', 2);
      const b = await book(slotId);
      await manager.get(`${base()}/slots/${slotId}?lang=es`);
      const review = await manager.post(`${base()}/slots/${slotId}/cancel`, {});
      assert.equal(review.status, 200);
      assert.match(review.text, /1 cita está afectada/);
      assert.match(review.text, /Turno cancelado/);
      assert.deepEqual(await slotRow(slotId), { capacity: 2, booked: 1, status: 'open' });
      const done = await manager.post(`${base()}/slots/${slotId}/cancel`, { resolve: 'cancel', expected: b.id });
      assert.equal(done.status, 303);
      assert.deepEqual(await slotRow(slotId), { capacity: 2, booked: 0, status: 'closed' });
      const status = await app.tdb.db.kysely
        .selectFrom('bookings')
        .select('status')
        .where('id', '=', b.id)
        .executeTakeFirstOrThrow();
      assert.equal(status.status, 'cancelled');
      const notices = await app.tdb.db.kysely
        .selectFrom('messages')
        .select('id')
        .where('type', '=', 'appointments.cancelled')
        .execute();
      assert.ok(notices.length >= 1);
      assert.equal((await audit('appointments.slot.closed')).length, 1);
      await manager.get(`${base()}?lang=en`);
    });

    it('a closure without bookings is added at once and audited; a single slot is added in local time', async () => {
      await manager.get(`${base()}/closures/new`);
      const bad = await manager.post(`${base()}/closures/new`, {
        date: '2027-02-01',
        wholeDay: 'no',
        fromTime: '',
        toTime: '',
        reason: '',
      });
      assert.equal(bad.status, 400);
      assert.match(bad.text, /Enter a reason/);
      const r = await manager.post(`${base()}/closures/new`, {
        date: '2027-02-01',
        wholeDay: 'yes',
        reason: 'Holiday',
      });
      assert.equal(r.status, 303);
      assert.equal((await audit('appointments.site-closure.added')).length, 1);
      await manager.get(`${base()}/slots/new`);
      const added = await manager.post(`${base()}/slots/new`, {
        programId,
        date: '2027-03-14',
        time: '02:30',
        minutes: '15',
        capacity: '2',
      });
      assert.equal(added.status, 400);
      assert.match(added.text, /That time does not exist on that day/);
      const ok = await manager.post(`${base()}/slots/new`, {
        programId,
        date: '2027-03-14',
        time: '09:00',
        minutes: '15',
        capacity: '2',
      });
      assert.equal(ok.status, 303);
      const row = await app.tdb.db.kysely
        .selectFrom('slots')
        .select('starts_at')
        .where('id', '=', (ok.location ?? '').split('/').at(-1)?.split('?')[0] ?? '')
        .executeTakeFirstOrThrow();
      assert.equal(new Date(Number(row.starts_at)).toISOString(), '2027-03-14T14:00:00.000Z');
    });
  });
}

/**
 * The schedule console on both engines: templates published across the daylight-saving changes keep local times and
 * never duplicate, closures are skipped, and seat reductions list the right bookings, change nothing until
 * confirmed, move or cancel with notice, and keep booked <= capacity.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DateTime } from 'luxon';
import { startTestApp, type TestApp } from '../../../test/support/app.js';
import { engines } from '../../../test/support/db.js';
import { systemActor } from '../../platform/audit/index.js';
import { createApiToken } from '../../staff/index.js';

const ZONE = 'America/New_York';
const BASE = Date.parse('2026-11-23T12:00:00Z');

type Body = Record<string, unknown>;
function api(base: string, token?: string) {
  const call = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(base + path, {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    return { status: res.status, body: (await res.json()) as Body };
  };
  return {
    post: (p: string, b: unknown) => call('POST', p, b),
    patch: (p: string, b: unknown) => call('PATCH', p, b),
    get: (p: string) => call('GET', p),
  };
}
type Api = ReturnType<typeof api>;

const local = (ms: number) => DateTime.fromMillis(ms, { zone: ZONE }).toFormat('yyyy-MM-dd HH:mm');
const at = (date: string, time: string) => DateTime.fromISO(`${date}T${time}`, { zone: ZONE }).toMillis();

for (const { engine, skip } of engines()) {
  describe(`schedule console (${engine})`, { skip }, () => {
    let app: TestApp;
    let staff: Api;
    let pub: Api;
    let programId = '';
    let productId = '';
    let clock = BASE;

    const db = () => app.tdb.db.kysely;
    async function newSite(name: string): Promise<string> {
      const r = await staff.post('/api/v1/sites', {
        name,
        address: `${name} Road`,
        postalCode: '12345',
        timeZone: ZONE,
      });
      assert.equal(r.status, 201, JSON.stringify(r.body));
      const id = String(r.body.id);
      const inv = await staff.post(`/api/v1/sites/${id}/inventory`, {
        productId,
        doses: 100,
        lot: 'L1',
        expiresOn: '2028-12-31',
      });
      assert.equal(inv.status, 201);
      return id;
    }
    async function slot(siteId: string, startsAt: number, capacity: number): Promise<string> {
      const r = await staff.post(`/api/v1/sites/${siteId}/slots`, {
        startsAt: new Date(startsAt).toISOString(),
        durationMinutes: 30,
        capacity,
        programId,
      });
      assert.equal(r.status, 201, JSON.stringify(r.body));
      return String(r.body.id);
    }
    let people = 0;
    async function book(slotId: string): Promise<string> {
      people++;
      const r = await pub.post('/api/v1/bookings', {
        slotId,
        productId,
        dose: 1,
        person: {
          givenName: `P${people}`,
          familyName: 'Tester',
          birthDate: '1970-01-01',
          email: `p${people}@example.com`,
          language: 'en',
        },
      });
      assert.equal(r.status, 201, JSON.stringify(r.body));
      return String(r.body.id);
    }
    const slotRow = (id: string) =>
      db().selectFrom('slots').select(['capacity', 'booked', 'status']).where('id', '=', id).executeTakeFirstOrThrow();
    const localStarts = async (siteId: string) =>
      (
        await db().selectFrom('slots').select('starts_at').where('site_id', '=', siteId).orderBy('starts_at').execute()
      ).map((s) => local(Number(s.starts_at)));
    const noticesFor = async (type: string, bookingIds: string[]) => {
      const rows = await db().selectFrom('messages').select('idempotency_key').where('type', '=', type).execute();
      return bookingIds.filter((id) => rows.some((r) => (r.idempotency_key ?? '').includes(id)));
    };
    /** Every slot holds no more active bookings than its capacity, and its counter agrees with the bookings. */
    async function assertInvariant() {
      const slots = await db().selectFrom('slots').select(['id', 'capacity', 'booked']).execute();
      const active = await db()
        .selectFrom('bookings')
        .select('slot_id')
        .where('status', 'in', ['booked', 'checked-in', 'administered', 'no-show'])
        .execute();
      for (const s of slots) {
        const n = active.filter((b) => b.slot_id === s.id).length;
        assert.ok(s.booked <= s.capacity, `slot ${s.id} booked ${s.booked} > capacity ${s.capacity}`);
        assert.equal(n, s.booked, `slot ${s.id}: ${n} active bookings, counter ${s.booked}`);
      }
    }

    before(async () => {
      app = await startTestApp(engine, { RATE_LIMITS: 'off' }, { now: () => (clock += 1000) });
      const { token } = await createApiToken(
        { name: 'setup', role: 'admin' },
        { db: app.tdb.db, now: () => clock, actor: systemActor('test') },
      );
      staff = api(app.url, token);
      pub = api(app.url);
      programId = String((await staff.post('/api/v1/programs', { name: 'Flu', bookingMode: 'open' })).body.id);
      productId = String((await staff.post('/api/v1/products', { programId, name: 'Flu shot', doses: 1 })).body.id);
    });
    after(() => app.close());

    const template = (extra: Body) => ({
      name: 'Mornings',
      programId,
      weekdays: [1, 2, 3, 4, 5, 6, 7],
      opens: '09:00',
      closes: '10:00',
      slotMinutes: 30,
      capacity: 2,
      validFrom: '2027-01-01',
      validTo: '2027-12-31',
      ...extra,
    });

    it('publishes across the March change: local times stay, the missing hour is skipped, twice creates nothing', async () => {
      const siteId = await newSite('March Clinic');
      assert.equal((await staff.post(`/api/v1/sites/${siteId}/schedule-templates`, template({}))).status, 201);
      const night = template({ name: 'Night', opens: '00:00', closes: '04:00', slotMinutes: 60, weekdays: [7] });
      assert.equal((await staff.post(`/api/v1/sites/${siteId}/schedule-templates`, night)).status, 201);
      const first = await staff.post(`/api/v1/sites/${siteId}/schedule-templates/publish`, {
        from: '2027-03-13',
        to: '2027-03-15',
      });
      assert.equal(first.status, 200);
      assert.deepEqual(await localStarts(siteId), [
        '2027-03-13 09:00',
        '2027-03-13 09:30',
        '2027-03-14 00:00',
        '2027-03-14 01:00',
        '2027-03-14 03:00',
        '2027-03-14 09:00',
        '2027-03-14 09:30',
        '2027-03-15 09:00',
        '2027-03-15 09:30',
      ]);
      assert.equal(first.body.created, 9);
      const again = await staff.post(`/api/v1/sites/${siteId}/schedule-templates/publish`, {
        from: '2027-03-13',
        to: '2027-03-15',
      });
      assert.deepEqual(again.body, { created: 0, existing: 9, closed: 0 });
      assert.equal((await localStarts(siteId)).length, 9);
      const listed = await staff.get(`/api/v1/sites/${siteId}/schedule-templates`);
      assert.equal((listed.body.templates as unknown[]).length, 2);
    });

    it('publishes across the November change: the repeated hour once, 9:00 stays 9:00', async () => {
      const siteId = await newSite('November Clinic');
      await staff.post(`/api/v1/sites/${siteId}/schedule-templates`, template({}));
      await staff.post(
        `/api/v1/sites/${siteId}/schedule-templates`,
        template({ name: 'Night', opens: '00:00', closes: '04:00', slotMinutes: 60, weekdays: [7] }),
      );
      const r = await staff.post(`/api/v1/sites/${siteId}/schedule-templates/publish`, {
        from: '2027-11-06',
        to: '2027-11-08',
      });
      assert.equal(r.body.created, 10);
      assert.deepEqual(await localStarts(siteId), [
        '2027-11-06 09:00',
        '2027-11-06 09:30',
        '2027-11-07 00:00',
        '2027-11-07 01:00',
        '2027-11-07 02:00',
        '2027-11-07 03:00',
        '2027-11-07 09:00',
        '2027-11-07 09:30',
        '2027-11-08 09:00',
        '2027-11-08 09:30',
      ]);
      // 9:00 local is 13:00 UTC before the change and 14:00 UTC after it.
      assert.equal(new Date(at('2027-11-06', '09:00')).toISOString(), '2027-11-06T13:00:00.000Z');
      assert.equal(new Date(at('2027-11-08', '09:00')).toISOString(), '2027-11-08T14:00:00.000Z');
      const again = await staff.post(`/api/v1/sites/${siteId}/schedule-templates/publish`, {
        from: '2027-11-06',
        to: '2027-11-08',
      });
      assert.equal(again.body.created, 0);
    });

    it('skips closures (whole days and time ranges) and breaks', async () => {
      const siteId = await newSite('Closure Clinic');
      await staff.post(
        `/api/v1/sites/${siteId}/schedule-templates`,
        template({ opens: '09:00', closes: '12:00', breaks: [{ from: '10:00', to: '10:30' }] }),
      );
      const whole = await staff.post(`/api/v1/sites/${siteId}/closures`, { date: '2027-04-06', reason: 'Holiday' });
      assert.equal(whole.status, 201, JSON.stringify(whole.body));
      const part = await staff.post(`/api/v1/sites/${siteId}/closures`, {
        date: '2027-04-07',
        fromTime: '09:30',
        toTime: '11:00',
        reason: 'Training',
      });
      assert.equal(part.status, 201);
      const r = await staff.post(`/api/v1/sites/${siteId}/schedule-templates/publish`, {
        from: '2027-04-05',
        to: '2027-04-07',
      });
      assert.deepEqual(await localStarts(siteId), [
        '2027-04-05 09:00',
        '2027-04-05 09:30',
        '2027-04-05 10:30',
        '2027-04-05 11:00',
        '2027-04-05 11:30',
        '2027-04-07 09:00',
        '2027-04-07 11:00',
        '2027-04-07 11:30',
      ]);
      assert.equal(r.body.created, 8);
      assert.ok(Number(r.body.closed) >= 6, JSON.stringify(r.body));
    });

    it('lowering capacity lists the latest bookings, changes nothing until resolved, then moves them with notice', async () => {
      const siteId = await newSite('Capacity Clinic');
      const a = await slot(siteId, at('2027-01-12', '10:00'), 3);
      const b = await slot(siteId, at('2027-01-12', '11:00'), 5);
      const far = await slot(siteId, at('2027-01-20', '10:00'), 5);
      const [first, second, third] = [await book(a), await book(a), await book(a)];
      const refused = await staff.patch(`/api/v1/slots/${a}`, { capacity: 1 });
      assert.equal(refused.status, 409);
      const err = refused.body.error as { code: string; affected: { bookingId: string; why: string }[] };
      assert.equal(err.code, 'bookings_affected');
      assert.deepEqual(err.affected.map((x) => x.bookingId).sort(), [second, third].sort());
      assert.ok(err.affected.every((x) => x.why === 'over-capacity'));
      assert.deepEqual(await slotRow(a), { capacity: 3, booked: 3, status: 'open' });
      assert.deepEqual(await noticesFor('appointments.changed', [first ?? '', second ?? '', third ?? '']), []);

      const done = await staff.patch(`/api/v1/slots/${a}`, { capacity: 1, resolve: 'move' });
      assert.equal(done.status, 200, JSON.stringify(done.body));
      assert.deepEqual(
        (done.body.moved as { bookingId: string; toSlotId: string }[]).map((m) => [m.bookingId, m.toSlotId]).sort(),
        [
          [second, b],
          [third, b],
        ].sort(),
      );
      assert.deepEqual(await slotRow(a), { capacity: 1, booked: 1, status: 'open' });
      assert.deepEqual(await slotRow(b), { capacity: 5, booked: 2, status: 'open' });
      assert.deepEqual(await slotRow(far), { capacity: 5, booked: 0, status: 'open' });
      const kept = await db()
        .selectFrom('bookings')
        .select(['slot_id', 'status'])
        .where('id', '=', first ?? '')
        .executeTakeFirstOrThrow();
      assert.deepEqual(kept, { slot_id: a, status: 'booked' });
      assert.deepEqual(
        (await noticesFor('appointments.changed', [second ?? '', third ?? ''])).sort(),
        [second, third].sort(),
      );
      const audit = await db()
        .selectFrom('audit_log')
        .select('details')
        .where('action', '=', 'appointments.slot.capacity-changed')
        .where('subject_id', '=', a)
        .executeTakeFirstOrThrow();
      assert.deepEqual(JSON.parse(audit.details ?? '{}').capacity, { from: 3, to: 1 });
      await assertInvariant();
    });

    it('cancelling with notice when told to, and when no seat is left', async () => {
      const siteId = await newSite('Cancel Clinic');
      const a = await slot(siteId, at('2027-02-02', '10:00'), 2);
      const ids = [await book(a), await book(a)];
      const r = await staff.patch(`/api/v1/slots/${a}`, { capacity: 0, resolve: 'move' });
      assert.equal(r.status, 200, JSON.stringify(r.body));
      // No other seat in the program within two weeks at any site except those already used: cancelled.
      const cancelled = r.body.cancelled as string[];
      const moved = r.body.moved as unknown[];
      assert.equal(cancelled.length + moved.length, 2);
      assert.deepEqual(await slotRow(a), { capacity: 0, booked: 0, status: 'open' });
      const statuses = await db().selectFrom('bookings').select(['id', 'status']).where('id', 'in', ids).execute();
      for (const s of statuses) assert.equal(s.status, cancelled.includes(s.id) ? 'cancelled' : 'booked');
      assert.deepEqual((await noticesFor('appointments.cancelled', cancelled)).sort(), [...cancelled].sort());
      await assertInvariant();
    });

    it('resolve "cancel" cancels every affected booking with notice', async () => {
      const siteId = await newSite('Cancel Only Clinic');
      const a = await slot(siteId, at('2027-02-09', '10:00'), 3);
      await slot(siteId, at('2027-02-09', '11:00'), 3);
      const ids = [await book(a), await book(a), await book(a)];
      const r = await staff.patch(`/api/v1/slots/${a}`, { capacity: 1, resolve: 'cancel' });
      assert.equal(r.status, 200);
      assert.deepEqual((r.body.cancelled as string[]).sort(), [ids[1], ids[2]].sort());
      assert.deepEqual(await slotRow(a), { capacity: 1, booked: 1, status: 'open' });
      assert.deepEqual((await noticesFor('appointments.cancelled', [ids[1] ?? '', ids[2] ?? ''])).length, 2);
      const audit = await db()
        .selectFrom('audit_log')
        .select('details')
        .where('action', '=', 'appointments.booking.cancelled')
        .where('subject_id', '=', ids[1] ?? '')
        .executeTakeFirstOrThrow();
      assert.equal(JSON.parse(audit.details ?? '{}').reason, 'site-change');
      await assertInvariant();
    });

    it('a closure over booked slots is refused without a resolution, then moves people with notice', async () => {
      const siteId = await newSite('Closing Clinic');
      const a = await slot(siteId, at('2027-03-02', '10:00'), 2);
      const b = await slot(siteId, at('2027-03-03', '10:00'), 2);
      const ids = [await book(a), await book(a)];
      const refused = await staff.post(`/api/v1/sites/${siteId}/closures`, { date: '2027-03-02', reason: 'Flood' });
      assert.equal(refused.status, 409);
      const err = refused.body.error as { affected: { bookingId: string; why: string }[] };
      assert.deepEqual(err.affected.map((x) => x.bookingId).sort(), [...ids].sort());
      assert.ok(err.affected.every((x) => x.why === 'site-closed'));
      assert.equal(
        (await db().selectFrom('site_closures').select('id').where('site_id', '=', siteId).execute()).length,
        0,
      );
      assert.deepEqual(await slotRow(a), { capacity: 2, booked: 2, status: 'open' });

      const ok = await staff.post(`/api/v1/sites/${siteId}/closures`, {
        date: '2027-03-02',
        reason: 'Flood',
        resolve: 'move',
      });
      assert.equal(ok.status, 201, JSON.stringify(ok.body));
      assert.deepEqual(await slotRow(a), { capacity: 2, booked: 0, status: 'closed' });
      assert.deepEqual(await slotRow(b), { capacity: 2, booked: 2, status: 'open' });
      assert.equal((await noticesFor('appointments.changed', ids)).length, 2);
      await assertInvariant();
    });

    it('refuses bad input and unknown slots, and site staff tokens may read but not change', async () => {
      const siteId = await newSite('Rules Clinic');
      const bad = await staff.post(
        `/api/v1/sites/${siteId}/schedule-templates`,
        template({ opens: '12:00', closes: '09:00' }),
      );
      assert.equal(bad.status, 400);
      assert.equal((await staff.patch('/api/v1/slots/nope', { capacity: 1 })).status, 404);
      const tooLong = await staff.post(`/api/v1/sites/${siteId}/schedule-templates/publish`, {
        from: '2027-01-01',
        to: '2028-06-01',
      });
      assert.equal(tooLong.status, 400);
      const { token } = await createApiToken(
        { name: 'desk', role: 'site-staff', sites: [siteId] },
        { db: app.tdb.db, now: () => clock, actor: systemActor('test') },
      );
      const desk = api(app.url, token);
      assert.equal((await desk.get(`/api/v1/sites/${siteId}/schedule-templates`)).status, 200);
      assert.equal((await desk.post(`/api/v1/sites/${siteId}/schedule-templates`, template({}))).status, 403);
    });
  });
}

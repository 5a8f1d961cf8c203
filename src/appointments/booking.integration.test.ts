/**
 * The booking invariants, through the real HTTP API on both engines: a slot never holds more bookings than its
 * capacity, bookings never exceed the doses on hand, a dose-1 seat is only taken with a dose-2 seat held, one
 * active booking per person and dose, and Idempotency-Key replays book nothing more.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTestApp, type TestApp } from '../../test/support/app.js';
import { engines } from '../../test/support/db.js';
import { systemActor } from '../platform/audit/index.js';
import { createApiToken } from '../staff/index.js';

const DAY = 86_400_000;

interface Api {
  post(
    path: string,
    body: unknown,
    headers?: Record<string, string>,
  ): Promise<{ status: number; body: Record<string, unknown> }>;
  get(path: string, headers?: Record<string, string>): Promise<{ status: number; body: Record<string, unknown> }>;
}

function api(base: string, token?: string): Api {
  const call = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
    const res = await fetch(base + path, {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...headers,
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };
  return { post: (p, b, h) => call('POST', p, b, h), get: (p, h) => call('GET', p, undefined, h) };
}

const person = (i: number, extra: Record<string, unknown> = {}) => ({
  givenName: `Person${i}`,
  familyName: 'Tester',
  birthDate: '1960-05-0' + String((i % 9) + 1),
  language: i % 2 ? 'es' : 'en',
  ...extra,
});

for (const { engine, skip } of engines()) {
  describe(`booking never overbooks (${engine})`, { skip }, () => {
    let app: TestApp;
    let staff: Api;
    let pub: Api;
    let programId = '';
    let oneDose = '';
    let twoDose = '';
    const tomorrow = Date.now() + DAY;

    async function site(name: string, doses: Record<string, number>): Promise<string> {
      const r = await staff.post('/api/v1/sites', {
        name,
        address: `${name} Road, Springfield`,
        postalCode: '12345',
        timeZone: 'America/New_York',
      });
      assert.equal(r.status, 201, JSON.stringify(r.body));
      const id = String(r.body.id);
      for (const [productId, n] of Object.entries(doses)) {
        const inv = await staff.post(`/api/v1/sites/${id}/inventory`, {
          productId,
          doses: n,
          lot: 'LOT1',
          expiresOn: '2027-12-31',
        });
        assert.equal(inv.status, 201);
      }
      return id;
    }
    async function slot(siteId: string, startsAt: number, capacity: number): Promise<string> {
      const r = await staff.post(`/api/v1/sites/${siteId}/slots`, {
        startsAt: new Date(startsAt).toISOString(),
        durationMinutes: 15,
        capacity,
        programId,
      });
      assert.equal(r.status, 201, JSON.stringify(r.body));
      return String(r.body.id);
    }
    const book = (slotId: string, productId: string, i: number, headers: Record<string, string> = {}) =>
      pub.post('/api/v1/bookings', { slotId, productId, dose: 1, person: person(i) }, headers);
    const count = async (table: 'bookings', where: Record<string, string>) => {
      let q = app.tdb.db.kysely.selectFrom(table).select('id').where('status', '=', 'booked');
      for (const [k, v] of Object.entries(where)) q = q.where(k as 'slot_id', '=', v);
      return (await q.execute()).length;
    };
    /** Seats taken over every slot at these sites. */
    const seatsTakenAt = async (siteIds: string[]) =>
      (await app.tdb.db.kysely.selectFrom('slots').select('booked').where('site_id', 'in', siteIds).execute()).reduce(
        (n, x) => n + x.booked,
        0,
      );

    before(async () => {
      // Load on loopback: rate limits off here (the next suite checks them), and the waiting room off (its own
      // suites hold anonymous API bookings in line; hundreds of them here would fill it).
      app = await startTestApp(engine, { SEED_DEMO: 'false', RATE_LIMITS: 'off', WAITING_ROOM_MODE: 'off' });
      const { token } = await createApiToken(
        { name: 'setup', role: 'admin' },
        { db: app.tdb.db, now: Date.now, actor: systemActor('test') },
      );
      staff = api(app.url, token);
      pub = api(app.url);
      const p = await staff.post('/api/v1/programs', {
        name: { en: 'COVID-19 vaccination', es: 'Vacunación COVID-19' },
        bookingMode: 'open',
      });
      assert.equal(p.status, 201);
      programId = String(p.body.id);
      oneDose = String(
        (await staff.post('/api/v1/products', { programId, name: 'Single', doses: 1, cvxCode: '212' })).body.id,
      );
      twoDose = String(
        (
          await staff.post('/api/v1/products', {
            programId,
            name: 'Series',
            doses: 2,
            minDaysBetweenDoses: 21,
            maxDaysBetweenDoses: 28,
            cvxCode: '208',
          })
        ).body.id,
      );
    });
    after(() => app.close());

    it('200 concurrent bookers on a slot of capacity 10: exactly 10 succeed, the rest hear slot_full', async () => {
      const siteId = await site('Capacity Clinic', { [oneDose]: 1000 });
      const slotId = await slot(siteId, tomorrow, 10);
      const answers = await Promise.all(Array.from({ length: 200 }, (_, i) => book(slotId, oneDose, i)));
      const ok = answers.filter((a) => a.status === 201);
      assert.equal(ok.length, 10);
      assert.ok(
        answers
          .filter((a) => a.status !== 201)
          .every((a) => a.status === 409 && (a.body.error as { code: string }).code === 'slot_full'),
      );
      const row = await app.tdb.db.kysely
        .selectFrom('slots')
        .select(['booked', 'capacity'])
        .where('id', '=', slotId)
        .executeTakeFirstOrThrow();
      assert.deepEqual(row, { booked: 10, capacity: 10 });
      assert.equal(await count('bookings', { slot_id: slotId }), 10);
    });

    it('10 doses on hand and 3 slots of capacity 10: exactly 10 bookings', async () => {
      const siteId = await site('Scarce Clinic', { [oneDose]: 10 });
      const slots = [
        await slot(siteId, tomorrow, 10),
        await slot(siteId, tomorrow + 3_600_000, 10),
        await slot(siteId, tomorrow + 7_200_000, 10),
      ];
      const answers = await Promise.all(
        Array.from({ length: 30 }, (_, i) => book(slots[i % 3] ?? '', oneDose, 1000 + i)),
      );
      assert.equal(answers.filter((a) => a.status === 201).length, 10);
      assert.ok(
        answers.filter((a) => a.status !== 201).every((a) => (a.body.error as { code: string }).code === 'no_doses'),
      );
      const inv = await app.tdb.db.kysely
        .selectFrom('site_inventory')
        .select(['on_hand', 'reserved'])
        .where('site_id', '=', siteId)
        .executeTakeFirstOrThrow();
      assert.deepEqual(inv, { on_hand: 10, reserved: 10 });
      assert.equal(await seatsTakenAt([siteId]), 10, 'a seat taken by a refused booking was given back');
    });

    it('dose-1 seats are taken only with a dose-2 seat held; holds never exceed capacity', async () => {
      const siteId = await site('Series Clinic', { [twoDose]: 1000 });
      const first = await slot(siteId, tomorrow, 10);
      const seconds = [
        await slot(siteId, tomorrow + 21 * DAY, 2),
        await slot(siteId, tomorrow + 25 * DAY, 3),
        await slot(siteId, tomorrow + 40 * DAY, 50),
      ];
      const answers = await Promise.all(Array.from({ length: 30 }, (_, i) => book(first, twoDose, 2000 + i)));
      const ok = answers.filter((a) => a.status === 201);
      assert.equal(ok.length, 5, 'only 5 seats exist inside the 21–28 day window');
      for (const a of ok) {
        const second = a.body.secondDose as { startsAt: string };
        const gap = (Date.parse(second.startsAt) - tomorrow) / DAY;
        assert.ok(gap >= 21 && gap <= 28, `second dose ${gap} days later`);
      }
      assert.ok(
        answers
          .filter((a) => a.status !== 201)
          .every((a) => (a.body.error as { code: string }).code === 'no_second_dose'),
      );
      const rows = await app.tdb.db.kysely
        .selectFrom('slots')
        .select(['id', 'booked', 'capacity'])
        .where('site_id', '=', siteId)
        .execute();
      for (const r of rows) assert.ok(r.booked <= r.capacity);
      assert.equal(rows.find((r) => r.id === first)?.booked, 5, 'refused bookings left no seat taken');
      assert.equal(rows.find((r) => r.id === seconds[2])?.booked, 0, 'no hold outside the window');
      const availability = await pub.get(
        `/api/v1/availability?siteId=${siteId}&productId=${twoDose}&to=${encodeURIComponent(new Date(tomorrow + DAY).toISOString())}`,
      );
      assert.deepEqual(availability.body.slots, [], 'a dose-1 slot without a dose-2 seat is not offered');
    });

    it('one active booking per person and dose; cancelling frees the seat and both reserved doses at once', async () => {
      const siteId = await site('Cancel Clinic', { [twoDose]: 4 });
      const first = await slot(siteId, tomorrow, 5);
      await slot(siteId, tomorrow + 22 * DAY, 5);
      const a = await book(first, twoDose, 3000);
      assert.equal(a.status, 201);
      const again = await book(first, twoDose, 3000);
      assert.equal(again.status, 409);
      assert.equal((again.body.error as { code: string }).code, 'already_booked');
      const cancel = await pub.post(
        `/api/v1/bookings/${String(a.body.id)}/cancel`,
        {},
        { authorization: `Bearer ${String(a.body.manageToken)}` },
      );
      assert.equal(cancel.status, 200);
      assert.equal(
        (cancel.body.cancelled as unknown[]).length,
        2,
        'dose 2 is released with dose 1, and the answer says so',
      );
      const inv = await app.tdb.db.kysely
        .selectFrom('site_inventory')
        .select('reserved')
        .where('site_id', '=', siteId)
        .executeTakeFirstOrThrow();
      assert.equal(inv.reserved, 0);
      const s = await app.tdb.db.kysely.selectFrom('slots').select('booked').where('site_id', '=', siteId).execute();
      assert.ok(s.every((x) => x.booked === 0));
      assert.equal((await book(first, twoDose, 3000)).status, 201, 'the person can book again');
    });

    it('the same new person booking at 20 sites at once gets one booking and one person record', async () => {
      // At as many sites (each site's dose count is its own row, so nothing else makes them wait for each other).
      const sites: string[] = [];
      const slots: string[] = [];
      for (let h = 0; h < 20; h++) {
        const siteId = await site(`Race Clinic ${h}`, { [oneDose]: 10 });
        sites.push(siteId);
        slots.push(await slot(siteId, tomorrow + h * 900_000, 5));
      }
      const answers = await Promise.all(slots.map((slotId) => book(slotId, oneDose, 4242)));
      const statuses = answers.map((a) => a.status).sort();
      assert.equal(statuses.filter((x) => x === 201).length, 1, JSON.stringify(statuses));
      assert.ok(
        answers
          .filter((a) => a.status !== 201)
          .every((a) => (a.body.error as { code: string }).code === 'already_booked'),
      );
      const bookings = await app.tdb.db.kysely
        .selectFrom('bookings')
        .select('person_id')
        .where('site_id', 'in', sites)
        .where('status', '=', 'booked')
        .execute();
      assert.equal(bookings.length, 1);
      assert.equal(await seatsTakenAt(sites), 1, 'refused attempts gave their seats back');
      const person = await app.tdb.db.kysely
        .selectFrom('people')
        .select('identity_index')
        .where('id', '=', bookings[0]?.person_id ?? '')
        .executeTakeFirstOrThrow();
      const records = await app.tdb.db.kysely
        .selectFrom('people')
        .select('id')
        .where('identity_index', '=', person.identity_index)
        .execute();
      assert.equal(records.length, 1, 'one person record, not one per racing request');
    });

    it('a replayed Idempotency-Key returns the first answer and books nothing more', async () => {
      const siteId = await site('Replay Clinic', { [oneDose]: 100 });
      const slotId = await slot(siteId, tomorrow, 10);
      const headers = { 'idempotency-key': 'client-req-1' };
      const answers = await Promise.all([
        book(slotId, oneDose, 4000, headers),
        book(slotId, oneDose, 4000, headers),
        book(slotId, oneDose, 4000, headers),
      ]);
      assert.ok(answers.every((x) => x.status === 201));
      assert.ok(
        answers.every((x) => x.body.id === answers[0]?.body.id),
        'the same answer every time',
      );
      assert.equal(await count('bookings', { slot_id: slotId }), 1);
      const other = await pub.post(
        '/api/v1/bookings',
        { slotId, productId: oneDose, dose: 1, person: person(4001) },
        headers,
      );
      assert.equal(other.status, 422);
    });

    it('refuses what the rules do not allow with the precise, translated reason, and books nothing', async () => {
      const adult = await staff.post('/api/v1/products', { programId, name: 'Adults', doses: 1, minAgeYears: 18 });
      const siteId = await site('Rules Hall', { [oneDose]: 50, [String(adult.body.id)]: 50 });
      const open = await slot(siteId, tomorrow + 2 * 3_600_000, 5);
      const other = await staff.post('/api/v1/programs', {
        name: { en: 'Flu shots', es: 'Vacunas contra la gripe' },
        bookingMode: 'invitation',
      });
      const otherProgram = String(other.body.id);
      const otherProduct = await staff.post('/api/v1/products', { programId: otherProgram, name: 'Flu', doses: 1 });
      const invited = await staff.post(`/api/v1/sites/${siteId}/slots`, {
        startsAt: new Date(tomorrow + 3 * 3_600_000).toISOString(),
        durationMinutes: 15,
        capacity: 5,
        programId: otherProgram,
      });
      assert.equal(invited.status, 201);
      const before = await count('bookings', {});
      const refused = async (body: Record<string, unknown>, status: number, code: string, lang = 'en') => {
        const r = await pub.post(
          '/api/v1/bookings',
          { dose: 1, person: person(900), ...body },
          {
            'accept-language': lang,
          },
        );
        assert.equal(r.status, status, JSON.stringify(r.body));
        const error = r.body.error as { code: string; message: string };
        assert.equal(error.code, code);
        assert.ok(error.message.length > 0);
        return error.message;
      };
      await refused({ slotId: 'no-such-slot', productId: oneDose }, 404, 'not_found');
      await refused({ slotId: open, productId: 'no-such-product' }, 404, 'not_found');
      // A product of another program is no product of this slot.
      await refused({ slotId: open, productId: String(otherProduct.body.id) }, 404, 'not_found');
      await refused(
        { slotId: String(invited.body.id), productId: String(otherProduct.body.id) },
        409,
        'invitation_required',
      );
      await refused({ slotId: open, productId: oneDose, dose: 2 }, 409, 'wrong_dose');
      const en = await refused(
        { slotId: open, productId: String(adult.body.id), person: person(901, { birthDate: '2015-01-01' }) },
        409,
        'not_eligible',
      );
      const es = await refused(
        { slotId: open, productId: String(adult.body.id), person: person(901, { birthDate: '2015-01-01' }) },
        409,
        'not_eligible',
        'es',
      );
      assert.notEqual(en, es, 'the reason is translated');
      assert.equal(await count('bookings', {}), before);
      const ok = await pub.post('/api/v1/bookings', {
        slotId: open,
        productId: String(adult.body.id),
        dose: 1,
        person: person(902),
      });
      assert.equal(ok.status, 201, 'an adult books the same slot and product');
    });

    it('refuses bad input with every bad field named, and changes nothing', async () => {
      const before = await app.tdb.db.kysely.selectFrom('bookings').select('id').execute();
      const r = await pub.post('/api/v1/bookings', {
        slotId: 'x',
        productId: '',
        dose: 0,
        person: { givenName: '', birthDate: '1960-13', language: 'fr' },
      });
      assert.equal(r.status, 400);
      const fields = (r.body.error as { fields: Record<string, string> }).fields;
      for (const f of [
        'productId',
        'dose',
        'person.givenName',
        'person.familyName',
        'person.birthDate',
        'person.language',
      ])
        assert.ok(f in fields, f);
      assert.equal((await app.tdb.db.kysely.selectFrom('bookings').select('id').execute()).length, before.length);
    });

    it('a confirmation with a calendar file is recorded with the booking, in the person’s language', async () => {
      const siteId = await site('Confirm Clinic', { [oneDose]: 10 });
      const slotId = await slot(siteId, tomorrow, 10);
      const r = await pub.post('/api/v1/bookings', {
        slotId,
        productId: oneDose,
        dose: 1,
        person: person(5000, { email: 'p5000@example.com', language: 'es' }),
      });
      assert.equal(r.status, 201);
      const msg = await app.tdb.db.kysely
        .selectFrom('messages')
        .select(['type', 'locale', 'status'])
        .where('idempotency_key', '=', `booking:${String(r.body.id)}:confirmation:email`)
        .executeTakeFirstOrThrow();
      assert.deepEqual(msg, { type: 'appointments.confirmation', locale: 'es', status: 'queued' });
    });

    it('a reminder is scheduled for the day before each dose and cancelled with the booking', async () => {
      const siteId = await site('Reminder Clinic', { [twoDose]: 10 });
      const start = tomorrow + 2 * DAY;
      const first = await slot(siteId, start, 5);
      await slot(siteId, start + 22 * DAY, 5);
      const r = await pub.post('/api/v1/bookings', {
        slotId: first,
        productId: twoDose,
        dose: 1,
        person: person(7000, { phone: '555-010-0170' }),
      });
      assert.equal(r.status, 201);
      const ids = [String(r.body.id), String((r.body.secondDose as { id: string }).id)];
      const jobs = await app.tdb.db.kysely
        .selectFrom('jobs')
        .select(['idempotency_key', 'run_at', 'status'])
        .where('name', '=', 'send-scheduled-message')
        .execute();
      const mine = jobs.filter((j) => ids.some((id) => j.idempotency_key === `reminder:booking:${id}:reminder`));
      assert.equal(mine.length, 2, 'one reminder per dose');
      assert.ok(mine.some((j) => j.run_at === start - DAY));
      const cancel = await pub.post(
        `/api/v1/bookings/${ids[0] ?? ''}/cancel`,
        {},
        { authorization: `Bearer ${String(r.body.manageToken)}` },
      );
      assert.equal(cancel.status, 200);
      const after = await app.tdb.db.kysely
        .selectFrom('jobs')
        .select('status')
        .where('name', '=', 'send-scheduled-message')
        .where(
          'run_at',
          'in',
          mine.map((j) => j.run_at),
        )
        .execute();
      assert.ok(
        after.every((j) => j.status === 'cancelled'),
        'no reminder for a cancelled appointment',
      );
    });

    it('recording the dose given uses one dose from the inventory, with a ledger entry naming the lot', async () => {
      const siteId = await site('Vaccinate Clinic', { [oneDose]: 5 });
      const slotId = await slot(siteId, tomorrow, 5);
      const b = await book(slotId, oneDose, 8000);
      const id = String(b.body.id);
      assert.equal(
        (await staff.post(`/api/v1/bookings/${id}/administer`, { lot: 'LOT1' })).status,
        409,
        'check in first',
      );
      await staff.post(`/api/v1/bookings/${id}/check-in`, {});
      assert.equal((await staff.post(`/api/v1/bookings/${id}/administer`, { lot: 'LOT1' })).status, 200);
      const inv = await app.tdb.db.kysely
        .selectFrom('site_inventory')
        .select(['on_hand', 'reserved'])
        .where('site_id', '=', siteId)
        .executeTakeFirstOrThrow();
      assert.deepEqual(inv, { on_hand: 4, reserved: 0 });
      const ledger = await app.tdb.db.kysely
        .selectFrom('inventory_ledger')
        .select(['kind', 'doses', 'lot'])
        .where('site_id', '=', siteId)
        .orderBy('id')
        .execute();
      assert.deepEqual(ledger.at(-1), { kind: 'administer', doses: -1, lot: 'LOT1' });
      assert.equal(
        (await staff.post(`/api/v1/bookings/${id}/no-show`, {})).status,
        409,
        'an administered dose is not a no-show',
      );
    });

    it('staff check people in; a token of the wrong role gets 403', async () => {
      const siteId = await site('Checkin Clinic', { [oneDose]: 10 });
      const slotId = await slot(siteId, tomorrow, 10);
      const b = await book(slotId, oneDose, 6000);
      const { token } = await createApiToken(
        { name: 'bi', role: 'analyst' },
        { db: app.tdb.db, now: Date.now, actor: systemActor('test') },
      );
      assert.equal((await api(app.url, token).post(`/api/v1/bookings/${String(b.body.id)}/check-in`, {})).status, 403);
      const ok = await staff.post(`/api/v1/bookings/${String(b.body.id)}/check-in`, {});
      assert.equal(ok.status, 200);
      assert.equal((await staff.get(`/api/v1/bookings/${String(b.body.id)}`)).body.status, 'checked-in');
    });

    it('what a caller may not see is one 404: an unknown id, a wrong manage token, another site’s booking', async () => {
      const here = await site('Here Clinic', { [oneDose]: 10 });
      const there = await site('There Clinic', { [oneDose]: 10 });
      const b = await book(await slot(there, tomorrow, 10), oneDose, 6100);
      const id = String(b.body.id);
      const d = { db: app.tdb.db, now: Date.now, actor: systemActor('test') };
      const agent = api(app.url, (await createApiToken({ name: 'phones', role: 'call-agent' }, d)).token);
      const desk = api(app.url, (await createApiToken({ name: 'desk', role: 'site-staff', sites: [here] }, d)).token);
      const analyst = api(app.url, (await createApiToken({ name: 'numbers', role: 'analyst' }, d)).token);
      const unknown = '00000000-0000-4000-8000-000000000000';
      const notFound = { error: { code: 'not_found', message: 'No such resource.' } };
      for (const [who, caller, path] of [
        ['staff, unknown id', agent, `/api/v1/bookings/${unknown}`],
        ['anonymous, no token', pub, `/api/v1/bookings/${id}`],
        ['anonymous, unknown id', pub, `/api/v1/bookings/${unknown}`],
        ['wrong manage token', api(app.url, 'not-the-token'), `/api/v1/bookings/${id}`],
        ['another site’s staff', desk, `/api/v1/bookings/${id}`],
      ] as const) {
        const r = await caller.get(path);
        assert.equal(r.status, 404, who);
        assert.deepEqual(r.body, notFound, who);
        assert.equal((await caller.post(`${path}/cancel`, {})).status, 404, `${who}: cancel`);
      }
      for (const action of ['check-in', 'no-show', 'administer'])
        assert.equal((await desk.post(`/api/v1/bookings/${id}/${action}`, {})).status, 404, action);
      // A role that may not manage bookings at all hears 403 whether or not the booking exists.
      assert.equal((await analyst.get(`/api/v1/bookings/${id}`)).status, 403);
      assert.equal((await analyst.get(`/api/v1/bookings/${unknown}`)).status, 403);
      assert.equal((await agent.get(`/api/v1/bookings/${id}`)).status, 200);
      assert.equal((await api(app.url, String(b.body.manageToken)).get(`/api/v1/bookings/${id}`)).status, 200);
    });
  });
}

describe('booking rate limits', () => {
  it('a client over the configured rate gets a translated 429 and books nothing', async () => {
    const app = await startTestApp('sqlite', { SEED_DEMO: 'false', BOOKING_RATE_PER_MINUTE: '3' });
    try {
      const pub = api(app.url);
      const body = { slotId: 'none', productId: 'none', dose: 1, person: person(1) };
      const answers = [];
      for (let i = 0; i < 4; i++) answers.push(await pub.post('/api/v1/bookings', body, { 'accept-language': 'es' }));
      assert.deepEqual(
        answers.slice(0, 3).map((a) => a.status),
        [404, 404, 404],
      );
      assert.equal(answers[3]?.status, 429);
      assert.deepEqual(answers[3]?.body, {
        error: { code: 'too_many_requests', message: 'Demasiadas solicitudes. Inténtelo más tarde.' },
      });
    } finally {
      await app.close();
    }
  });
});

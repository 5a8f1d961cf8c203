/**
 * The public booking API waits in the same line as the pages (issue #15): while the room is on, an anonymous
 * `POST /api/v1/bookings` gets a JSON 503 with Retry-After, its place and a token to come back with, and books
 * nothing; the place is kept across calls (a tampered token is a new place at the end); when its turn comes the call
 * goes through and the answer carries a pass for later calls. Staff API tokens are not held; reading and managing a
 * booking are not held; with the room switched off, API calls go straight in.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTestApp, TestClient, type TestApp } from '../../test/support/app.js';
import { catalog } from '../../test/support/catalog-fixtures.js';
import { engines } from '../../test/support/db.js';
import { systemActor } from '../platform/audit/index.js';
import { createApiToken } from '../staff/index.js';
import { API_RETRY_SECONDS } from './guard.js';
import { updateSettings } from './index.js';

const DAY = 86_400_000;
const HEADER = 'waiting-room-token';

interface Waiting {
  error: { code: string; message: string; position: number; ahead: number; etaMinutes: number | null };
}

const positionOf = (html: string) => Number(/Your number in line: (\d+)/.exec(html)?.[1]);

for (const { engine, skip } of engines()) {
  describe(`the booking API waits in line (${engine})`, { skip }, () => {
    let app: TestApp;
    let clock = Date.now();
    let staffToken = '';
    let body: (givenName: string) => unknown = () => ({});

    const book = async (o: { name: string; token?: string | null; bearer?: string }) => {
      const res = await fetch(`${app.url}/api/v1/bookings`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(o.token ? { [HEADER]: o.token } : {}),
          ...(o.bearer ? { authorization: `Bearer ${o.bearer}` } : {}),
        },
        body: JSON.stringify(body(o.name)),
      });
      return { status: res.status, headers: res.headers, json: (await res.json()) as unknown };
    };
    const bookings = async () =>
      Number(
        (
          await app.tdb.db.kysely
            .selectFrom('bookings')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );

    before(async () => {
      app = await startTestApp(
        engine,
        { RATE_LIMITS: 'off', WAITING_ROOM_MODE: 'on', WAITING_ROOM_CAPACITY: '1' },
        { now: () => clock },
      );
      const deps = { db: app.tdb.db, now: () => clock, actor: systemActor('test') };
      staffToken = (await createApiToken({ name: 'call centre', role: 'call-agent' }, deps)).token;
      const c = catalog({ db: app.tdb.db, now: () => clock });
      const programId = await c.program('open');
      const productId = await c.product(programId);
      const siteId = await c.site({ doses: { [productId]: 20 } });
      const slotId = await c.slot(siteId, programId, Math.ceil((clock + 2 * DAY) / 3_600_000) * 3_600_000, 20);
      body = (givenName) => ({
        slotId,
        productId,
        dose: 1,
        person: { givenName, familyName: 'Lopez', birthDate: '1980-04-02', language: 'en' },
      });
    });
    after(async () => app.close());

    it('answers 503 with the place and a token, keeps the place, and books in turn with a pass', async () => {
      const a = await book({ name: 'Ana' });
      assert.equal(a.status, 503);
      assert.equal(a.headers.get('retry-after'), String(API_RETRY_SECONDS));
      assert.equal(a.headers.get('cache-control'), 'no-store');
      const aWait = a.json as Waiting;
      assert.equal(aWait.error.code, 'waiting_room');
      assert.match(aWait.error.message, /You are number \d+ in line/);
      assert.equal(aWait.error.etaMinutes, null, 'nothing measured yet');
      const aToken = a.headers.get(HEADER) ?? '';
      assert.match(aToken, /^[A-Za-z0-9_-]{22}\.\d+\.\d+\.[A-Za-z0-9_-]{43}$/);

      const b = await book({ name: 'Bea' });
      const bToken = b.headers.get(HEADER) ?? '';
      const bPosition = (b.json as Waiting).error.position;
      assert.deepEqual([b.status, bPosition], [503, aWait.error.position + 1], 'first come, first served');
      // A browser arriving now stands behind both: one line for pages and API.
      const browser = new TestClient(app.url);
      assert.equal((await browser.get('/book')).location, '/waiting-room');
      assert.equal(positionOf((await browser.get('/waiting-room')).text), bPosition + 1);
      assert.equal(await bookings(), 0, 'waiting books nothing');

      // Asking again keeps the place (and says the token again); a tampered or borrowed token is a new place.
      const again = await book({ name: 'Bea', token: bToken });
      assert.deepEqual([again.status, (again.json as Waiting).error.position], [503, bPosition]);
      assert.equal(again.headers.get(HEADER), bToken);
      const tampered = `${bToken.slice(0, -1)}${bToken.endsWith('A') ? 'B' : 'A'}`;
      assert.ok((((await book({ name: 'Eve', token: tampered })).json as Waiting).error.position ?? 0) > bPosition);
      const borrowed = `${'x'.repeat(22)}${bToken.slice(22)}`;
      assert.ok((((await book({ name: 'Eve', token: borrowed })).json as Waiting).error.position ?? 0) > bPosition);

      // A second later the line moves: the first place is admitted, and Ana's next call goes through with a pass.
      clock += 1500;
      const booked = await book({ name: 'Ana', token: aToken });
      assert.equal(booked.status, 201, JSON.stringify(booked.json));
      const pass = booked.headers.get(HEADER) ?? '';
      assert.match(pass, /^[A-Za-z0-9_-]{22}\.\d+\.[A-Za-z0-9_-]{43}$/);
      assert.equal(pass.slice(0, 22), aToken.slice(0, 22), 'the same client');
      assert.equal((await book({ name: 'Ana Two', token: pass })).status, 201, 'the pass holds for later calls');
      assert.equal(await bookings(), 2);
      // The flow is full (Ana's pass): Bea is next, and still waits.
      const next = await book({ name: 'Bea', token: bToken });
      assert.deepEqual([next.status, (next.json as Waiting).error.ahead], [503, 0]);
      assert.equal(await bookings(), 2);
    });

    it('does not hold staff API tokens, nor reading, cancelling or finding times', async () => {
      const staff = await book({ name: 'Caller', bearer: staffToken });
      assert.equal(staff.status, 201, JSON.stringify(staff.json));
      assert.equal(staff.headers.get(HEADER), null);
      const { id, manageToken } = staff.json as { id: string; manageToken: string };
      const manage = { authorization: `Bearer ${manageToken}` };
      assert.equal((await fetch(`${app.url}/api/v1/bookings/${id}`, { headers: manage })).status, 200);
      assert.equal((await fetch(`${app.url}/api/v1/availability`)).status, 200);
      const cancel = await fetch(`${app.url}/api/v1/bookings/${id}/cancel`, { method: 'POST', headers: manage });
      assert.equal(cancel.status, 200);
      // A made-up bearer token is no staff token: held like anyone.
      assert.equal((await book({ name: 'Mallory', bearer: 'fd_not-a-real-token' })).status, 503);
    });

    it('lets API calls straight in, taking no pass, while staff keep the room off', async () => {
      await updateSettings(
        { mode: 'off', capacity: 1, ratePerMinute: null },
        { db: app.tdb.db, now: () => clock, actor: systemActor('test') },
      );
      clock += 1500;
      const passes = async () =>
        (await app.tdb.db.kysely.selectFrom('waiting_room_passes').select('id').execute()).length;
      const before = await passes();
      const r = await book({ name: 'Olga' });
      assert.equal(r.status, 201, JSON.stringify(r.json));
      assert.equal(r.headers.get(HEADER), null);
      assert.equal(await passes(), before);
    });
  });
}

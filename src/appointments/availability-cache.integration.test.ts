/**
 * Availability answers are reused for at most AVAILABILITY_CACHE_MS per process: a change made behind this
 * process's back (another web process, a direct write) is not seen until this process books, cancels or moves a seat
 * at that site — which drops the site's answers at once — or the cache time runs out.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { catalog } from '../../test/support/catalog-fixtures.js';
import { startTestApp, TestClient, type TestApp } from '../../test/support/app.js';
import { engines } from '../../test/support/db.js';
import { setTimeout as sleep } from 'node:timers/promises';

const DAY = 86_400_000;

async function json(url: string, init: RequestInit = {}): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(url, { ...init, headers: { 'content-type': 'application/json', ...init.headers } });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

/** Seats left per slot id, as the public availability API answers now. */
async function remaining(app: TestApp, siteId: string, productId: string): Promise<Record<string, number>> {
  const r = await json(`${app.url}/api/v1/availability?siteId=${siteId}&productId=${productId}`);
  assert.equal(r.status, 200);
  const slots = r.body.slots as { id: string; remaining: number }[];
  return Object.fromEntries(slots.map((s) => [s.id, s.remaining]));
}

/** Behind the app's back, as another process would: fewer seats in a slot. */
const setCapacity = (app: TestApp, slotId: string, capacity: number) =>
  app.tdb.db.kysely.updateTable('slots').set({ capacity }).where('id', '=', slotId).execute();

async function setUp(app: TestApp) {
  const c = catalog({ db: app.tdb.db, now: Date.now });
  const programId = await c.program('open');
  const productId = await c.product(programId);
  const siteA = await c.site({ doses: { [productId]: 50 } });
  const siteB = await c.site({ doses: { [productId]: 50 } });
  const at = Date.now() + 2 * DAY;
  const slotA = await c.slot(siteA, programId, at, 5);
  const slotB = await c.slot(siteB, programId, at, 5);
  return { programId, productId, siteA, siteB, slotA, slotB };
}

for (const { engine, skip } of engines()) {
  describe(`availability cache (${engine})`, { skip }, () => {
    let app: TestApp;
    before(async () => {
      app = await startTestApp(engine, { RATE_LIMITS: 'off', AVAILABILITY_CACHE_MS: '5000' });
    });
    after(() => app.close());

    it('a second read is served from the cache; a booking here drops that site’s answers only', async () => {
      const f = await setUp(app);
      assert.deepEqual(await remaining(app, f.siteA, f.productId), { [f.slotA]: 5 });
      assert.deepEqual(await remaining(app, f.siteB, f.productId), { [f.slotB]: 5 });
      await setCapacity(app, f.slotA, 3);
      await setCapacity(app, f.slotB, 4);
      assert.deepEqual(await remaining(app, f.siteA, f.productId), { [f.slotA]: 5 }, 'read within 5 s: cached');

      const booked = await json(`${app.url}/api/v1/bookings`, {
        method: 'POST',
        body: JSON.stringify({
          slotId: f.slotA,
          productId: f.productId,
          dose: 1,
          person: { givenName: 'Cache', familyName: 'Tester', birthDate: '1970-01-01', language: 'en' },
        }),
      });
      assert.equal(booked.status, 201, JSON.stringify(booked.body));
      assert.deepEqual(await remaining(app, f.siteA, f.productId), { [f.slotA]: 2 }, 'the booked site is read again');
      assert.deepEqual(await remaining(app, f.siteB, f.productId), { [f.slotB]: 5 }, 'other sites stay cached');

      const cancel = await json(`${app.url}/api/v1/bookings/${String(booked.body.id)}/cancel`, {
        method: 'POST',
        headers: { authorization: `Bearer ${String(booked.body.manageToken)}` },
        body: '{}',
      });
      assert.equal(cancel.status, 200);
      assert.deepEqual(await remaining(app, f.siteA, f.productId), { [f.slotA]: 3 }, 'a cancellation drops it too');
    });

    it('the resident day-and-time page reads through the same cache', async () => {
      const f = await setUp(app);
      const page = `/book/${f.programId}/sites/${f.siteA}?product=${f.productId}`;
      const c = new TestClient(app.url);
      const before = await c.get(page);
      assert.equal(before.status, 200);
      assert.match(before.text, new RegExp(`slots/${f.slotA}`));
      await app.tdb.db.kysely.updateTable('slots').set({ status: 'closed' }).where('id', '=', f.slotA).execute();
      assert.match((await c.get(page)).text, new RegExp(`slots/${f.slotA}`), 'still offered from the cache');
      await json(`${app.url}/api/v1/bookings`, {
        method: 'POST',
        body: JSON.stringify({
          slotId: f.slotA,
          productId: f.productId,
          dose: 1,
          person: { givenName: 'Late', familyName: 'Tester', birthDate: '1970-01-01', language: 'en' },
        }),
      });
      assert.doesNotMatch((await c.get(page)).text, new RegExp(`slots/${f.slotA}`), 'a refused booking drops it');
    });
  });

  describe(`availability cache expiry (${engine})`, { skip }, () => {
    let app: TestApp;
    before(async () => {
      app = await startTestApp(engine, { AVAILABILITY_CACHE_MS: '300' });
    });
    after(() => app.close());

    it('answers are read again once the cache time has passed', async () => {
      const f = await setUp(app);
      assert.deepEqual(await remaining(app, f.siteA, f.productId), { [f.slotA]: 5 });
      await setCapacity(app, f.slotA, 2);
      await sleep(350);
      assert.deepEqual(await remaining(app, f.siteA, f.productId), { [f.slotA]: 2 });
    });
  });
}

describe('availability cache off', () => {
  it('AVAILABILITY_CACHE_MS=0 reads every time', async () => {
    const app = await startTestApp('sqlite', { AVAILABILITY_CACHE_MS: '0' });
    try {
      const f = await setUp(app);
      assert.deepEqual(await remaining(app, f.siteA, f.productId), { [f.slotA]: 5 });
      await setCapacity(app, f.slotA, 1);
      assert.deepEqual(await remaining(app, f.siteA, f.productId), { [f.slotA]: 1 });
    } finally {
      await app.close();
    }
  });
});

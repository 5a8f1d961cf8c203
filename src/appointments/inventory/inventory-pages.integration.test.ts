/**
 * The inventory console pages and API over HTTP on both engines: forms with translated errors, audit rows,
 * site staff read-only, the shortage review that cancels or moves with notice before recording, ledger paging,
 * and the JSON endpoints for staff tokens.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { signedInClient, startTestApp, type TestApp, type TestClient } from '../../../test/support/app.js';
import { engines } from '../../../test/support/db.js';
import { DAY, HOUR, inventoryFixture, type Fixture } from '../../../test/support/inventory-fixture.js';
import { systemActor } from '../../platform/audit/index.js';
import type { Role } from '../../platform/auth/index.js';
import { listSites } from '../../sites/index.js';
import { createApiToken, createUserWithOneTimePassword, setUserSites } from '../../staff/index.js';
import * as repo from './repository.js';

async function staff(app: TestApp, email: string, role: Role): Promise<TestClient & { userId: string }> {
  const r = await createUserWithOneTimePassword(
    { email, displayName: email, role },
    { db: app.tdb.db, now: Date.now, actor: systemActor('test') },
  );
  assert.ok(r.ok);
  const c = Object.assign(await signedInClient(app.url, email, r.oneTimePassword), { userId: r.userId });
  await c.get('/staff/account/password');
  await c.post('/staff/account/password', {
    current: r.oneTimePassword,
    password: 'a long enough password',
    confirm: 'a long enough password',
  });
  return c;
}

/** A token of the role, at every site there is (site roles reach only assigned sites: ADR 0019). */
async function api(app: TestApp, role: Role, path: string, body: unknown) {
  const sites = (await listSites(app.tdb.db.kysely)).map((s) => s.id);
  const { token } = await createApiToken(
    { name: `t-${role}-${Math.random()}`, role, sites },
    { db: app.tdb.db, now: Date.now, actor: systemActor('test') },
  );
  const res = await fetch(app.url + path, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

for (const { engine, skip } of engines()) {
  describe(`inventory pages and API (${engine})`, { skip }, () => {
    let app: TestApp;
    let f: Fixture;
    let manager: TestClient & { userId: string };
    let clerk: TestClient & { userId: string };
    const counter = async (siteId: string) => {
      const c = await repo.findCounter(app.tdb.db.kysely, siteId, f.productId);
      return { onHand: c?.on_hand ?? 0, reserved: c?.reserved ?? 0 };
    };
    const auditActions = async (siteId: string) =>
      (
        await app.tdb.db.kysely
          .selectFrom('audit_log')
          .select(['action', 'actor_label'])
          .where('subject_id', '=', siteId)
          .orderBy('id')
          .execute()
      ).map((a) => `${a.action} ${a.actor_label}`);

    before(async () => {
      app = await startTestApp(engine, { RATE_LIMITS: 'off' });
      f = await inventoryFixture(app.built.deps);
      manager = await staff(app, 'manager@county.example', 'site-manager');
      clerk = await staff(app, 'clerk@county.example', 'site-staff');
      // Both work at every site the tests add (site roles reach only assigned sites: ADR 0019).
      const site = f.site.bind(f);
      f.site = async (...args) => {
        const id = await site(...args);
        const all = (await listSites(app.tdb.db.kysely)).map((s) => s.id);
        for (const u of [manager, clerk])
          await setUserSites(
            { userId: u.userId, siteIds: all },
            { db: app.tdb.db, now: Date.now, actor: systemActor('test') },
          );
        return id;
      };
    });
    after(() => app.close());

    it('a manager receives, adjusts and wastes through the forms; the page shows lots and ledger; audited', async () => {
      const site = await f.site('Form Clinic');
      const base = `/staff/sites/${site}/inventory`;
      const r = await manager.submit(`${base}/receive`, `${base}/receive`, {
        productId: f.productId,
        lot: 'EK5730',
        doses: '40',
        expiresOn: '2020-01-31',
      });
      assert.equal(r.status, 303);
      assert.equal(r.location, `${base}?done=received`);
      const adj = await manager.submit(`${base}/adjust`, `${base}/adjust`, {
        lotKey: `${f.productId}::EK5730`,
        doses: '-2',
        reason: 'Recount on Monday',
      });
      assert.equal(adj.location, `${base}?done=adjusted`);
      const waste = await manager.submit(`${base}/waste`, `${base}/waste`, {
        lotKey: `${f.productId}::EK5730`,
        doses: '3',
        reason: 'expired',
      });
      assert.equal(waste.location, `${base}?done=wasted`);
      assert.deepEqual(await counter(site), { onHand: 35, reserved: 0 });
      const page = await manager.get(`${base}?done=wasted`);
      assert.equal(page.status, 200);
      assert.match(page.text, /Waste recorded\./);
      assert.match(page.text, /EK5730/);
      assert.match(page.text, /Expired<\/strong>/, 'the lot expired in 2020 and is flagged');
      assert.match(page.text, /Recount on Monday/);
      assert.ok(page.text.indexOf('Wasted') < page.text.indexOf('Adjusted'), 'the ledger is newest first');
      assert.deepEqual(await auditActions(site), [
        'appointments.inventory.received manager@county.example',
        'appointments.inventory.adjusted manager@county.example',
        'appointments.inventory.wasted manager@county.example',
      ]);
    });

    it('bad input shows translated errors in Spanish and changes nothing', async () => {
      const site = await f.site('Spanish Clinic', 5, 'LOT-ES');
      const base = `/staff/sites/${site}/inventory`;
      await manager.get(`${base}/waste?lang=es`);
      const r = await manager.post(`${base}/waste`, { lotKey: '', doses: 'muchas', reason: '' });
      assert.equal(r.status, 400);
      assert.match(r.text, /Elija un lote/);
      assert.match(r.text, /Escriba un número entero de dosis/);
      assert.match(r.text, /Elija por qué se desperdiciaron las dosis/);
      assert.match(r.text, /usa-error-message/);
      const tooMany = await manager.post(`${base}/waste`, {
        lotKey: `${f.productId}::LOT-ES`,
        doses: '50',
        reason: 'damaged',
      });
      assert.equal(tooMany.status, 409);
      assert.match(tooMany.text, /Este sitio no tiene tantas dosis en existencia/);
      assert.deepEqual(await counter(site), { onHand: 5, reserved: 0 });
      await manager.get(`${base}?lang=en`);
    });

    it('site staff see the inventory but cannot change it', async () => {
      const site = await f.site('Staff Clinic', 7, 'LOT-RO');
      const page = await clerk.get(`/staff/sites/${site}/inventory`);
      assert.equal(page.status, 200);
      assert.match(page.text, /Site managers record deliveries/);
      assert.doesNotMatch(page.text, /inventory\/receive/);
      assert.equal((await clerk.get(`/staff/sites/${site}/inventory/receive`)).status, 403);
      const post = await clerk.post(`/staff/sites/${site}/inventory/waste`, {
        lotKey: `${f.productId}::LOT-RO`,
        doses: '1',
        reason: 'damaged',
      });
      assert.equal(post.status, 403);
      assert.deepEqual(await counter(site), { onHand: 7, reserved: 0 });
      assert.equal((await clerk.get('/staff/inventory')).status, 200);
    });

    it('a waste that would strand bookings shows the review, then cancels and moves with notice and records it', async () => {
      const a = await f.site('Review A', 3, 'LOT-RV');
      const b = await f.site('Review B', 5, 'LOT-B');
      const t0 = Date.now() + 2 * DAY;
      const s1 = await f.slot(a, t0);
      const s2 = await f.slot(a, t0 + HOUR);
      const target = await f.slot(b, t0 + 2 * HOUR);
      const first = await f.book(s1, 1);
      const second = await f.book(s2, 2);
      const codes = await app.tdb.db.kysely
        .selectFrom('bookings')
        .select(['id', 'confirmation_code'])
        .where('id', 'in', [first, second])
        .execute();
      const code = (id: string) => codes.find((c) => c.id === id)?.confirmation_code ?? '';
      const base = `/staff/sites/${a}/inventory`;
      const review = await manager.submit(`${base}/waste`, `${base}/waste`, {
        lotKey: `${f.productId}::LOT-RV`,
        doses: '3',
        reason: 'temperature',
      });
      assert.equal(review.status, 409);
      assert.match(review.text, /Not enough doses for every booking/);
      assert.match(review.text, new RegExp(code(first)));
      assert.match(review.text, new RegExp(code(second)));
      assert.match(review.text, /Review B/, 'a free time at another site is offered');
      assert.deepEqual(await counter(a), { onHand: 3, reserved: 2 }, 'nothing recorded yet');
      const done = await manager.post(`${base}/shortage`, {
        kind: 'waste',
        productId: f.productId,
        lot: 'LOT-RV',
        doses: '3',
        reason: 'temperature',
        [`move-${first}`]: target,
        [`move-${second}`]: 'cancel',
      });
      assert.equal(done.status, 303);
      assert.equal(done.location, `${base}?done=wasted&cancelled=1&moved=1`);
      assert.deepEqual(await counter(a), { onHand: 0, reserved: 0 });
      const page = await manager.get(done.location ?? '');
      assert.match(page.text, /1 booking was cancelled and 1 was moved/);
      const audit = await auditActions(a);
      assert.ok(audit.includes('appointments.inventory.shortage-resolved manager@county.example'));
      assert.ok(audit.includes('appointments.inventory.wasted manager@county.example'));
      const cancelled = await app.tdb.db.kysely
        .selectFrom('audit_log')
        .select('details')
        .where('action', '=', 'appointments.booking.cancelled')
        .where('subject_id', '=', second)
        .executeTakeFirstOrThrow();
      assert.equal((JSON.parse(cancelled.details ?? '{}') as { reason: string }).reason, 'shortage');
    });

    it('the ledger pages, newest first', async () => {
      const site = await f.site('Busy Ledger', 100, 'LOT-L');
      const d = { db: app.tdb.db, now: Date.now, actor: systemActor('test') };
      const { adjustInventory } = await import('./adjust-inventory.js');
      for (let i = 1; i <= 30; i++)
        await adjustInventory(d, site, { productId: f.productId, lot: 'LOT-L', doses: -1, reason: `count ${i}` });
      const first = await clerk.get(`/staff/sites/${site}/inventory`);
      assert.match(first.text, /count 30</);
      assert.doesNotMatch(first.text, /count 5</);
      const older = /href="([^"]+before=\d+)"/.exec(first.text)?.[1] ?? assert.fail('no older link');
      const second = await clerk.get(older.replaceAll('&amp;', '&'));
      assert.match(second.text, /count 5</);
      assert.match(second.text, /Received/);
      assert.doesNotMatch(second.text, /count 30</);
    });

    it('the JSON API adjusts, wastes and transfers; a shortage answers 409 with the bookings', async () => {
      const a = await f.site('Api A', 10, 'LOT-API');
      const b = await f.site('Api B');
      const s = await f.slot(a, Date.now() + 3 * DAY);
      const booked = await f.book(s, 9);
      const path = (x: string) => `/api/v1/sites/${a}/inventory/${x}`;
      const adj = await api(app, 'site-manager', path('adjustments'), {
        productId: f.productId,
        lot: 'LOT-API',
        doses: -1,
        reason: 'recount',
      });
      assert.equal(adj.status, 201);
      assert.deepEqual(adj.body, { siteId: a, productId: f.productId, lot: 'LOT-API', onHand: 9, reserved: 1 });
      const tr = await api(app, 'admin', path('transfers'), {
        productId: f.productId,
        lot: 'LOT-API',
        doses: 4,
        toSiteId: b,
      });
      assert.equal(tr.status, 201);
      assert.deepEqual(await counter(b), { onHand: 4, reserved: 0 });
      const short = await api(app, 'site-manager', path('waste'), {
        productId: f.productId,
        lot: 'LOT-API',
        doses: 5,
        reason: 'damaged',
      });
      assert.equal(short.status, 409);
      const err = short.body.error as { code: string; short: number; bookings: { id: string }[] };
      assert.equal(err.code, 'shortage');
      assert.equal(err.short, 1);
      assert.deepEqual(
        err.bookings.map((x) => x.id),
        [booked],
      );
      const bad = await api(app, 'site-manager', path('waste'), { productId: f.productId, lot: 'LOT-API', doses: 0 });
      assert.equal(bad.status, 400);
      const fields = (bad.body.error as { fields: Record<string, string> }).fields;
      assert.equal(fields.doses, 'Enter a whole number of doses, 1 or more');
      assert.ok(fields.reason);
      assert.equal((await api(app, 'analyst', path('waste'), {})).status, 403);
      assert.equal((await api(app, 'site-staff', path('adjustments'), {})).status, 403);
      assert.deepEqual(await counter(a), { onHand: 5, reserved: 1 });
    });
  });
}

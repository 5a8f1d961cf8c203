/**
 * The inventory ledger on both engines: doses on hand always equal the ledger's sum, a transfer is one
 * transaction, a lot never gives more than it holds, and no entry — not even several at once — leaves fewer doses
 * on hand than bookings reserve; a refused entry names the bookings that would lose their dose.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTestApp, type TestApp } from '../../../test/support/app.js';
import { engines } from '../../../test/support/db.js';
import { DAY, HOUR, inventoryFixture, type Fixture } from '../../../test/support/inventory-fixture.js';
import { systemActor } from '../../platform/audit/index.js';
import { adjustInventory } from './adjust-inventory.js';
import { recordWaste } from './record-waste.js';
import { resolveShortage } from './resolve-shortage.js';
import * as repo from './repository.js';
import { transferInventory } from './transfer-inventory.js';

for (const { engine, skip } of engines()) {
  describe(`inventory ledger (${engine})`, { skip }, () => {
    let app: TestApp;
    let f: Fixture;
    const d = () => ({ db: app.tdb.db, now: Date.now, actor: systemActor('test') });
    const counter = async (siteId: string, productId = f.productId) => {
      const c = await repo.findCounter(app.tdb.db.kysely, siteId, productId);
      return { onHand: c?.on_hand ?? 0, reserved: c?.reserved ?? 0 };
    };
    const ledgerCount = async (siteId: string) =>
      (await app.tdb.db.kysely.selectFrom('inventory_ledger').select('id').where('site_id', '=', siteId).execute())
        .length;
    const assertLedgerMatches = async (siteId: string) =>
      assert.equal((await counter(siteId)).onHand, await repo.ledgerSum(app.tdb.db.kysely, siteId, f.productId));

    before(async () => {
      app = await startTestApp(engine, { RATE_LIMITS: 'off' });
      f = await inventoryFixture(app.built.deps);
    });
    after(() => app.close());

    it('adjusts a lot up and down with a reason; on hand is the ledger sum; audited', async () => {
      const site = await f.site('Adjust Clinic', 10);
      assert.deepEqual(
        await adjustInventory(d(), site, {
          productId: f.productId,
          lot: 'LOT-A',
          doses: 3,
          reason: 'Recount found a box',
        }),
        { ok: true },
      );
      assert.deepEqual(
        await adjustInventory(d(), site, { productId: f.productId, lot: 'LOT-A', doses: -5, reason: 'Recount' }),
        { ok: true },
      );
      assert.equal((await counter(site)).onHand, 8);
      await assertLedgerMatches(site);
      const lots = await repo.listLots(app.tdb.db.kysely, site);
      assert.deepEqual(lots, [{ productId: f.productId, lot: 'LOT-A', expiresOn: '2099-12-31', remaining: 8 }]);
      const audit = await app.tdb.db.kysely
        .selectFrom('audit_log')
        .select('details')
        .where('action', '=', 'appointments.inventory.adjusted')
        .where('subject_id', '=', site)
        .execute();
      assert.equal(audit.length, 2);
      assert.deepEqual(
        await adjustInventory(d(), site, { productId: f.productId, lot: 'NOPE', doses: 1, reason: 'x y z' }),
        {
          ok: false,
          error: 'unknown_lot',
        },
      );
    });

    it('records waste from a lot, never more than the lot holds', async () => {
      const site = await f.site('Waste Clinic', 5, 'LOT-W');
      await adjustInventory(d(), site, { productId: f.productId, lot: 'LOT-W', doses: 0 + 1, reason: 'found one' });
      const r = await recordWaste(d(), site, { productId: f.productId, lot: 'LOT-W', doses: 2, reason: 'temperature' });
      assert.deepEqual(r, { ok: true });
      const row = await app.tdb.db.kysely
        .selectFrom('inventory_ledger')
        .select(['kind', 'doses', 'reason', 'expires_on'])
        .where('site_id', '=', site)
        .where('kind', '=', 'waste')
        .executeTakeFirstOrThrow();
      assert.deepEqual(row, { kind: 'waste', doses: -2, reason: 'temperature', expires_on: '2099-12-31' });
      assert.deepEqual(
        await recordWaste(d(), site, { productId: f.productId, lot: 'LOT-W', doses: 9, reason: 'damaged' }),
        {
          ok: false,
          error: 'not_enough',
        },
      );
      assert.equal((await counter(site)).onHand, 4);
      await assertLedgerMatches(site);
    });

    it('a transfer moves both counters and writes both ledger rows together', async () => {
      const a = await f.site('Transfer A', 10, 'LOT-T', '2098-06-30');
      const b = await f.site('Transfer B');
      const r = await transferInventory(d(), a, { productId: f.productId, lot: 'LOT-T', doses: 4, toSiteId: b });
      assert.deepEqual(r, { ok: true });
      assert.deepEqual(await counter(a), { onHand: 6, reserved: 0 });
      assert.deepEqual(await counter(b), { onHand: 4, reserved: 0 });
      await assertLedgerMatches(a);
      await assertLedgerMatches(b);
      const inB = await repo.listLots(app.tdb.db.kysely, b);
      assert.deepEqual(inB, [{ productId: f.productId, lot: 'LOT-T', expiresOn: '2098-06-30', remaining: 4 }]);
      // Back the other way: the lot's expiry travels with it.
      assert.deepEqual(
        await transferInventory(d(), b, { productId: f.productId, lot: 'LOT-T', doses: 1, toSiteId: a }),
        { ok: true },
      );
      assert.deepEqual(await counter(b), { onHand: 3, reserved: 0 });
    });

    it('a transfer refused part-way changes nothing at either site', async () => {
      // Two lots: A has 8 on hand, but lot X holds only 3. The counter update passes, the lot check refuses, and
      // the whole transaction rolls back.
      const a = await f.site('Atomic A', 5, 'LOT-Y');
      await adjustInventory(d(), a, { productId: f.productId, lot: 'LOT-Y', doses: -2, reason: 'recount' });
      const { receiveInventory } = await import('../catalog.js');
      await receiveInventory(a, { productId: f.productId, doses: 5, lot: 'LOT-X', expiresOn: '2099-01-01' }, d());
      const b = await f.site('Atomic B');
      const before = { a: await counter(a), rows: await ledgerCount(a), rowsB: await ledgerCount(b) };
      const r = await transferInventory(d(), a, { productId: f.productId, lot: 'LOT-Y', doses: 4, toSiteId: b });
      assert.deepEqual(r, { ok: false, error: 'lot_too_small' });
      assert.deepEqual(await counter(a), before.a);
      assert.deepEqual(await counter(b), { onHand: 0, reserved: 0 });
      assert.equal(await ledgerCount(a), before.rows);
      assert.equal(await ledgerCount(b), before.rowsB);
      assert.deepEqual(
        await transferInventory(d(), a, { productId: f.productId, lot: 'LOT-Y', doses: 1, toSiteId: a }),
        {
          ok: false,
          error: 'same_site',
        },
      );
    });

    it('an entry that would leave fewer doses than reserved is refused and lists the latest bookings', async () => {
      const a = await f.site('Short A', 5, 'LOT-S');
      const b = await f.site('Short B');
      const t0 = Date.now() + 2 * DAY;
      const early = await f.slot(a, t0);
      const late = await f.slot(a, t0 + 2 * HOUR);
      const first = await f.book(late, 1); // booked first, but later in time
      const second = await f.book(early, 2);
      const third = await f.book(late, 3); // same time as `first`, booked after it
      assert.deepEqual(await counter(a), { onHand: 5, reserved: 3 });
      const r = await transferInventory(d(), a, { productId: f.productId, lot: 'LOT-S', doses: 4, toSiteId: b });
      assert.equal(r.ok, false);
      assert.ok(!r.ok && r.error === 'shortage');
      // One dose stays: it goes to the earliest appointment; the two later ones are affected, latest booked last.
      assert.deepEqual(
        r.shortage.bookings.map((x) => x.id),
        [first, third],
      );
      assert.equal(r.shortage.short, 2);
      assert.ok(!r.shortage.bookings.some((x) => x.id === second));
      assert.deepEqual(await counter(a), { onHand: 5, reserved: 3 });
      assert.equal(await ledgerCount(b), 0);
      // Taking exactly what is free is allowed.
      assert.deepEqual(
        await recordWaste(d(), a, { productId: f.productId, lot: 'LOT-S', doses: 2, reason: 'damaged' }),
        { ok: true },
      );
      assert.deepEqual(await counter(a), { onHand: 3, reserved: 3 });
    });

    it('concurrent waste entries can never take reserved doses', async () => {
      const a = await f.site('Busy Clinic', 10, 'LOT-C');
      const s = await f.slot(a, Date.now() + 3 * DAY, 20);
      for (let i = 0; i < 6; i++) await f.book(s, 100 + i);
      // 4 doses are free; 8 entries of 2 doses each race for them: exactly 2 may succeed.
      const answers = await Promise.all(
        Array.from({ length: 8 }, () =>
          recordWaste(d(), a, { productId: f.productId, lot: 'LOT-C', doses: 2, reason: 'damaged' }),
        ),
      );
      assert.equal(answers.filter((x) => x.ok).length, 2);
      assert.ok(answers.filter((x) => !x.ok).every((x) => !x.ok && x.error === 'shortage'));
      assert.deepEqual(await counter(a), { onHand: 6, reserved: 6 });
      await assertLedgerMatches(a);
    });

    it('opposite transfers at the same moment both complete (no deadlock) and keep the sums', async () => {
      const a = await f.site('Swap A', 20, 'LOT-P');
      const b = await f.site('Swap B', 20, 'LOT-P');
      const results = await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          transferInventory(d(), i % 2 ? a : b, {
            productId: f.productId,
            lot: 'LOT-P',
            doses: 1,
            toSiteId: i % 2 ? b : a,
          }),
        ),
      );
      assert.ok(results.every((x) => x.ok));
      assert.deepEqual(await counter(a), { onHand: 20, reserved: 0 });
      await assertLedgerMatches(a);
      await assertLedgerMatches(b);
    });
    it('resolving a shortage cancels with a notice in the outbox, moves with a notice, then records the entry', async () => {
      const a = await f.site('Resolve A', 4, 'LOT-R');
      const b = await f.site('Resolve B', 5, 'LOT-B');
      const t0 = Date.now() + 2 * DAY;
      const s1 = await f.slot(a, t0);
      const s2 = await f.slot(a, t0 + HOUR);
      const s3 = await f.slot(a, t0 + 2 * HOUR);
      const elsewhere = await f.slot(b, t0 + 3 * HOUR);
      const keep = await f.book(s1, 200);
      const move = await f.book(s2, 201);
      const cancel = await f.book(s3, 202);
      const entry = {
        kind: 'waste' as const,
        productId: f.productId,
        lot: 'LOT-R',
        doses: 3,
        reason: 'temperature' as const,
      };
      const deps = { ...app.built.deps, actor: systemActor('manager@county.example') };
      // Without a decision for every affected booking nothing happens.
      const undecided = await resolveShortage(deps, a, entry, { [move]: elsewhere });
      assert.ok(!undecided.ok && undecided.error === 'shortage');
      assert.deepEqual(undecided.undecided, [cancel]);
      assert.deepEqual(await counter(a), { onHand: 4, reserved: 3 });
      const before = await app.tdb.db.kysely
        .selectFrom('messages')
        .select('id')
        .where('type', '=', 'appointments.cancelled')
        .execute();
      const r = await resolveShortage(deps, a, entry, { [move]: elsewhere, [cancel]: 'cancel' });
      assert.deepEqual(r, { ok: true, cancelled: 1, moved: 1 });
      assert.deepEqual(await counter(a), { onHand: 1, reserved: 1 });
      assert.deepEqual(await counter(b), { onHand: 5, reserved: 1 });
      const rows = await app.tdb.db.kysely
        .selectFrom('bookings')
        .select(['id', 'status', 'site_id'])
        .where('id', 'in', [keep, move, cancel])
        .execute();
      const byId = Object.fromEntries(rows.map((x) => [x.id, x]));
      assert.equal(byId[keep]?.status, 'booked');
      assert.deepEqual([byId[move]?.status, byId[move]?.site_id], ['booked', b]);
      assert.equal(byId[cancel]?.status, 'cancelled');
      // The cancellation notice waits in the outbox, in the person's language, saying why.
      const notices = await app.tdb.db.kysely
        .selectFrom('messages')
        .select(['id', 'content_enc', 'locale'])
        .where('type', '=', 'appointments.cancelled')
        .execute();
      const fresh = notices.filter((n) => !before.some((o) => o.id === n.id));
      assert.equal(fresh.length, 1);
      assert.equal(fresh[0]?.locale, 'es');
      const content = app.built.deps.cipher.decrypt(fresh[0]?.content_enc ?? '', 'message.content');
      assert.match(content, /no tiene suficientes vacunas/);
      const moved = await app.tdb.db.kysely
        .selectFrom('messages')
        .select('id')
        .where('type', '=', 'appointments.changed')
        .execute();
      assert.ok(moved.length >= 1);
      const audit = await app.tdb.db.kysely
        .selectFrom('audit_log')
        .select('details')
        .where('action', '=', 'appointments.inventory.shortage-resolved')
        .where('subject_id', '=', a)
        .executeTakeFirstOrThrow();
      assert.deepEqual(JSON.parse(audit.details ?? '{}'), {
        productId: f.productId,
        kind: 'waste',
        cancelled: 1,
        moved: 1,
      });
      await assertLedgerMatches(a);
    });
  });
}

/** `npm start` on an empty data directory: migrate, seed demo data, print the admin's password once. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config/env.js';
import { a11ExportRows, quarterOf } from '../src/feedback/exports.js';
import { createTestDatabase } from './support/db.js';

describe('demo seed', () => {
  it('seeds an admin (password printed once, never logged), sites, a program with two products, doses and slots, only into an empty database', async () => {
    const tdb = await createTestDatabase('sqlite', { migrate: false });
    const config = loadConfig({ DATA_DIR: tdb.dataDir, LOG_LEVEL: 'silent', RUN_JOBS: 'false' });
    const printed: string[] = [];
    const first = await buildApp(config, { db: tdb.db, print: (t) => printed.push(t) });
    await first.close();
    assert.equal(printed.length, 1);
    const password = /password:\s+(\S+)/.exec(printed[0] ?? '')?.[1];
    assert.ok(password && password.length >= 20);
    const sites = await tdb.db.kysely.selectFrom('sites').select('name').execute();
    assert.equal(sites.length, 3);
    // One open program anyone can book, and (from pre-registration) one that books by invitation only.
    const programs = await tdb.db.kysely.selectFrom('programs').select(['id', 'booking_mode']).execute();
    const open = programs.filter((p) => p.booking_mode === 'open');
    assert.equal(open.length, 1);
    assert.deepEqual(programs.map((p) => p.booking_mode).sort(), ['invitation', 'open']);
    const products = await tdb.db.kysely
      .selectFrom('products')
      .select(['id', 'doses'])
      .where('program_id', '=', open[0]?.id ?? '')
      .orderBy('doses')
      .execute();
    assert.deepEqual(
      products.map((p) => p.doses),
      [1, 2],
    );
    const slots = await tdb.db.kysely.selectFrom('slots').select(['starts_at', 'capacity']).execute();
    const week = slots.filter((s) => s.starts_at < Date.now() + 8 * 86_400_000);
    assert.ok(week.length >= 3 * 5 * 28, `${week.length} slots in the coming week`);
    const inventory = await tdb.db.kysely
      .selectFrom('site_inventory')
      .select('on_hand')
      .where(
        'product_id',
        'in',
        products.map((p) => p.id),
      )
      .execute();
    assert.equal(inventory.length, 6);
    const admin = await tdb.db.kysely
      .selectFrom('staff_users')
      .select(['email', 'role', 'must_change_password'])
      .executeTakeFirstOrThrow();
    assert.deepEqual(admin, { email: 'admin@frontdoor.example', role: 'admin', must_change_password: 1 });

    // Nine months of past visits: the A-11 report counts real transactions, and every row has served ≥ offered
    // ≥ responses (surveys went only to visitors, and only some answered).
    const past = await tdb.db.kysely
      .selectFrom('bookings')
      .select('id')
      .where('status', '=', 'administered')
      .where('starts_at', '<', Date.now())
      .execute();
    assert.ok(past.length > 1000, `${past.length} past visits`);
    const deps = { db: tdb.db, config };
    let served = 0;
    const quarters = new Set(
      [0, 1, 2, 3, 4].map((back) => quarterOf(Date.now() - back * 80 * 86_400_000, config.agencyTimeZone)),
    );
    for (const quarter of quarters) {
      const [header = [], ...rows] = await a11ExportRows(deps, quarter);
      const col = (name: string) => header.indexOf(name);
      for (const row of rows) {
        const [s, o, r] = ['customers_served', 'surveys_offered', 'responses'].map((c) => row[col(c)]);
        assert.ok(
          typeof s === 'number' && typeof o === 'number',
          `${quarter} ${String(row[3])}: ${String(s)} ${String(o)}`,
        );
        assert.ok(s >= o, `${quarter} ${String(row[3])}: served ${s} ≥ offered ${o}`);
        if (typeof r === 'number') assert.ok(o >= r, `${quarter} ${String(row[3])}: offered ${o} ≥ responses ${r}`);
        served += s;
      }
    }
    assert.ok(served >= past.length * 0.9, `the A-11 rows count the visits (${served} of ${past.length})`);

    const again: string[] = [];
    const second = await buildApp(config, { db: tdb.db, print: (t) => again.push(t) });
    await second.close();
    assert.deepEqual(again, [], 'nothing is printed or seeded twice');
    assert.equal((await tdb.db.kysely.selectFrom('sites').select('id').execute()).length, 3);
    await tdb.cleanup();
  });

  it('SEED_DEMO=false seeds nothing', async () => {
    const tdb = await createTestDatabase('sqlite');
    const config = loadConfig({ DATA_DIR: tdb.dataDir, LOG_LEVEL: 'silent', RUN_JOBS: 'false', SEED_DEMO: 'false' });
    const printed: string[] = [];
    const built = await buildApp(config, { db: tdb.db, print: (t) => printed.push(t) });
    await built.close();
    assert.deepEqual(printed, []);
    assert.equal((await tdb.db.kysely.selectFrom('staff_users').select('id').execute()).length, 0);
    await tdb.cleanup();
  });
});

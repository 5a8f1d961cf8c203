/**
 * Reusable queries on both engines: compiled once per engine and set of values, run with new values each time
 * (root and transaction), and loud when a value did not become a bound parameter.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { createTestDatabase, engines, type TestDatabase } from '../../../test/support/db.js';
import { onPostgres, reusableQuery } from './index.js';

for (const { engine, skip } of engines()) {
  describe(`reusable queries (${engine})`, { skip }, () => {
    let tdb: TestDatabase;
    before(async () => {
      tdb = await createTestDatabase(engine);
    });
    after(() => tdb.cleanup());

    const slot = (id: string, capacity: number, startsAt: number) => ({
      id,
      site_id: 'site',
      program_id: 'program',
      starts_at: startsAt,
      ends_at: startsAt + 900_000,
      capacity,
      booked: 0,
      status: 'open' as const,
      created_at: 0,
    });

    it('builds once and runs with each call’s values, at the root and in a transaction', async () => {
      const db = tdb.db.kysely;
      await sql`insert into programs (id, name_en, name_es, description_en, description_es, preparation_en, preparation_es, booking_mode, status, created_at, updated_at) values ('program', 'P', 'P', '', '', '', '', 'open', 'active', 0, 0)`.execute(
        db,
      );
      await sql`insert into sites (id, name, address, postal_code, time_zone, accessibility, languages, walk_ins, status, created_at, updated_at) values ('site', 'S', 'A', '12345', 'UTC', '[]', '[]', 0, 'active', 0, 0)`.execute(
        db,
      );
      let builds = 0;
      const insert = reusableQuery((q, row: ReturnType<typeof slot>) => {
        builds++;
        return q.insertInto('slots').values(row);
      });
      const take = reusableQuery((q, v: { id: string; n: number }) => {
        builds++;
        return q
          .updateTable('slots')
          .set((eb) => ({ booked: eb('booked', '+', v.n) }))
          .where('id', '=', v.id)
          .where((eb) => eb(eb('booked', '+', v.n), '<=', eb.ref('capacity')));
      });
      await insert(db, slot('a', 3, 1_000));
      await insert(db, slot('b', 10, 2_000));
      assert.equal(builds, 1, 'the insert was built once for two rows');
      assert.equal(Number((await take(db, { id: 'a', n: 2 })).numAffectedRows), 1);
      assert.equal(Number((await take(db, { id: 'a', n: 2 })).numAffectedRows), 0, 'no room for two more');
      await db.transaction().execute(async (tx) => {
        assert.equal(Number((await take(tx, { id: 'b', n: 7 })).numAffectedRows), 1);
        assert.equal(Number((await take(tx, { id: 'a', n: 1 })).numAffectedRows), 1);
      });
      assert.equal(builds, 2, 'the update was built once for four runs');
      const rows = await db.selectFrom('slots').select(['id', 'booked']).orderBy('id').execute();
      assert.deepEqual(rows, [
        { id: 'a', booked: 3 },
        { id: 'b', booked: 7 },
      ]);
    });

    it('compiles again for another set of values (a row with one more column)', async () => {
      const db = tdb.db.kysely;
      let builds = 0;
      const read = reusableQuery((q, v: { id: string; status?: 'open' | 'closed' }) => {
        builds++;
        let query = q.selectFrom('slots').select('id').where('id', '=', v.id);
        if (v.status !== undefined) query = query.where('status', '=', v.status);
        return query;
      });
      assert.deepEqual((await read(db, { id: 'a' })).rows, [{ id: 'a' }]);
      assert.deepEqual((await read(db, { id: 'a', status: 'closed' })).rows, []);
      assert.deepEqual((await read(db, { id: 'b', status: 'open' })).rows, [{ id: 'b' }]);
      assert.deepEqual((await read(db, { id: 'b' })).rows, [{ id: 'b' }]);
      assert.equal(builds, 2);
    });

    it('knows its engine, at the root and in a transaction', async () => {
      assert.equal(onPostgres(tdb.db.kysely), engine === 'postgres');
      await tdb.db.kysely.transaction().execute(async (tx) => {
        assert.equal(onPostgres(tx), engine === 'postgres');
      });
    });

    it('refuses a builder whose value did not become a bound parameter', async () => {
      const db = tdb.db.kysely;
      const inlined = reusableQuery((q, v: { id: string }) =>
        q.selectFrom('slots').select('id').where('id', '=', sql.lit(v.id)),
      );
      await assert.rejects(() => inlined(db, { id: 'a' }), /written into the SQL text/);
      const ignored = reusableQuery((q, _v: { id: string }) => q.selectFrom('slots').select('id'));
      await assert.rejects(() => ignored(db, { id: 'a' }), /"id" is not a bound parameter/);
    });
  });
}

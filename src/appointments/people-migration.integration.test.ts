/**
 * Migration 0020 over data, on both engines: person records duplicated by the old race are merged into the oldest
 * (bookings and contact kept); duplicates holding two active bookings for one program and dose stop the migration
 * with a clear message and change nothing.
 */
import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { createTestDatabase, engines, type TestDatabase } from '../../test/support/db.js';
import { migrateTo, runMigrations } from '../platform/db/index.js';

for (const { engine, skip } of engines()) {
  describe(`migration 0020: one person record per identity (${engine})`, { skip }, () => {
    let tdb: TestDatabase | undefined;
    afterEach(() => tdb?.cleanup());

    /** Rows written as plain inserts, not through the catalog fixtures: they stay valid for the schema at 0019. */
    async function before0020() {
      tdb = await createTestDatabase(engine, { migrate: false });
      await migrateTo(tdb.db, '0019-waiting-room');
      const db = tdb.db.kysely;
      await db
        .insertInto('programs')
        .values({
          id: 'g',
          name_en: 'P',
          name_es: 'P',
          description_en: '',
          description_es: '',
          preparation_en: '',
          preparation_es: '',
          booking_mode: 'open',
          status: 'active',
          created_at: 0,
          updated_at: 0,
        })
        .execute();
      await db
        .insertInto('products')
        .values({
          id: 'v',
          program_id: 'g',
          name: 'V',
          manufacturer: null,
          cvx_code: null,
          doses: 2,
          min_days_between: 0,
          max_days_between: 0,
          min_age_years: 0,
          created_at: 0,
        })
        .execute();
      await db
        .insertInto('sites')
        .values({
          id: 's',
          name: 'S',
          address: 'A',
          postal_code: '12345',
          time_zone: 'UTC',
          phone: null,
          latitude: null,
          longitude: null,
          accessibility: '[]',
          languages: '[]',
          walk_ins: 0,
          vtrcks_pin: null,
          status: 'active',
          created_at: 0,
          updated_at: 0,
        })
        .execute();
      for (const [id, at] of [
        ['slot1', 1_000],
        ['slot2', 2_000],
      ] as const)
        await db
          .insertInto('slots')
          .values({
            id,
            site_id: 's',
            program_id: 'g',
            starts_at: at,
            ends_at: at + 900_000,
            capacity: 5,
            booked: 1,
            status: 'open',
            created_at: 0,
          })
          .execute();
      const person = (id: string, createdAt: number, contactId: string | null) =>
        db
          .insertInto('people')
          .values({
            id,
            given_name_enc: 'x',
            family_name_enc: 'x',
            birth_date_enc: 'x',
            identity_index: 'same-identity',
            contact_id: contactId,
            created_at: createdAt,
            updated_at: createdAt,
          })
          .execute();
      const booking = (id: string, personId: string, slotId: string, dose: number, status: 'booked' | 'cancelled') =>
        db
          .insertInto('bookings')
          .values({
            id,
            person_id: personId,
            slot_id: slotId,
            site_id: 's',
            program_id: 'g',
            product_id: 'v',
            dose_number: dose,
            series_id: id,
            channel: 'api',
            status,
            confirmation_code: `C${id}`,
            manage_token_hash: id,
            starts_at: 1_000,
            contact_id: null,
            created_at: 0,
            updated_at: 0,
          })
          .execute();
      return { db, person, booking };
    }

    it('merges duplicate records into the oldest, keeping their bookings and contact, then refuses a third', async () => {
      const { db, person, booking } = await before0020();
      await person('older', 1, null);
      await person('newer', 2, null);
      await booking('b1', 'older', 'slot1', 1, 'booked');
      await booking('b2', 'newer', 'slot2', 2, 'booked');
      await booking('b3', 'newer', 'slot1', 1, 'cancelled');
      await runMigrations(tdb?.db ?? assert.fail('no database'));
      const people = await db.selectFrom('people').select('id').execute();
      assert.deepEqual(
        people.map((p) => p.id),
        ['older'],
      );
      const owners = await db.selectFrom('bookings').select(['id', 'person_id']).orderBy('id').execute();
      assert.deepEqual(
        owners.map((b) => b.person_id),
        ['older', 'older', 'older'],
      );
      await assert.rejects(
        () =>
          db
            .insertInto('people')
            .values({
              id: 'third',
              given_name_enc: 'x',
              family_name_enc: 'x',
              birth_date_enc: 'x',
              identity_index: 'same-identity',
              contact_id: null,
              created_at: 3,
              updated_at: 3,
            })
            .execute(),
        /unique|UNIQUE/,
      );
    });

    it('stops, changing nothing, when merging would give one person two active bookings for one dose', async () => {
      const { db, person, booking } = await before0020();
      await person('older', 1, null);
      await person('newer', 2, null);
      await booking('b1', 'older', 'slot1', 1, 'booked');
      await booking('b2', 'newer', 'slot2', 1, 'booked');
      await assert.rejects(
        () => runMigrations(tdb?.db ?? assert.fail('no database')),
        /two active bookings for the same program and dose/,
      );
      assert.equal((await db.selectFrom('people').select('id').execute()).length, 2);
      const owners = await db.selectFrom('bookings').select('person_id').orderBy('id').execute();
      assert.deepEqual(
        owners.map((b) => b.person_id),
        ['older', 'newer'],
      );
    });
  });
}

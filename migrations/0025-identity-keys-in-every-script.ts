import { sql, type Kysely } from 'kysely';
import type { MigrationFactory } from './index.js';

/**
 * Identity indexes that see every script. The keyed hash that finds a person again (people) and a registration
 * again (prereg_registrants) was taken over the name reduced to `a-z0-9`, so an Arabic, Chinese or Devanagari name
 * reduced to nothing and two such people born on the same day became one record. The name key now keeps every
 * letter and digit (platform/input `nameKey`). Migrations have no key, so this one only marks which rows still hold
 * an index of the old kind (`identity_version` 1); new rows are written as version 2, and each owning module
 * recomputes its marked rows at start (decrypting the name once per row). The new key is finer than the old, so no
 * two rows can meet on the same new index.
 */
export const identityKeys0025: MigrationFactory = () => ({
  async up(db: Kysely<unknown>) {
    for (const table of ['people', 'prereg_registrants']) {
      await db.schema
        .alterTable(table)
        .addColumn('identity_version', 'integer', (c) => c.notNull().defaultTo(2))
        .execute();
      await sql`update ${sql.table(table)} set identity_version = 1`.execute(db);
      await db.schema
        .createIndex(`${table}_identity_version`)
        .on(table)
        .column('identity_version')
        .where(sql.ref('identity_version'), '=', 1)
        .execute();
    }
  },
  async down(db: Kysely<unknown>) {
    for (const table of ['people', 'prereg_registrants']) {
      await db.schema.dropIndex(`${table}_identity_version`).execute();
      await db.schema.alterTable(table).dropColumn('identity_version').execute();
    }
  },
});

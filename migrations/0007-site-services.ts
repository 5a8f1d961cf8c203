import type { Kysely } from 'kysely';
import type { MigrationFactory } from './index.js';

/** What residents need to know to choose a site: access features, languages spoken, walk-ins, external ids. */
export const siteServices0007: MigrationFactory = () => ({
  async up(db: Kysely<unknown>) {
    await db.schema
      .alterTable('sites')
      .addColumn('accessibility', 'text', (c) => c.notNull().defaultTo('[]'))
      .execute();
    await db.schema
      .alterTable('sites')
      .addColumn('languages', 'text', (c) => c.notNull().defaultTo('["en"]'))
      .execute();
    await db.schema
      .alterTable('sites')
      .addColumn('walk_ins', 'integer', (c) => c.notNull().defaultTo(0))
      .execute();
    await db.schema.alterTable('sites').addColumn('vtrcks_pin', 'text').execute();
  },
  async down() {
    throw new Error('The site services migration cannot be undone.');
  },
});

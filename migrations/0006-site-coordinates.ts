import type { Kysely } from 'kysely';
import type { MigrationFactory } from './index.js';

/** Coordinates of sites, for distance from a resident's ZIP code. */
export const siteCoordinates0006: MigrationFactory = () => ({
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('sites').addColumn('latitude', 'double precision').execute();
    await db.schema.alterTable('sites').addColumn('longitude', 'double precision').execute();
  },
  async down() {
    throw new Error('The site coordinates migration cannot be undone.');
  },
});

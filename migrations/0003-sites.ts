import { sql, type Kysely } from 'kysely';
import type { MigrationFactory } from './index.js';

/** Service sites (clinics, offices): where residents go. Appointments add capacity and inventory later. */
export const sites0003: MigrationFactory = () => ({
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('sites')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('address', 'text', (c) => c.notNull())
      .addColumn('postal_code', 'text', (c) => c.notNull())
      .addColumn('time_zone', 'text', (c) => c.notNull())
      .addColumn('phone', 'text')
      .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('active','inactive')`))
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('sites_name').on('sites').column('name').unique().execute();
  },
  async down() {
    throw new Error('The sites migration cannot be undone.');
  },
});

import { sql, type Kysely } from 'kysely';
import type { MigrationFactory } from './index.js';

/**
 * One row per dose given: which lot (and its expiry), who gave it (the signed-in staff user and, optionally, the
 * vaccinator's name as written on the record) and where on the body. The booking says that it was given; this
 * says how, for the immunisation record and for recalls by lot.
 */
export const administrations0010: MigrationFactory = () => ({
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('administrations')
      .addColumn('booking_id', 'text', (c) => c.primaryKey().references('bookings.id'))
      .addColumn('site_id', 'text', (c) => c.notNull().references('sites.id'))
      .addColumn('product_id', 'text', (c) => c.notNull().references('products.id'))
      .addColumn('dose_number', 'integer', (c) => c.notNull())
      .addColumn('lot', 'text', (c) => c.notNull())
      .addColumn('expires_on', 'text')
      .addColumn('staff_user_id', 'text', (c) => c.references('staff_users.id'))
      .addColumn('recorded_by', 'text')
      .addColumn('vaccinator_name', 'text')
      .addColumn('injection_site', 'text', (c) =>
        c.check(sql`injection_site in ('left-arm','right-arm','left-thigh','right-thigh','other')`),
      )
      .addColumn('administered_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('administrations_site_lot')
      .on('administrations')
      .columns(['site_id', 'product_id', 'lot'])
      .execute();
  },
  async down() {
    throw new Error('The administrations migration cannot be undone.');
  },
});

import { sql, type Kysely } from 'kysely';
import type { MigrationFactory } from './index.js';

/**
 * Seat holds: seats (a slot and the later doses of a series) and doses taken for someone who has not booked yet —
 * an invitation's offer. A held seat counts in slots.booked and its doses in site_inventory.reserved, so the
 * existing CHECKs and conditional writes keep it from anyone else; the hold records which seats to give back
 * (release) or to turn into bookings (book) exactly once, by its status.
 */
export const seatHolds0014: MigrationFactory = () => ({
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('seat_holds')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('program_id', 'text', (c) => c.notNull().references('programs.id'))
      .addColumn('product_id', 'text', (c) => c.notNull().references('products.id'))
      .addColumn('site_id', 'text', (c) => c.notNull().references('sites.id'))
      .addColumn('purpose', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('held','released','booked')`))
      .addColumn('expires_at', 'bigint', (c) => c.notNull())
      .addColumn('booking_id', 'text')
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('seat_holds_status_expiry')
      .on('seat_holds')
      .columns(['status', 'expires_at'])
      .execute();
    await db.schema
      .createTable('seat_hold_seats')
      .addColumn('hold_id', 'text', (c) => c.notNull().references('seat_holds.id'))
      .addColumn('dose_number', 'integer', (c) => c.notNull())
      .addColumn('slot_id', 'text', (c) => c.notNull().references('slots.id'))
      .addPrimaryKeyConstraint('seat_hold_seats_pk', ['hold_id', 'dose_number'])
      .execute();
    await db.schema.createIndex('seat_hold_seats_slot').on('seat_hold_seats').column('slot_id').execute();
  },
  async down() {
    throw new Error('The seat holds migration cannot be undone.');
  },
});

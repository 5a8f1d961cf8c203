import { sql, type Kysely } from 'kysely';
import type { MigrationFactory } from './index.js';

/**
 * Same-day standby and the staff list tools of pre-registration:
 * - `prereg_registrants.standby`: the person can come on short notice (texted when a site has leftover doses);
 * - `prereg_registrants.status_link_hash`: the hash of the status link token the weekly message carries (derived
 *   from a server key, so it can be written again every week without keeping the raw token; decision 0011);
 * - `prereg_registrants.called_at`: when a call agent last marked the person called (the call list);
 * - standby offers (site, doses, arrive-by time, a 15-minute reply window), the seat holds each keeps, and who
 *   was texted and how they answered.
 */
export const preregStandby0017: MigrationFactory = () => ({
  async up(db: Kysely<unknown>) {
    await db.schema
      .alterTable('prereg_registrants')
      .addColumn('standby', 'integer', (c) => c.notNull().defaultTo(0))
      .execute();
    await db.schema.alterTable('prereg_registrants').addColumn('status_link_hash', 'text').execute();
    await db.schema.alterTable('prereg_registrants').addColumn('called_at', 'bigint').execute();
    await db.schema
      .createIndex('prereg_registrants_status_link')
      .on('prereg_registrants')
      .column('status_link_hash')
      .unique()
      .execute();
    await db.schema
      .createTable('prereg_standby_offers')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('program_id', 'text', (c) => c.notNull().references('programs.id'))
      .addColumn('site_id', 'text', (c) => c.notNull().references('sites.id'))
      .addColumn('slot_id', 'text', (c) => c.notNull().references('slots.id'))
      .addColumn('product_id', 'text', (c) => c.notNull().references('products.id'))
      .addColumn('doses', 'integer', (c) => c.notNull())
      .addColumn('held', 'integer', (c) => c.notNull())
      .addColumn('texted', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('arrive_by', 'bigint', (c) => c.notNull())
      .addColumn('ends_at', 'bigint', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('open','ended')`))
      .addColumn('opened_by', 'text')
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .addCheckConstraint('prereg_standby_offers_counts', sql`doses > 0 and held >= 0 and held <= doses`)
      .execute();
    await db.schema
      .createIndex('prereg_standby_offers_open')
      .on('prereg_standby_offers')
      .columns(['status', 'ends_at'])
      .execute();
    await db.schema
      .createIndex('prereg_standby_offers_program')
      .on('prereg_standby_offers')
      .columns(['program_id', 'created_at'])
      .execute();
    await db.schema
      .createTable('prereg_standby_holds')
      .addColumn('offer_id', 'text', (c) => c.notNull().references('prereg_standby_offers.id'))
      .addColumn('position', 'integer', (c) => c.notNull())
      .addColumn('hold_id', 'text', (c) => c.notNull().unique().references('seat_holds.id'))
      .addPrimaryKeyConstraint('prereg_standby_holds_pk', ['offer_id', 'position'])
      .execute();
    await db.schema
      .createTable('prereg_standby_texts')
      .addColumn('offer_id', 'text', (c) => c.notNull().references('prereg_standby_offers.id'))
      .addColumn('registrant_id', 'text', (c) => c.notNull().references('prereg_registrants.id'))
      .addColumn('contact_id', 'text', (c) => c.notNull())
      .addColumn('position', 'integer', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('texted','booked','late','expired')`))
      .addColumn('booking_id', 'text')
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('answered_at', 'bigint')
      .addPrimaryKeyConstraint('prereg_standby_texts_pk', ['offer_id', 'registrant_id'])
      .execute();
    await db.schema
      .createIndex('prereg_standby_texts_contact')
      .on('prereg_standby_texts')
      .columns(['contact_id', 'created_at'])
      .execute();
  },
  async down() {
    throw new Error('The standby migration cannot be undone.');
  },
});

import { sql, type Kysely } from 'kysely';
import { withAutoId } from '../src/platform/db/schema-helpers.js';
import type { MigrationFactory } from './index.js';

/**
 * People, programs, products, inventory, slots and bookings. The capacity rules live here as much as in code:
 * counters guarded by CHECK constraints, and one active booking per person, program and dose by a partial
 * unique index.
 */
export const appointments0005: MigrationFactory = (dialect) => ({
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('people')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('given_name_enc', 'text', (c) => c.notNull())
      .addColumn('family_name_enc', 'text', (c) => c.notNull())
      .addColumn('birth_date_enc', 'text', (c) => c.notNull())
      .addColumn('identity_index', 'text', (c) => c.notNull())
      .addColumn('contact_id', 'text', (c) => c.references('contacts.id').onDelete('set null'))
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('people_identity').on('people').column('identity_index').execute();

    await db.schema
      .createTable('programs')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name_en', 'text', (c) => c.notNull())
      .addColumn('name_es', 'text', (c) => c.notNull())
      .addColumn('description_en', 'text', (c) => c.notNull())
      .addColumn('description_es', 'text', (c) => c.notNull())
      .addColumn('preparation_en', 'text', (c) => c.notNull())
      .addColumn('preparation_es', 'text', (c) => c.notNull())
      .addColumn('booking_mode', 'text', (c) => c.notNull().check(sql`booking_mode in ('open','invitation')`))
      .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('active','paused')`))
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('products')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('program_id', 'text', (c) => c.notNull().references('programs.id'))
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('manufacturer', 'text')
      .addColumn('cvx_code', 'text')
      .addColumn('doses', 'integer', (c) => c.notNull().check(sql`doses between 1 and 5`))
      .addColumn('min_days_between', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('max_days_between', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('min_age_years', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addCheckConstraint('products_interval', sql`max_days_between >= min_days_between`)
      .execute();

    await withAutoId(db.schema.createTable('inventory_ledger'), dialect)
      .addColumn('site_id', 'text', (c) => c.notNull().references('sites.id'))
      .addColumn('product_id', 'text', (c) => c.notNull().references('products.id'))
      .addColumn('kind', 'text', (c) =>
        c.notNull().check(sql`kind in ('receive','adjust','waste','transfer-in','transfer-out','administer')`),
      )
      .addColumn('doses', 'integer', (c) => c.notNull())
      .addColumn('lot', 'text')
      .addColumn('expires_on', 'text')
      .addColumn('reason', 'text')
      .addColumn('actor', 'text')
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('inventory_ledger_site_product')
      .on('inventory_ledger')
      .columns(['site_id', 'product_id'])
      .execute();

    // Doses on hand (the ledger's sum) and doses reserved by active bookings, kept in the same transaction as the
    // ledger and the bookings. The CHECK is the backstop; the booking's conditional UPDATE is the guard.
    await db.schema
      .createTable('site_inventory')
      .addColumn('site_id', 'text', (c) => c.notNull().references('sites.id'))
      .addColumn('product_id', 'text', (c) => c.notNull().references('products.id'))
      .addColumn('on_hand', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('reserved', 'integer', (c) => c.notNull().defaultTo(0))
      .addPrimaryKeyConstraint('site_inventory_pk', ['site_id', 'product_id'])
      .addCheckConstraint('site_inventory_reserved', sql`reserved >= 0 and reserved <= on_hand`)
      .execute();

    await db.schema
      .createTable('slots')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('site_id', 'text', (c) => c.notNull().references('sites.id'))
      .addColumn('program_id', 'text', (c) => c.notNull().references('programs.id'))
      .addColumn('starts_at', 'bigint', (c) => c.notNull())
      .addColumn('ends_at', 'bigint', (c) => c.notNull())
      .addColumn('capacity', 'integer', (c) => c.notNull().check(sql`capacity >= 0`))
      .addColumn('booked', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('open','closed')`))
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addCheckConstraint('slots_not_overbooked', sql`booked >= 0 and booked <= capacity`)
      .execute();
    await db.schema.createIndex('slots_site_time').on('slots').columns(['site_id', 'starts_at']).execute();
    await db.schema.createIndex('slots_program_time').on('slots').columns(['program_id', 'starts_at']).execute();
    await db.schema
      .createIndex('slots_unique_start')
      .on('slots')
      .columns(['site_id', 'program_id', 'starts_at'])
      .unique()
      .execute();

    await db.schema
      .createTable('bookings')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('person_id', 'text', (c) => c.notNull().references('people.id'))
      .addColumn('slot_id', 'text', (c) => c.notNull().references('slots.id'))
      .addColumn('site_id', 'text', (c) => c.notNull().references('sites.id'))
      .addColumn('program_id', 'text', (c) => c.notNull().references('programs.id'))
      .addColumn('product_id', 'text', (c) => c.notNull().references('products.id'))
      .addColumn('dose_number', 'integer', (c) => c.notNull().check(sql`dose_number >= 1`))
      .addColumn('series_id', 'text', (c) => c.notNull())
      .addColumn('channel', 'text', (c) => c.notNull().check(sql`channel in ('web','phone','api')`))
      .addColumn('status', 'text', (c) =>
        c.notNull().check(sql`status in ('booked','cancelled','checked-in','administered','no-show')`),
      )
      .addColumn('confirmation_code', 'text', (c) => c.notNull().unique())
      .addColumn('manage_token_hash', 'text', (c) => c.notNull())
      .addColumn('starts_at', 'bigint', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .execute();
    await sql`create unique index bookings_one_active_per_dose on bookings (person_id, program_id, dose_number)
      where status in ('booked','checked-in','administered')`.execute(db);
    await db.schema.createIndex('bookings_slot').on('bookings').column('slot_id').execute();
    await db.schema.createIndex('bookings_series').on('bookings').column('series_id').execute();

    // Answers to POST requests that carried an Idempotency-Key: a replay gets the first answer.
    await db.schema
      .createTable('idempotency_keys')
      .addColumn('scope', 'text', (c) => c.notNull())
      .addColumn('key', 'text', (c) => c.notNull())
      .addColumn('request_hash', 'text', (c) => c.notNull())
      .addColumn('status_code', 'integer', (c) => c.notNull())
      .addColumn('response', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('idempotency_keys_pk', ['scope', 'key'])
      .execute();
  },
  async down() {
    throw new Error('The appointments migration cannot be undone.');
  },
});

import { sql, type Kysely } from 'kysely';
import type { MigrationFactory } from './index.js';

/**
 * Pre-registration and invitations: per-program eligibility (settings, phases, priority groups), the people who
 * registered (personal data encrypted; a blind index of name + birth date + contact merges duplicates), ZIP equity
 * weights, invitations (a single-use link, one live invitation per person by a partial unique index) with the seat
 * holds they offer, and a record of every matching run.
 */
export const preregistration0015: MigrationFactory = () => ({
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('prereg_settings')
      .addColumn('program_id', 'text', (c) => c.primaryKey().references('programs.id'))
      .addColumn('product_id', 'text', (c) => c.references('products.id'))
      .addColumn('min_age', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('reference_date', 'text', (c) => c.notNull())
      .addColumn('zips', 'text', (c) => c.notNull().defaultTo('[]'))
      .addColumn('counties', 'text', (c) => c.notNull().defaultTo('[]'))
      .addColumn('hold_hours', 'integer', (c) => c.notNull().defaultTo(24))
      .addColumn('sms_yes', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('horizon_days', 'integer', (c) => c.notNull().defaultTo(14))
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('prereg_phases')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('program_id', 'text', (c) => c.notNull().references('programs.id'))
      .addColumn('position', 'integer', (c) => c.notNull())
      .addColumn('name_en', 'text', (c) => c.notNull())
      .addColumn('name_es', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('open','closed')`))
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('prereg_groups')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('program_id', 'text', (c) => c.notNull().references('programs.id'))
      .addColumn('phase_id', 'text', (c) => c.notNull().references('prereg_phases.id'))
      .addColumn('position', 'integer', (c) => c.notNull())
      .addColumn('name_en', 'text', (c) => c.notNull())
      .addColumn('name_es', 'text', (c) => c.notNull())
      .addColumn('question_en', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('question_es', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('min_age', 'integer')
      .execute();
    await db.schema
      .createTable('prereg_registrants')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('program_id', 'text', (c) => c.notNull().references('programs.id'))
      .addColumn('identity_index', 'text', (c) => c.notNull())
      .addColumn('given_name_enc', 'text', (c) => c.notNull())
      .addColumn('family_name_enc', 'text', (c) => c.notNull())
      .addColumn('birth_date_enc', 'text', (c) => c.notNull())
      .addColumn('birth_date_index', 'text', (c) => c.notNull())
      .addColumn('zip', 'text', (c) => c.notNull())
      .addColumn('contact_id', 'text', (c) => c.references('contacts.id').onDelete('set null'))
      .addColumn('language', 'text', (c) => c.notNull())
      .addColumn('channel', 'text', (c) => c.notNull().check(sql`channel in ('web','proxy','phone')`))
      .addColumn('call_me', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('group_id', 'text', (c) => c.notNull().references('prereg_groups.id'))
      .addColumn('needs', 'text', (c) => c.notNull().defaultTo('[]'))
      .addColumn('language_need', 'text')
      .addColumn('max_miles', 'integer', (c) => c.notNull())
      .addColumn('preferred_sites', 'text', (c) => c.notNull().defaultTo('[]'))
      .addColumn('unavailable', 'text', (c) => c.notNull().defaultTo('[]'))
      .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('waiting','invited','booked','opted-out')`))
      .addColumn('next_invite_after', 'bigint', (c) => c.notNull().defaultTo(0))
      .addColumn('status_token_hash', 'text', (c) => c.notNull().unique())
      .addColumn('registered_at', 'bigint', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('prereg_registrants_identity')
      .on('prereg_registrants')
      .columns(['program_id', 'identity_index'])
      .unique()
      .execute();
    await db.schema
      .createIndex('prereg_registrants_queue')
      .on('prereg_registrants')
      .columns(['program_id', 'status', 'group_id', 'registered_at'])
      .execute();
    await db.schema
      .createTable('prereg_zip_weights')
      .addColumn('program_id', 'text', (c) => c.notNull().references('programs.id'))
      .addColumn('zip', 'text', (c) => c.notNull())
      .addColumn('weight', 'real', (c) => c.notNull())
      .addPrimaryKeyConstraint('prereg_zip_weights_pk', ['program_id', 'zip'])
      .execute();
    await db.schema
      .createTable('prereg_invitations')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('program_id', 'text', (c) => c.notNull().references('programs.id'))
      .addColumn('registrant_id', 'text', (c) => c.notNull().references('prereg_registrants.id'))
      .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('match','backfill','standby','manual')`))
      .addColumn('status', 'text', (c) =>
        c.notNull().check(sql`status in ('offered','accepted','declined','expired','withdrawn')`),
      )
      .addColumn('token_hash', 'text', (c) => c.notNull().unique())
      .addColumn('failed_checks', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('expires_at', 'bigint', (c) => c.notNull())
      .addColumn('booking_id', 'text')
      .addColumn('run_id', 'text')
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .addCheckConstraint('prereg_invitations_checks', sql`failed_checks >= 0`)
      .execute();
    // Never two live invitations for one person: the database refuses the second.
    await sql`create unique index prereg_invitations_one_live on prereg_invitations (registrant_id)
      where status = 'offered'`.execute(db);
    await db.schema
      .createIndex('prereg_invitations_expiry')
      .on('prereg_invitations')
      .columns(['status', 'expires_at'])
      .execute();
    await db.schema
      .createIndex('prereg_invitations_program')
      .on('prereg_invitations')
      .columns(['program_id', 'created_at'])
      .execute();
    await db.schema
      .createTable('prereg_offers')
      .addColumn('invitation_id', 'text', (c) => c.notNull().references('prereg_invitations.id'))
      .addColumn('position', 'integer', (c) => c.notNull())
      .addColumn('hold_id', 'text', (c) => c.notNull().unique().references('seat_holds.id'))
      .addPrimaryKeyConstraint('prereg_offers_pk', ['invitation_id', 'position'])
      .execute();
    await db.schema
      .createTable('prereg_runs')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('program_id', 'text', (c) => c.notNull().references('programs.id'))
      .addColumn('trigger', 'text', (c) => c.notNull())
      .addColumn('started_at', 'bigint', (c) => c.notNull())
      .addColumn('finished_at', 'bigint')
      .addColumn('candidates', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('invited', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('note', 'text')
      .execute();
  },
  async down() {
    throw new Error('The pre-registration migration cannot be undone.');
  },
});

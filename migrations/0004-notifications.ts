import { sql, type Kysely } from 'kysely';
import type { MigrationFactory } from './index.js';

/** Contacts with their channel preferences, and every message sent or received. Personal data is encrypted. */
export const notifications0004: MigrationFactory = () => ({
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('contacts')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name_enc', 'text')
      .addColumn('email_enc', 'text')
      .addColumn('email_index', 'text')
      .addColumn('phone_enc', 'text')
      .addColumn('phone_index', 'text')
      .addColumn('locale', 'text', (c) => c.notNull())
      .addColumn('channels', 'text', (c) => c.notNull().check(sql`channels in ('email','sms','both','none')`))
      .addColumn('email_opt_out_at', 'bigint')
      .addColumn('time_zone', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('contacts_email_index').on('contacts').column('email_index').execute();
    await db.schema.createIndex('contacts_phone_index').on('contacts').column('phone_index').execute();

    // STOP applies to a phone number, whoever's contact record it is on: a suppression list keyed by number.
    await db.schema
      .createTable('sms_suppressions')
      .addColumn('phone_index', 'text', (c) => c.primaryKey())
      .addColumn('keyword', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('messages')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('contact_id', 'text', (c) => c.references('contacts.id').onDelete('set null'))
      .addColumn('direction', 'text', (c) => c.notNull().check(sql`direction in ('outbound','inbound')`))
      .addColumn('channel', 'text', (c) => c.notNull().check(sql`channel in ('email','sms')`))
      .addColumn('type', 'text', (c) => c.notNull())
      .addColumn('locale', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) =>
        c
          .notNull()
          .check(sql`status in ('queued','sending','sent','delivered','failed','bounced','suppressed','received')`),
      )
      .addColumn('transactional', 'integer', (c) => c.notNull())
      .addColumn('recipient_enc', 'text', (c) => c.notNull())
      .addColumn('content_enc', 'text', (c) => c.notNull())
      .addColumn('segments', 'integer')
      .addColumn('provider_id', 'text')
      .addColumn('idempotency_key', 'text', (c) => c.unique())
      .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('last_error', 'text')
      .addColumn('send_after', 'bigint', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .addColumn('sent_at', 'bigint')
      .execute();
    await db.schema.createIndex('messages_created').on('messages').column('created_at').execute();
    await db.schema.createIndex('messages_contact').on('messages').columns(['contact_id', 'created_at']).execute();
    await db.schema.createIndex('messages_provider').on('messages').column('provider_id').execute();
  },
  async down() {
    throw new Error('The notifications migration cannot be undone.');
  },
});

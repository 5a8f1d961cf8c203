import type { Kysely } from 'kysely';
import type { MigrationFactory } from './index.js';

/**
 * Inbound texts are handled once. The provider's message id (Twilio's MessageSid) is claimed here before the text is
 * handled: the primary key lets exactly one of any number of deliveries of the same id — a replayed webhook, a
 * provider retry, two arriving at once on two processes — insert it, and the others are ignored. Kept apart from
 * `messages` so removing old messages (retention) never re-opens a replay. No personal data: the id and a time.
 */
export const smsInboundReceipts0024: MigrationFactory = () => ({
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('sms_inbound_receipts')
      .addColumn('provider_id', 'text', (c) => c.primaryKey())
      .addColumn('received_at', 'bigint', (c) => c.notNull())
      .execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropTable('sms_inbound_receipts').execute();
  },
});

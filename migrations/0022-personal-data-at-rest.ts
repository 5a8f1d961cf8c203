import { sql, type Kysely } from 'kysely';
import type { MigrationFactory } from './index.js';

/**
 * Personal data at rest (docs/decisions/0020-idempotency-in-the-transaction.md).
 *
 * Idempotency keys: answers were kept in plain text (manage tokens and links) and a reservation left by a killed
 * process (status 0) blocked its key for ever. Answers are now written encrypted by the work's own transaction, so
 * every existing row goes: they are replay records of at most a day's worth of requests, and a retry of a booking
 * already made is refused as `already_booked` rather than booked twice. Indexes serve the hourly prunes of keys
 * and of finished jobs.
 */
export const personalDataAtRest0022: MigrationFactory = () => ({
  async up(db: Kysely<unknown>) {
    await sql`delete from idempotency_keys`.execute(db);
    await db.schema.createIndex('idempotency_keys_created').on('idempotency_keys').column('created_at').execute();
    // The hourly prune of finished jobs.
    await db.schema.createIndex('jobs_finished').on('jobs').columns(['status', 'finished_at']).execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropIndex('jobs_finished').execute();
    await db.schema.dropIndex('idempotency_keys_created').execute();
  },
});

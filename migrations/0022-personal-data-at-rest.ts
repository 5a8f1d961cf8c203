import { sql, type Kysely } from 'kysely';
import type { MigrationFactory } from './index.js';

/** Columns moving to field encryption: table → [plain name, encrypted name]. */
const SEALED: Record<string, [string, string][]> = {
  feedback_responses: [
    ['comment', 'comment_enc'],
    ['comment_well', 'comment_well_enc'],
    ['custom_answers', 'custom_answers_enc'],
  ],
  pulse_responses: [
    ['help_text', 'help_text_enc'],
    ['custom_answers', 'custom_answers_enc'],
  ],
  prereg_registrants: [
    ['needs', 'needs_enc'],
    ['language_need', 'language_need_enc'],
  ],
};

/**
 * Personal data at rest (docs/decisions/0020-idempotency-in-the-transaction.md).
 *
 * Idempotency keys: answers were kept in plain text (manage tokens and links) and a reservation left by a killed
 * process (status 0) blocked its key for ever. Answers are now written encrypted by the work's own transaction, so
 * every existing row goes: they are replay records of at most a day's worth of requests, and a retry of a booking
 * already made is refused as `already_booked` rather than booked twice. Indexes serve the hourly prunes of keys
 * and of finished jobs.
 *
 * Free text in surveys (comments, answers to custom questions, the staff pulse's "what would help") and a
 * pre-registrant's needs are encrypted at field level from now on. Migrations have no key: each column is renamed
 * to `…_enc` and every value it holds is marked `plain:`; the owning module encrypts the marked values at start
 * (platform/db/seal-marked-plain.ts).
 */
export const personalDataAtRest0022: MigrationFactory = () => ({
  async up(db: Kysely<unknown>) {
    await sql`delete from idempotency_keys`.execute(db);
    await db.schema.createIndex('idempotency_keys_created').on('idempotency_keys').column('created_at').execute();
    // The hourly prune of finished jobs.
    await db.schema.createIndex('jobs_finished').on('jobs').columns(['status', 'finished_at']).execute();
    for (const [table, columns] of Object.entries(SEALED))
      for (const [plain, sealed] of columns) {
        await db.schema.alterTable(table).renameColumn(plain, sealed).execute();
        await sql`update ${sql.table(table)} set ${sql.ref(sealed)} = ${sql.lit('plain:')} || ${sql.ref(sealed)}
          where ${sql.ref(sealed)} is not null`.execute(db);
      }
  },
  async down() {
    throw new Error('Migration 0022 cannot be undone: the values it marked are encrypted at start.');
  },
});

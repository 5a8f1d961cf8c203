import { sql, type Kysely } from 'kysely';
import type { MigrationFactory } from './index.js';

/**
 * Feedback, second part: the resident's optional "you may contact me" (the contact encrypted, in its own table,
 * never read by the analysis or the exports), custom questions for the staff pulse (an audience on custom
 * questions, their answers beside the pulse's own), and the pulse's schedule.
 */
export const feedbackContactPulse0018: MigrationFactory = () => ({
  async up(db: Kysely<unknown>) {
    // Only for people who ticked "you may contact me"; points at their response (they chose to be linked to it).
    await db.schema
      .createTable('feedback_contact_requests')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('response_id', 'text', (c) =>
        c.notNull().unique().references('feedback_responses.id').onDelete('cascade'),
      )
      .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('email','phone')`))
      .addColumn('contact_enc', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .execute();

    await db.schema
      .alterTable('feedback_questions')
      .addColumn('audience', 'text', (c) =>
        c
          .notNull()
          .defaultTo('resident')
          .check(sql`audience in ('resident','staff')`),
      )
      .execute();
    await db.schema
      .alterTable('pulse_responses')
      .addColumn('custom_answers', 'text', (c) => c.notNull().defaultTo('{}'))
      .execute();

    await db.schema
      .createTable('pulse_settings')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('frequency', 'text', (c) =>
        c.notNull().check(sql`frequency in ('weekly','fortnightly','monthly','off')`),
      )
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .execute();
  },
  async down() {
    throw new Error('The feedback contact and pulse migration cannot be undone.');
  },
});

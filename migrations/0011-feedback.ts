import { sql, type Kysely } from 'kysely';
import type { MigrationFactory } from './index.js';

/**
 * Feedback: per-program survey settings and custom questions, survey links (only a hash of each link's token),
 * anonymous responses that keep the transaction's context and never the person, the trigger job's cursor, and the
 * staff pulse (participation and answers kept apart so an answer cannot be traced to a person).
 */
export const feedback0011: MigrationFactory = () => ({
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('feedback_settings')
      .addColumn('program_id', 'text', (c) => c.primaryKey())
      .addColumn('form', 'text', (c) => c.notNull().check(sql`form in ('a11','likert')`))
      .addColumn('trust_wording_en', 'text')
      .addColumn('trust_wording_es', 'text')
      .addColumn('trigger_visit', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('trigger_cancellation', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('trigger_booking', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('feedback_questions')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('program_id', 'text')
      .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('scale','text')`))
      .addColumn('prompt_en', 'text', (c) => c.notNull())
      .addColumn('prompt_es', 'text', (c) => c.notNull())
      .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .execute();

    // A survey link. `trigger_key` makes each transaction's offer unique; the response never points back here.
    await db.schema
      .createTable('feedback_invitations')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('token_hash', 'text', (c) => c.notNull().unique())
      .addColumn('trigger_key', 'text', (c) => c.unique())
      .addColumn('origin', 'text', (c) => c.notNull().check(sql`origin in ('visit','cancellation','booking')`))
      .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('offered','unreachable')`))
      .addColumn('form', 'text', (c) => c.notNull().check(sql`form in ('a11','likert')`))
      .addColumn('program_id', 'text', (c) => c.notNull())
      .addColumn('site_id', 'text')
      .addColumn('channel', 'text', (c) => c.notNull())
      .addColumn('language', 'text', (c) => c.notNull())
      .addColumn('transaction_date', 'text', (c) => c.notNull())
      .addColumn('answered', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('expires_at', 'bigint', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('feedback_invitations_date')
      .on('feedback_invitations')
      .column('transaction_date')
      .execute();

    // Anonymous answers: the transaction's context (service, site, channel, language, date) and nothing else.
    await db.schema
      .createTable('feedback_responses')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('form', 'text', (c) => c.notNull().check(sql`form in ('a11','likert')`))
      .addColumn('origin', 'text', (c) => c.notNull())
      .addColumn('program_id', 'text', (c) => c.notNull())
      .addColumn('site_id', 'text')
      .addColumn('channel', 'text', (c) => c.notNull())
      .addColumn('language', 'text', (c) => c.notNull())
      .addColumn('transaction_date', 'text', (c) => c.notNull())
      .addColumn('trust', 'integer', (c) => c.check(sql`trust between 1 and 5`))
      .addColumn('satisfaction', 'integer', (c) => c.check(sql`satisfaction between 1 and 5`))
      .addColumn('effectiveness', 'integer', (c) => c.check(sql`effectiveness between 1 and 5`))
      .addColumn('ease', 'integer', (c) => c.check(sql`ease between 1 and 5`))
      .addColumn('efficiency', 'integer', (c) => c.check(sql`efficiency between 1 and 5`))
      .addColumn('equity', 'integer', (c) => c.check(sql`equity between 1 and 5`))
      .addColumn('employee', 'integer', (c) => c.check(sql`employee between 1 and 5`))
      .addColumn('went_well', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('not_well', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('comment', 'text')
      .addColumn('comment_well', 'text')
      .addColumn('custom_answers', 'text', (c) => c.notNull().defaultTo('{}'))
      .execute();
    await db.schema
      .createIndex('feedback_responses_date')
      .on('feedback_responses')
      .column('transaction_date')
      .execute();

    await db.schema
      .createTable('feedback_cursors')
      .addColumn('name', 'text', (c) => c.primaryKey())
      .addColumn('position_at', 'bigint', (c) => c.notNull())
      .addColumn('position_id', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .execute();

    // Who answered which week's pulse (to allow one answer each) — kept apart from the answers themselves.
    await db.schema
      .createTable('pulse_participation')
      .addColumn('staff_id', 'text', (c) => c.notNull())
      .addColumn('period', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('pulse_participation_pk', ['staff_id', 'period'])
      .execute();
    await db.schema
      .createTable('pulse_responses')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('period', 'text', (c) => c.notNull())
      .addColumn('role_group', 'text', (c) => c.notNull())
      .addColumn('workload', 'integer', (c) => c.notNull().check(sql`workload between 1 and 5`))
      .addColumn('tools', 'integer', (c) => c.notNull().check(sql`tools between 1 and 5`))
      .addColumn('help_text', 'text')
      .execute();
    await db.schema.createIndex('pulse_responses_period').on('pulse_responses').column('period').execute();
  },
  async down() {
    throw new Error('The feedback migration cannot be undone.');
  },
});

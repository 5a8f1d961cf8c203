import { sql, type Kysely } from 'kysely';
import type { MigrationFactory } from './index.js';

/**
 * Schedule templates (per site and program, in the site's local time) and site closures (a whole day or a time
 * range). Publishing a template inserts slots; the existing unique index on slots (site, program, start) keeps a
 * second publish from duplicating any of them.
 */
export const scheduleTemplates0008: MigrationFactory = () => ({
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('schedule_templates')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('site_id', 'text', (c) => c.notNull().references('sites.id'))
      .addColumn('program_id', 'text', (c) => c.notNull().references('programs.id'))
      .addColumn('name', 'text', (c) => c.notNull())
      // ISO weekdays, comma-separated: '1,2,3,4,5' is Monday to Friday.
      .addColumn('weekdays', 'text', (c) => c.notNull())
      .addColumn('opens', 'text', (c) => c.notNull())
      .addColumn('closes', 'text', (c) => c.notNull())
      // Breaks in local time, 'HH:mm-HH:mm' comma-separated ('' when none).
      .addColumn('breaks', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('slot_minutes', 'integer', (c) => c.notNull().check(sql`slot_minutes between 5 and 480`))
      .addColumn('capacity', 'integer', (c) => c.notNull().check(sql`capacity between 1 and 1000`))
      .addColumn('valid_from', 'text', (c) => c.notNull())
      .addColumn('valid_to', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .addCheckConstraint('schedule_templates_hours', sql`opens < closes and valid_from <= valid_to`)
      .execute();
    await db.schema.createIndex('schedule_templates_site').on('schedule_templates').column('site_id').execute();

    await db.schema
      .createTable('site_closures')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('site_id', 'text', (c) => c.notNull().references('sites.id'))
      .addColumn('date', 'text', (c) => c.notNull())
      // Both null: the whole day. Otherwise a local time range 'HH:mm'.
      .addColumn('from_time', 'text')
      .addColumn('to_time', 'text')
      .addColumn('reason', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addCheckConstraint(
        'site_closures_range',
        sql`(from_time is null and to_time is null) or (from_time is not null and to_time is not null and from_time < to_time)`,
      )
      .execute();
    await db.schema.createIndex('site_closures_site_date').on('site_closures').columns(['site_id', 'date']).execute();
  },
  async down() {
    throw new Error('The schedule templates migration cannot be undone.');
  },
});

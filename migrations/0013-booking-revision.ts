import type { Kysely } from 'kysely';
import type { MigrationFactory } from './index.js';

/**
 * A booking's revision (the calendar file's SEQUENCE, raised when it moves or is cancelled) and the contact its
 * messages go to (the one given when it was booked, which may differ from the person's first contact).
 */
export const bookingRevision0013: MigrationFactory = () => ({
  async up(db: Kysely<unknown>) {
    await db.schema
      .alterTable('bookings')
      .addColumn('revision', 'integer', (c) => c.notNull().defaultTo(0))
      .execute();
    await db.schema
      .alterTable('bookings')
      .addColumn('contact_id', 'text', (c) => c.references('contacts.id').onDelete('set null'))
      .execute();
  },
  async down() {
    throw new Error('The booking revision migration cannot be undone.');
  },
});

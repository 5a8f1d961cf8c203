import { sql, type Kysely } from 'kysely';
import type { MigrationFactory } from './index.js';

/**
 * The virtual waiting room (ADR 0011). One state row holds the shared counters every app process uses: the last
 * position given out (`next_position`) and the last position admitted (`serving`), plus the staff's switch and
 * settings. A ticket is one place in line; a pass is one visitor allowed into the protected flow until it expires
 * (its count is the flow's active sessions, cluster-wide).
 */
export const waitingRoom0019: MigrationFactory = () => ({
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('waiting_room_state')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('mode', 'text', (c) => c.notNull().check(sql`mode in ('auto','on','off')`))
      .addColumn('active', 'integer', (c) => c.notNull().check(sql`active in (0,1)`))
      .addColumn('next_position', 'bigint', (c) => c.notNull())
      .addColumn('serving', 'bigint', (c) => c.notNull())
      .addColumn('capacity', 'integer', (c) => c.notNull().check(sql`capacity > 0`))
      .addColumn('rate_per_minute', 'integer')
      .addColumn('activated_at', 'bigint')
      .addColumn('last_advance_at', 'bigint', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .addCheckConstraint('waiting_room_serving', sql`serving <= next_position`)
      .execute();
    await db.schema
      .createTable('waiting_room_tickets')
      .addColumn('position', 'bigint', (c) => c.primaryKey())
      .addColumn('browser_hash', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('waiting','admitted','expired')`))
      .addColumn('issued_at', 'bigint', (c) => c.notNull())
      .addColumn('last_seen_at', 'bigint', (c) => c.notNull())
      .addColumn('admitted_at', 'bigint')
      .execute();
    await db.schema
      .createIndex('waiting_room_tickets_status')
      .on('waiting_room_tickets')
      .columns(['status', 'position'])
      .execute();
    await db.schema
      .createIndex('waiting_room_tickets_admitted')
      .on('waiting_room_tickets')
      .column('admitted_at')
      .execute();
    await db.schema
      .createTable('waiting_room_passes')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('browser_hash', 'text', (c) => c.notNull())
      .addColumn('ticket_position', 'bigint', (c) => c.unique())
      .addColumn('claimed', 'integer', (c) => c.notNull().check(sql`claimed in (0,1)`))
      .addColumn('expires_at', 'bigint', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('waiting_room_passes_expiry').on('waiting_room_passes').column('expires_at').execute();
  },
  async down() {
    throw new Error('The waiting room migration cannot be undone.');
  },
});

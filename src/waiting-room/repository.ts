/**
 * All SQL of the waiting room. The state row is the shared counter every process uses: changing it (or locking it
 * with a no-op UPDATE) inside a transaction serialises the writers on both engines — SQLite's write lock, a
 * PostgreSQL row lock — so positions are unique and admissions never overlap.
 */
import { sql, type Transaction } from 'kysely';
import type { Database, Queryable } from '../platform/db/index.js';

export type Tx = Transaction<Database>;

export type RoomMode = 'auto' | 'on' | 'off';

export interface WaitingRoomStateTable {
  id: string;
  mode: RoomMode;
  active: number;
  next_position: number;
  serving: number;
  capacity: number;
  rate_per_minute: number | null;
  activated_at: number | null;
  last_advance_at: number;
  updated_at: number;
}

export interface WaitingRoomTicketsTable {
  position: number;
  browser_hash: string;
  status: 'waiting' | 'admitted' | 'expired';
  issued_at: number;
  last_seen_at: number;
  admitted_at: number | null;
}

export interface WaitingRoomPassesTable {
  id: string;
  browser_hash: string;
  ticket_position: number | null;
  claimed: number;
  expires_at: number;
  created_at: number;
}

declare module '../platform/db/schema.js' {
  interface Database {
    waiting_room_state: WaitingRoomStateTable;
    waiting_room_tickets: WaitingRoomTicketsTable;
    waiting_room_passes: WaitingRoomPassesTable;
  }
}

export type StateRow = WaitingRoomStateTable;
const ROOM = 'main';

/** Create the state row with the configured first settings, once (any number of processes may race here). */
export async function ensureState(
  db: Queryable,
  init: { mode: RoomMode; capacity: number; ratePerMinute: number | null },
  now: number,
): Promise<void> {
  await db
    .insertInto('waiting_room_state')
    .values({
      id: ROOM,
      mode: init.mode,
      active: init.mode === 'on' ? 1 : 0,
      next_position: 0,
      serving: 0,
      capacity: init.capacity,
      rate_per_minute: init.ratePerMinute,
      activated_at: init.mode === 'on' ? now : null,
      last_advance_at: 0,
      updated_at: now,
    })
    .onConflict((oc) => oc.column('id').doNothing())
    .execute();
}

export async function findState(db: Queryable): Promise<StateRow> {
  return db.selectFrom('waiting_room_state').selectAll().where('id', '=', ROOM).executeTakeFirstOrThrow();
}

/** Lock the state row for the rest of the transaction and read it. */
export async function lockState(db: Queryable): Promise<StateRow> {
  return db
    .updateTable('waiting_room_state')
    .set({ next_position: sql<number>`next_position` })
    .where('id', '=', ROOM)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/**
 * Lock the state row only when no process advanced the line in the last `minGapMs`; undefined when one did (its
 * admissions are enough for this second).
 */
export async function claimAdvance(db: Queryable, now: number, minGapMs: number): Promise<StateRow | undefined> {
  return db
    .updateTable('waiting_room_state')
    .set({ last_advance_at: now })
    .where('id', '=', ROOM)
    .where('last_advance_at', '<=', now - minGapMs)
    .returningAll()
    .executeTakeFirst();
}

/** Take the next position from the shared counter (inside the caller's transaction). */
export async function takePosition(db: Queryable): Promise<number> {
  const row = await db
    .updateTable('waiting_room_state')
    .set({ next_position: sql<number>`next_position + 1` })
    .where('id', '=', ROOM)
    .returning('next_position')
    .executeTakeFirstOrThrow();
  return Number(row.next_position);
}

export async function updateState(
  db: Queryable,
  values: Partial<Omit<WaitingRoomStateTable, 'id' | 'next_position'>>,
): Promise<void> {
  await db.updateTable('waiting_room_state').set(values).where('id', '=', ROOM).execute();
}

export async function insertTicket(db: Queryable, position: number, browserHash: string, now: number): Promise<void> {
  await db
    .insertInto('waiting_room_tickets')
    .values({
      position,
      browser_hash: browserHash,
      status: 'waiting',
      issued_at: now,
      last_seen_at: now,
      admitted_at: null,
    })
    .execute();
}

/** Positions still waiting whose page has not asked about them since `before`: they are skipped from now on. */
export async function expireUnseen(db: Queryable, before: number): Promise<number> {
  const r = await db
    .updateTable('waiting_room_tickets')
    .set({ status: 'expired' })
    .where('status', '=', 'waiting')
    .where('last_seen_at', '<', before)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/** Record that these positions' pages asked (one statement for every poll a process saw in the last second). */
export async function markSeen(db: Queryable, positions: number[], now: number): Promise<void> {
  if (positions.length === 0) return;
  await db
    .updateTable('waiting_room_tickets')
    .set({ last_seen_at: now })
    .where('position', 'in', positions)
    .where('status', '=', 'waiting')
    .execute();
}

export async function firstWaiting(
  db: Queryable,
  after: number,
  limit: number,
): Promise<{ position: number; browser_hash: string }[]> {
  const rows = await db
    .selectFrom('waiting_room_tickets')
    .select(['position', 'browser_hash'])
    .where('status', '=', 'waiting')
    .where('position', '>', after)
    .orderBy('position')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ position: Number(r.position), browser_hash: r.browser_hash }));
}

export async function markAdmitted(db: Queryable, positions: number[], now: number): Promise<void> {
  if (positions.length === 0) return;
  await db
    .updateTable('waiting_room_tickets')
    .set({ status: 'admitted', admitted_at: now })
    .where('position', 'in', positions)
    .where('status', '=', 'waiting')
    .execute();
}

export async function countWaiting(db: Queryable, after: number): Promise<number> {
  const r = await db
    .selectFrom('waiting_room_tickets')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('status', '=', 'waiting')
    .where('position', '>', after)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function countAdmittedSince(db: Queryable, since: number): Promise<number> {
  const r = await db
    .selectFrom('waiting_room_tickets')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('admitted_at', '>=', since)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function countActivePasses(db: Queryable, now: number): Promise<number> {
  const r = await db
    .selectFrom('waiting_room_passes')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('expires_at', '>', now)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function insertPasses(db: Queryable, passes: WaitingRoomPassesTable[]): Promise<void> {
  if (passes.length === 0) return;
  await db.insertInto('waiting_room_passes').values(passes).execute();
}

/**
 * Turn an admitted position's pass into the visitor's: once, by the browser the position was given to, before the
 * time to come in runs out. Returns the pass's new expiry, or undefined.
 */
export async function claimPass(
  db: Queryable,
  position: number,
  browserHash: string,
  now: number,
  expiresAt: number,
): Promise<{ id: string; expires_at: number } | undefined> {
  const row = await db
    .updateTable('waiting_room_passes')
    .set({ claimed: 1, expires_at: expiresAt })
    .where('ticket_position', '=', position)
    .where('browser_hash', '=', browserHash)
    .where('claimed', '=', 0)
    .where('expires_at', '>', now)
    .returning(['id', 'expires_at'])
    .executeTakeFirst();
  return row ? { id: row.id, expires_at: Number(row.expires_at) } : undefined;
}

/** Forget what no one can use any more: passes expired and places in line settled before `before`. */
export async function pruneBefore(db: Queryable, before: number): Promise<void> {
  await db.deleteFrom('waiting_room_passes').where('expires_at', '<', before).execute();
  await db
    .deleteFrom('waiting_room_tickets')
    .where('status', '!=', 'waiting')
    .where('issued_at', '<', before)
    .execute();
}

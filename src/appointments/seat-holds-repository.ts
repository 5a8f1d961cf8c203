/** SQL of seat holds (kept apart from repository.ts so the booking core's file stays as it was). */
import type { Selectable } from 'kysely';
import type { Queryable } from '../platform/db/index.js';

export type SeatHoldStatus = 'held' | 'released' | 'booked';
export interface SeatHoldsTable {
  id: string;
  program_id: string;
  product_id: string;
  site_id: string;
  /** Who holds it, e.g. `invitation`. */
  purpose: string;
  status: SeatHoldStatus;
  expires_at: number;
  booking_id: string | null;
  created_at: number;
  updated_at: number;
}
export interface SeatHoldSeatsTable {
  hold_id: string;
  dose_number: number;
  slot_id: string;
}

declare module '../platform/db/schema.js' {
  interface Database {
    seat_holds: SeatHoldsTable;
    seat_hold_seats: SeatHoldSeatsTable;
  }
}

export type SeatHoldRow = Selectable<SeatHoldsTable>;

export const insertHold = (db: Queryable, h: SeatHoldsTable) => db.insertInto('seat_holds').values(h).execute();
export const insertHoldSeat = (db: Queryable, s: SeatHoldSeatsTable) =>
  db.insertInto('seat_hold_seats').values(s).execute();
/** Many holds and their seats in a few multi-row statements (bulk holds). */
export async function insertHoldsMany(db: Queryable, rows: SeatHoldsTable[], seats: SeatHoldSeatsTable[]) {
  for (let i = 0; i < rows.length; i += 500)
    await db
      .insertInto('seat_holds')
      .values(rows.slice(i, i + 500))
      .execute();
  for (let i = 0; i < seats.length; i += 1000)
    await db
      .insertInto('seat_hold_seats')
      .values(seats.slice(i, i + 1000))
      .execute();
}
export const findHold = (db: Queryable, id: string) =>
  db.selectFrom('seat_holds').selectAll().where('id', '=', id).executeTakeFirst();
export const findHoldSeats = (db: Queryable, holdId: string) =>
  db
    .selectFrom('seat_hold_seats')
    .innerJoin('slots', 'slots.id', 'seat_hold_seats.slot_id')
    .selectAll('slots')
    .select('seat_hold_seats.dose_number')
    .where('seat_hold_seats.hold_id', '=', holdId)
    .orderBy('seat_hold_seats.dose_number')
    .execute();

/**
 * Move a hold from `held` to `to` — once: the status check and the write are one statement, so a hold is released
 * or booked exactly once even when two requests race. With `liveAt`, only a hold not yet expired at that instant.
 */
export async function settleHold(
  db: Queryable,
  id: string,
  to: 'released' | 'booked',
  now: number,
  o: { liveAt?: number; bookingId?: string } = {},
): Promise<boolean> {
  let q = db
    .updateTable('seat_holds')
    .set({ status: to, updated_at: now, ...(o.bookingId ? { booking_id: o.bookingId } : {}) })
    .where('id', '=', id)
    .where('status', '=', 'held');
  if (o.liveAt !== undefined) q = q.where('expires_at', '>', o.liveAt);
  const r = await q.executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export const setHoldBooking = (db: Queryable, id: string, bookingId: string) =>
  db.updateTable('seat_holds').set({ booking_id: bookingId }).where('id', '=', id).execute();

/** Holds past their expiry that still hold seats (oldest first). */
export const findExpiredHolds = (db: Queryable, now: number, limit: number) =>
  db
    .selectFrom('seat_holds')
    .select(['id', 'purpose'])
    .where('status', '=', 'held')
    .where('expires_at', '<=', now)
    .orderBy('expires_at')
    .limit(limit)
    .execute();

/**
 * Seat holds: seats kept for one person who has not booked yet (an invitation's offer). Holding takes the seats
 * and doses by the same conditional writes booking uses — the slot seat, the doses of the whole series and a seat
 * for each later dose within its interval — so a held seat counts in slots.booked and its doses in
 * site_inventory.reserved: nobody else can book it and no two holds can share it, by construction. A hold ends
 * exactly once (its status moves from `held` in one conditional statement): released (seats and doses given back
 * in the same transaction) or booked (bookHeldSeats turns exactly those seats into bookings, taking nothing new).
 */
import { randomUUID } from 'node:crypto';
import { isUniqueViolation, type Queryable } from '../platform/db/index.js';
import type { ModuleDeps } from '../platform/module.js';
import { takeSeriesSeats } from './book-appointment.js';
import { BookingError } from './errors.js';
import { checkAge, findSiteInfo, recordBooking, type BookingPerson, type BookingResult } from './record-booking.js';
import * as repo from './repository.js';
import * as holds from './seat-holds-repository.js';

export interface HoldSeatsInput {
  slotId: string;
  productId: string;
  /** When the hold lapses (the caller's window, e.g. 24 hours from now). */
  expiresAt: number;
  /** Who holds it (e.g. `invitation`), for the console and the audit trail. */
  purpose: string;
}

export interface SeatHold {
  id: string;
  programId: string;
  productId: string;
  siteId: string;
  expiresAt: number;
  status: holds.SeatHoldStatus;
  /** Dose 1 first. */
  seats: { dose: number; slotId: string; startsAt: number; endsAt: number }[];
}

/**
 * Hold the seat of `slotId` (and the later doses of the series, and their doses) inside the caller's transaction.
 * Throws BookingError (not_found, slot_past, slot_full, no_doses, no_second_dose); the caller's transaction must
 * then roll back, which gives back whatever was taken.
 */
/** Like holdSeats, but a refused seat (full, no doses, no dose-2 seat) returns null having taken nothing. */
export async function tryHoldSeats(
  deps: Pick<ModuleDeps, 'now'>,
  tx: Queryable,
  input: HoldSeatsInput,
): Promise<SeatHold | null> {
  try {
    return await holdSeats(deps, tx, input);
  } catch (err) {
    if (err instanceof BookingError && ['slot_full', 'no_doses', 'no_second_dose'].includes(err.code)) return null;
    throw err;
  }
}

export async function holdSeats(
  deps: Pick<ModuleDeps, 'now'>,
  tx: Queryable,
  input: HoldSeatsInput,
): Promise<SeatHold> {
  const now = deps.now();
  const slot = await repo.findSlot(tx, input.slotId);
  const product = await repo.findProduct(tx, input.productId);
  if (!slot || !product || slot.program_id !== product.program_id) throw new BookingError('not_found');
  const program = await repo.findProgram(tx, slot.program_id);
  if (!program || program.status !== 'active') throw new BookingError('not_found');
  if (slot.starts_at <= now) throw new BookingError('slot_past');
  const seats = await takeSeriesSeats(tx, slot, product);
  const id = randomUUID();
  await holds.insertHold(tx, {
    id,
    program_id: program.id,
    product_id: product.id,
    site_id: slot.site_id,
    purpose: input.purpose,
    status: 'held',
    expires_at: input.expiresAt,
    booking_id: null,
    created_at: now,
    updated_at: now,
  });
  for (const [i, s] of seats.entries())
    await holds.insertHoldSeat(tx, { hold_id: id, dose_number: i + 1, slot_id: s.id });
  return {
    id,
    programId: program.id,
    productId: product.id,
    siteId: slot.site_id,
    expiresAt: input.expiresAt,
    status: 'held',
    seats: seats.map((s, i) => ({ dose: i + 1, slotId: s.id, startsAt: s.starts_at, endsAt: s.ends_at })),
  };
}

export interface HoldSeatsManyInput {
  productId: string;
  purpose: string;
  /** One seat per entry (the same slot may appear several times), each with its own expiry. */
  seats: { slotId: string; expiresAt: number }[];
}

/**
 * Hold many seats at once inside the caller's transaction — the matching run's bulk path. The result is aligned
 * with `seats`: a hold, or null where that seat could not be held (full, no doses, past, or no later-dose seat).
 * For a single-dose product the seats of each slot are taken with one conditional statement per slot and the doses
 * with one per site (the same rules as one hold: `booked + n <= capacity`, `reserved + n <= on_hand`); when such a
 * statement refuses (someone booked meanwhile) those seats fall back to one hold at a time, so whatever still fits
 * is held and nothing is over-taken. A series product (dose 2 and later) needs its later seats chosen per person,
 * so it takes the one-at-a-time path throughout.
 */
export async function holdSeatsMany(
  deps: Pick<ModuleDeps, 'now'>,
  tx: Queryable,
  input: HoldSeatsManyInput,
): Promise<(SeatHold | null)[]> {
  const now = deps.now();
  const out: (SeatHold | null)[] = input.seats.map(() => null);
  const product = await repo.findProduct(tx, input.productId);
  if (!product) return out;
  const one = async (i: number) => {
    const seat = input.seats[i];
    if (seat === undefined) return;
    out[i] = await tryHoldSeats(deps, tx, {
      slotId: seat.slotId,
      productId: product.id,
      expiresAt: seat.expiresAt,
      purpose: input.purpose,
    }).catch((err: unknown) => {
      if (err instanceof BookingError) return null;
      throw err;
    });
  };
  if (product.doses > 1) {
    for (let i = 0; i < input.seats.length; i++) await one(i);
    return out;
  }
  const program = await repo.findProgram(tx, product.program_id);
  if (!program || program.status !== 'active') return out;
  const slots = new Map(
    (await repo.findSlots(tx, [...new Set(input.seats.map((x) => x.slotId))])).map((s) => [s.id, s] as const),
  );
  // Requests grouped by site, then by slot (only slots of this program that are still ahead).
  const bySite = new Map<string, Map<string, number[]>>();
  input.seats.forEach(({ slotId: id }, i) => {
    const slot = slots.get(id);
    if (!slot || slot.program_id !== product.program_id || slot.starts_at <= now) return;
    const site = bySite.get(slot.site_id) ?? new Map<string, number[]>();
    bySite.set(slot.site_id, site);
    site.set(id, [...(site.get(id) ?? []), i]);
  });
  const rows: holds.SeatHoldsTable[] = [];
  const seatRows: holds.SeatHoldSeatsTable[] = [];
  for (const [siteId, bySlot] of bySite) {
    const wanted = [...bySlot.values()].reduce((n, xs) => n + xs.length, 0);
    if (!(await repo.reserveDoses(tx, siteId, product.id, wanted))) {
      for (const xs of bySlot.values()) for (const i of xs) await one(i);
      continue;
    }
    for (const [slotId, xs] of bySlot) {
      const slot = slots.get(slotId);
      if (!slot) continue;
      if (!(await repo.takeSeats(tx, slotId, xs.length))) {
        await repo.releaseDoses(tx, siteId, product.id, xs.length);
        for (const i of xs) await one(i);
        continue;
      }
      for (const i of xs) {
        const id = randomUUID();
        const expiresAt = input.seats[i]?.expiresAt ?? now;
        rows.push({
          id,
          program_id: program.id,
          product_id: product.id,
          site_id: siteId,
          purpose: input.purpose,
          status: 'held',
          expires_at: expiresAt,
          booking_id: null,
          created_at: now,
          updated_at: now,
        });
        seatRows.push({ hold_id: id, dose_number: 1, slot_id: slotId });
        out[i] = {
          id,
          programId: program.id,
          productId: product.id,
          siteId,
          expiresAt,
          status: 'held',
          seats: [{ dose: 1, slotId, startsAt: slot.starts_at, endsAt: slot.ends_at }],
        };
      }
    }
  }
  await holds.insertHoldsMany(tx, rows, seatRows);
  return out;
}

/** A hold and its seats, or undefined. */
export async function findSeatHold(db: Queryable, id: string): Promise<SeatHold | undefined> {
  const h = await holds.findHold(db, id);
  if (!h) return undefined;
  const seats = await holds.findHoldSeats(db, id);
  return {
    id: h.id,
    programId: h.program_id,
    productId: h.product_id,
    siteId: h.site_id,
    expiresAt: h.expires_at,
    status: h.status,
    seats: seats.map((s) => ({ dose: s.dose_number, slotId: s.id, startsAt: s.starts_at, endsAt: s.ends_at })),
  };
}

/**
 * Give a hold's seats and doses back (decline, expiry, withdrawal), inside the caller's transaction. Returns false
 * when the hold was already released or booked — then nothing is given back twice.
 */
export async function releaseHold(deps: Pick<ModuleDeps, 'now'>, tx: Queryable, holdId: string): Promise<boolean> {
  const h = await holds.findHold(tx, holdId);
  if (!h || !(await holds.settleHold(tx, holdId, 'released', deps.now()))) return false;
  const seats = await holds.findHoldSeats(tx, holdId);
  for (const s of seats) await repo.releaseSeat(tx, s.id);
  await repo.releaseDoses(tx, h.site_id, h.product_id, seats.length);
  return true;
}

export interface BookHeldSeatsInput {
  holdId: string;
  person: BookingPerson;
  channel: 'web' | 'phone' | 'api';
  /** Runs in the same transaction once booked (e.g. the invitation is marked accepted); throwing undoes all. */
  onBooked?: (tx: Queryable, booked: BookingResult) => Promise<void>;
}

/**
 * Book exactly the seats a live hold keeps, in one transaction and without taking new capacity: the hold moves to
 * `booked` once (a second acceptance finds it gone), then the booking is recorded as bookAppointment records it —
 * person record, one active booking per person and dose (unique index: already_booked, and the hold stays held),
 * confirmation, reminders. Throws BookingError: not_found (no such live hold), not_eligible, already_booked.
 */
export async function bookHeldSeats(deps: ModuleDeps, input: BookHeldSeatsInput): Promise<BookingResult> {
  try {
    return await deps.db.kysely.transaction().execute(async (tx) => {
      const now = deps.now();
      const h = await holds.findHold(tx, input.holdId);
      if (!h || h.status !== 'held' || h.expires_at <= now) throw new BookingError('not_found');
      const seats = await holds.findHoldSeats(tx, h.id);
      const product = await repo.findProduct(tx, h.product_id);
      const program = await repo.findProgram(tx, h.program_id);
      const first = seats[0];
      if (!first || !product || !program) throw new BookingError('not_found');
      const site = await findSiteInfo(tx, first.site_id);
      checkAge(input.person.birthDate, first, product, site);
      if (!(await holds.settleHold(tx, h.id, 'booked', now, { liveAt: now }))) throw new BookingError('not_found');
      const slots: repo.SlotRow[] = seats.map(({ dose_number: _dose, ...slot }) => slot);
      const booked = await recordBooking(deps, tx, {
        seats: slots,
        product,
        program,
        site,
        person: input.person,
        channel: input.channel,
      });
      await holds.setHoldBooking(tx, h.id, booked.id);
      if (input.onBooked) await input.onBooked(tx, booked);
      return booked;
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw new BookingError('already_booked');
    throw err;
  }
}

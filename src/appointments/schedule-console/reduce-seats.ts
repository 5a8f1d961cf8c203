/**
 * Fewer seats, with notice: lowering a slot's capacity below its bookings, cancelling a slot, or closing the site
 * over booked slots. Which bookings are affected:
 *
 * - a cancelled or closed slot: every booking in it that is still `booked` (people already checked in stay);
 * - a lower capacity: the bookings made LAST, as many as the seats taken away (first come keeps their seat);
 *   if people already checked in, administered or marked no-show hold more seats than the new capacity, the
 *   change is refused (`blocked`).
 *
 * Nothing changes until the reviewer confirms (`applySeatReduction`); the confirmation names the bookings the
 * reviewer saw, and if the list changed meanwhile nothing is done and the new list is returned. Applying:
 *
 * 1. one transaction closes the slots (no new booking can take a freed seat), re-checks the list and, for a
 *    closure, records it;
 * 2. each affected booking is moved to the nearest open seat — same site first, then nearest in time — by
 *    rescheduleBooking (which holds the new seat before releasing the old one), or cancelled with the reason
 *    'site-change' by cancelBooking; both tell the person (an outbox notice in their own transaction);
 * 3. one transaction sets the new capacity with a conditional write (`booked <= capacity`) and reopens the slot.
 *
 * So at every moment the slot holds no more active bookings than its capacity (the CHECK never fires). If the
 * process stops between steps, the slots stay closed: safe, and visible in the calendar.
 */
import { recordAudit, type AuditActor } from '../../platform/audit/index.js';
import type { Queryable } from '../../platform/db/index.js';
import type { ModuleDeps } from '../../platform/module.js';
import { BookingError } from '../errors.js';
import { cancelBooking } from '../manage-booking.js';
import { findSlot, type SlotRow } from '../repository.js';
import { rescheduleBooking } from '../reschedule-booking.js';
import * as repo from './repository.js';
import type { Resolve } from './schema.js';

const DAY = 86_400_000;
/** How far from the original time a move may go. */
export const MOVE_WINDOW_DAYS = 14;
const MAX_TRIES = 8;

export type ChangeWhy = 'over-capacity' | 'slot-cancelled' | 'site-closed';
/** One slot losing seats: a new capacity, or closed (cancelled or inside a closure). */
export type SeatChange =
  { slotId: string; kind: 'capacity'; capacity: number } | { slotId: string; kind: 'cancel' | 'closure' };

export interface Seat {
  slotId: string;
  siteId: string;
  startsAt: number;
}
export interface AffectedBooking {
  bookingId: string;
  code: string;
  dose: number;
  slotId: string;
  slotStartsAt: number;
  siteId: string;
  bookedAt: number;
  why: ChangeWhy;
  /** The nearest open seat right now (a proposal: applying looks again). */
  proposal: Seat | null;
}
export interface ReductionPlan {
  affected: AffectedBooking[];
  /** Slots whose checked-in (or past) bookings already exceed the new capacity. */
  blocked: string[];
}

/** What applying needs: the module's dependencies (notices) and who is acting (audit). */
export type ReductionDeps = ModuleDeps & { actor: AuditActor };
type Deps = ReductionDeps;

const WHY: Record<SeatChange['kind'], ChangeWhy> = {
  capacity: 'over-capacity',
  cancel: 'slot-cancelled',
  closure: 'site-closed',
};

/** The bookings a set of changes affects, by the rule above; slot start order, then latest booked first. */
async function findAffected(db: Queryable, changes: SeatChange[]): Promise<ReductionPlan & { slots: SlotRow[] }> {
  const slots = (await Promise.all(changes.map((c) => findSlot(db, c.slotId)))).filter((s): s is SlotRow => !!s);
  const holders = await repo.seatHolders(
    db,
    slots.map((s) => s.id),
  );
  const affected: Omit<AffectedBooking, 'proposal'>[] = [];
  const blocked: string[] = [];
  for (const c of changes) {
    const slot = slots.find((s) => s.id === c.slotId);
    if (!slot) continue;
    const movable = holders.filter((h) => h.slot_id === slot.id && h.status === 'booked');
    const excess = c.kind === 'capacity' ? slot.booked - c.capacity : movable.length;
    if (excess <= 0) continue;
    if (movable.length < excess) {
      blocked.push(slot.id);
      continue;
    }
    for (const h of movable.slice(0, excess))
      affected.push({
        bookingId: h.id,
        code: h.confirmation_code,
        dose: h.dose_number,
        slotId: slot.id,
        slotStartsAt: slot.starts_at,
        siteId: h.site_id,
        bookedAt: h.created_at,
        why: WHY[c.kind],
      });
  }
  affected.sort((a, b) => a.slotStartsAt - b.slotStartsAt);
  return { affected: affected.map((a) => ({ ...a, proposal: null })), blocked, slots };
}

/** Open seats for a booking, best first: same site, then nearest in time; never in the slots losing seats. */
async function seatsFor(
  db: Queryable,
  a: Pick<AffectedBooking, 'slotStartsAt' | 'siteId'>,
  programId: string,
  exclude: string[],
  now: number,
) {
  const rows = await repo.openSeatsNear(
    db,
    programId,
    Math.max(now + 1, a.slotStartsAt - MOVE_WINDOW_DAYS * DAY),
    a.slotStartsAt + MOVE_WINDOW_DAYS * DAY,
    exclude,
  );
  const rank = (s: { site_id: string; starts_at: number }) => [
    s.site_id === a.siteId ? 0 : 1,
    Math.abs(s.starts_at - a.slotStartsAt),
  ];
  return rows
    .map((s) => ({ ...s, r: rank(s) }))
    .sort((x, y) => (x.r[0] ?? 0) - (y.r[0] ?? 0) || (x.r[1] ?? 0) - (y.r[1] ?? 0) || x.starts_at - y.starts_at);
}

/** Review: the affected bookings, each with the nearest open seat as a proposal. Writes nothing. */
export async function planSeatReduction(deps: ModuleDeps, changes: SeatChange[]): Promise<ReductionPlan> {
  const db = deps.db.kysely;
  const { affected, blocked, slots } = await findAffected(db, changes);
  const exclude = changes.map((c) => c.slotId);
  const used = new Map<string, number>();
  for (const a of affected) {
    const programId = slots.find((s) => s.id === a.slotId)?.program_id ?? '';
    for (const s of await seatsFor(db, a, programId, exclude, deps.now())) {
      const taken = used.get(s.id) ?? 0;
      if (s.capacity - s.booked - taken <= 0) continue;
      used.set(s.id, taken + 1);
      a.proposal = { slotId: s.id, siteId: s.site_id, startsAt: s.starts_at };
      break;
    }
  }
  return { affected, blocked };
}

export type ApplyResult =
  | { ok: true; moved: (AffectedBooking & { to: Seat })[]; cancelled: AffectedBooking[]; incomplete: string[] }
  | { ok: false; error: 'changed'; plan: ReductionPlan }
  | { ok: false; error: 'blocked'; plan: ReductionPlan };

class Rollback extends Error {
  constructor(readonly result: ApplyResult) {
    super('rollback');
  }
}

const sameIds = (a: string[], b: string[]) => a.length === b.length && [...a].sort().join() === [...b].sort().join();

/** Move one booking to the best seat that still takes it; null when none does. */
async function moveOne(deps: Deps, a: AffectedBooking, programId: string, exclude: string[], channel: Channel) {
  const seats = await seatsFor(deps.db.kysely, a, programId, exclude, deps.now());
  for (const s of seats.slice(0, MAX_TRIES)) {
    try {
      await rescheduleBooking(deps, { bookingId: a.bookingId, slotId: s.id, channel, reason: 'site-change' });
      return { slotId: s.id, siteId: s.site_id, startsAt: s.starts_at };
    } catch (err) {
      if (!(err instanceof BookingError)) throw err;
    }
  }
  return null;
}

type Channel = 'web' | 'api';

/**
 * Apply reviewed changes: close, move or cancel each affected booking (with notice), then set the capacity.
 * `expected` is the list of booking ids the reviewer saw (omit it to accept whatever is affected now, as the API
 * does when told how to resolve). `inFirstTransaction` runs with the closing (a closure records itself there).
 */
export async function applySeatReduction(
  deps: Deps,
  o: {
    changes: SeatChange[];
    resolve: Resolve;
    expected?: string[] | undefined;
    channel: Channel;
    inFirstTransaction?: (tx: Queryable) => Promise<void>;
  },
): Promise<ApplyResult> {
  const now = deps.now();
  const ids = o.changes.map((c) => c.slotId);
  let before: { affected: AffectedBooking[]; slots: SlotRow[] };
  try {
    before = await deps.db.kysely.transaction().execute(async (tx) => {
      const found = await findAffected(tx, o.changes);
      await repo.closeSlots(tx, ids);
      if (found.blocked.length > 0) throw new Rollback({ ok: false, error: 'blocked', plan: found });
      const seen = found.affected.map((a) => a.bookingId);
      if (o.expected && !sameIds(seen, o.expected)) throw new Rollback({ ok: false, error: 'changed', plan: found });
      if (o.inFirstTransaction) await o.inFirstTransaction(tx);
      return found;
    });
  } catch (err) {
    if (err instanceof Rollback) {
      if (err.result.ok) return err.result;
      // Proposals for the new list, outside the rolled-back transaction.
      const plan = await planSeatReduction(deps, o.changes);
      return { ...err.result, plan };
    }
    throw err;
  }
  const moved: (AffectedBooking & { to: Seat })[] = [];
  const cancelled: AffectedBooking[] = [];
  for (const a of before.affected) {
    const programId = before.slots.find((s) => s.id === a.slotId)?.program_id ?? '';
    const to = o.resolve === 'move' ? await moveOne(deps, a, programId, ids, o.channel) : null;
    if (to) moved.push({ ...a, to });
    else if (await cancelBooking(a.bookingId, deps, { reason: 'site-change', channel: o.channel })) cancelled.push(a);
  }
  const incomplete = await finish(deps, o.changes, before.slots, { moved, cancelled }, now);
  return { ok: true, moved, cancelled, incomplete };
}

/** Set the new capacities (conditional on the bookings left fitting) and reopen; audit each slot. */
async function finish(
  deps: Deps,
  changes: SeatChange[],
  slots: SlotRow[],
  done: { moved: (AffectedBooking & { to: Seat })[]; cancelled: AffectedBooking[] },
  now: number,
): Promise<string[]> {
  return deps.db.kysely.transaction().execute(async (tx) => {
    const incomplete: string[] = [];
    for (const c of changes) {
      const slot = slots.find((s) => s.id === c.slotId);
      if (!slot) continue;
      if (c.kind === 'capacity' && !(await repo.setCapacityIfFits(tx, slot.id, c.capacity, slot.status)))
        incomplete.push(slot.id);
      await recordAudit(
        tx,
        deps.actor,
        {
          action: c.kind === 'capacity' ? 'appointments.slot.capacity-changed' : `appointments.slot.closed`,
          subjectType: 'slot',
          subjectId: slot.id,
          details: {
            why: WHY[c.kind],
            ...(c.kind === 'capacity' ? { capacity: { from: slot.capacity, to: c.capacity } } : {}),
            moved: done.moved.filter((m) => m.slotId === slot.id).map((m) => ({ id: m.bookingId, to: m.to.slotId })),
            cancelled: done.cancelled.filter((m) => m.slotId === slot.id).map((m) => m.bookingId),
            ...(incomplete.includes(slot.id) ? { leftClosed: true } : {}),
          },
        },
        now,
      );
    }
    return incomplete;
  });
}

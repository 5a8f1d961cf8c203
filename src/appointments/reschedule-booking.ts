/**
 * Move a booking to another seat. In one transaction the new seat is taken first (and, at another site, the doses
 * for the rest of the series reserved there), later doses of the series are kept when they still fit the interval
 * window or held again at the new site, and only then are the old seats and doses released. If any step fails,
 * nothing changes and the person keeps the booking they had. The booking keeps its id, code and manage link; its
 * revision rises so calendar apps update the entry, and the person gets a notice.
 */
import { recordAudit, type AuditActor } from '../platform/audit/index.js';
import type { Queryable } from '../platform/db/index.js';
import type { ModuleDeps } from '../platform/module.js';
import { cancelScheduledMessage } from '../notifications/index.js';
import { holdNextDose, type InBookingTransaction } from './book-appointment.js';
import { BookingError } from './errors.js';
import { scheduleReminder, sendChangedNotice } from './notices.js';
import { invalidateAvailability } from './availability-cache.js';
import * as repo from './repository.js';
import type { ChangeReason } from './schema.js';

const DAY = 86_400_000;

export interface RescheduleInput {
  bookingId: string;
  slotId: string;
  channel: 'web' | 'phone' | 'api';
  /** Shown to the person in the notice; 'requested' unless staff moved it for the site. */
  reason?: ChangeReason;
}

export interface RescheduleResult {
  id: string;
  confirmationCode: string;
  startsAt: number;
  siteId: string;
  /** Every dose that moved (the booking itself and any later dose re-held), with its new time. */
  moved: { id: string; dose: number; startsAt: number; slotId: string }[];
  secondDose: { id: string; startsAt: number } | null;
}

type Deps = ModuleDeps & { actor: AuditActor };

/** The seats for this dose and every later booked dose: the target first, then kept or newly held ones. */
async function seatsForSeries(
  tx: Queryable,
  target: repo.SlotRow,
  later: repo.BookingRow[],
  product: repo.ProductRow,
): Promise<repo.SlotRow[]> {
  const seats = [target];
  let previous = target;
  for (const x of later) {
    const earliest = previous.starts_at + product.min_days_between * DAY;
    const latest = previous.starts_at + product.max_days_between * DAY;
    const current = await repo.findSlot(tx, x.slot_id);
    const keeps =
      current && current.site_id === target.site_id && current.starts_at >= earliest && current.starts_at <= latest;
    const seat = keeps ? current : await holdNextDose(tx, previous, earliest, latest);
    if (!seat) throw new BookingError('no_second_dose');
    seats.push(seat);
    previous = seat;
  }
  return seats;
}

/**
 * Move booking `bookingId` (and re-fit the later doses of its series) to slot `slotId`. Throws BookingError.
 * `also` runs last in the move's own transaction (e.g. recording its idempotent answer).
 */
export async function rescheduleBooking(
  deps: Deps,
  input: RescheduleInput,
  also?: InBookingTransaction<RescheduleResult>,
): Promise<RescheduleResult> {
  const now = deps.now();
  const sites: string[] = [];
  try {
    return await deps.db.kysely.transaction().execute(async (tx) => {
      const r = await moveInTransaction(deps, tx, input, now, sites);
      if (also) await also(tx, r);
      return r;
    });
  } finally {
    // Moved or refused, this process's cached answers about both sites are stale now.
    invalidateAvailability(deps.db, sites);
  }
}

async function moveInTransaction(
  deps: Deps,
  tx: Queryable,
  input: RescheduleInput,
  now: number,
  sites: string[],
): Promise<RescheduleResult> {
  const b = await repo.findBooking(tx, input.bookingId);
  if (!b || b.status !== 'booked') throw new BookingError('not_found');
  const target = await repo.findSlot(tx, input.slotId);
  sites.push(b.site_id, ...(target ? [target.site_id] : []));
  const product = await repo.findProduct(tx, b.product_id);
  if (!target || !product || target.program_id !== b.program_id) throw new BookingError('not_found');
  if (target.starts_at <= now) throw new BookingError('slot_past');
  const series = await repo.findSeries(tx, b.series_id);
  const previous = series.find((x) => x.dose_number === b.dose_number - 1 && x.status !== 'cancelled');
  if (
    previous &&
    (target.starts_at < previous.starts_at + product.min_days_between * DAY ||
      target.starts_at > previous.starts_at + product.max_days_between * DAY)
  )
    throw new BookingError('outside_window');
  const later = series.filter((x) => x.dose_number > b.dose_number && x.status === 'booked');
  const moving = [b, ...later];
  if (target.id === b.slot_id) return result(b, moving, [target]);

  // Hold the new seats before anything is released.
  if (!(await repo.takeSeat(tx, target.id))) throw new BookingError('slot_full');
  const siteChanges = target.site_id !== b.site_id;
  if (siteChanges && !(await repo.reserveDoses(tx, target.site_id, product.id, moving.length)))
    throw new BookingError('no_doses');
  const seats = await seatsForSeries(tx, target, later, product);

  // Now move the rows and give back what they held.
  const moved: RescheduleResult['moved'] = [];
  for (const [i, row] of moving.entries()) {
    const seat = seats[i];
    if (!seat || seat.id === row.slot_id) continue;
    const updated = await repo.moveBooking(tx, row.id, seat, now);
    if (!updated) throw new BookingError('not_found');
    await repo.releaseSeat(tx, row.slot_id);
    await cancelScheduledMessage(deps, tx, `booking:${row.id}:reminder`);
    moved.push({ id: row.id, dose: row.dose_number, startsAt: seat.starts_at, slotId: seat.id });
  }
  if (siteChanges) await repo.releaseDoses(tx, b.site_id, product.id, moving.length);

  await recordAudit(
    tx,
    deps.actor,
    {
      action: 'appointments.booking.rescheduled',
      subjectType: 'booking',
      subjectId: b.id,
      details: {
        channel: input.channel,
        reason: input.reason ?? 'requested',
        from: { slotId: b.slot_id, siteId: b.site_id },
        to: { slotId: target.id, siteId: target.site_id },
        doses: moved.map((m) => m.dose),
      },
    },
    now,
  );
  await notifyMoved(deps, tx, moving, seats, input.reason ?? 'requested');
  return result(b, moving, seats, moved);
}

/** The notice for the moved booking, and each moved dose's reminder at its new time. */
async function notifyMoved(
  deps: ModuleDeps,
  tx: Queryable,
  moving: repo.BookingRow[],
  seats: repo.SlotRow[],
  reason: ChangeReason,
): Promise<void> {
  const rows = await Promise.all(moving.map((m) => repo.findBooking(tx, m.id)));
  const first = rows[0];
  if (!first) return;
  const contactId = first.contact_id;
  const notice = { reason, laterDoses: moving.length - 1, nextDoseStart: seats[1]?.starts_at ?? null };
  const data = await sendChangedNotice(deps, tx, first, notice);
  if (!data || !contactId) return;
  for (const [i, row] of rows.entries())
    if (row && row.revision > (moving[i]?.revision ?? 0))
      await scheduleReminder(deps, tx, contactId, data, row, seats[i]);
}

function result(
  b: repo.BookingRow,
  moving: repo.BookingRow[],
  seats: repo.SlotRow[],
  moved: RescheduleResult['moved'] = [],
): RescheduleResult {
  const second = moving[1];
  const secondSeat = seats[1];
  return {
    id: b.id,
    confirmationCode: b.confirmation_code,
    startsAt: seats[0]?.starts_at ?? b.starts_at,
    siteId: seats[0]?.site_id ?? b.site_id,
    moved,
    secondDose: second ? { id: second.id, startsAt: secondSeat?.starts_at ?? second.starts_at } : null,
  };
}

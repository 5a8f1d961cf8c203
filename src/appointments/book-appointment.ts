/**
 * Book a seat. Everything the client sends is checked again here, and every capacity rule is enforced inside one
 * transaction by conditional writes the database serialises: a seat in the slot, the doses on hand for the whole
 * series, a held seat for the next dose within its interval, and one active booking per person, program and dose.
 * If any of them fails, nothing is written.
 */
import type { AuditActor } from '../platform/audit/index.js';
import { isUniqueViolation, type Queryable } from '../platform/db/index.js';
import type { ModuleDeps } from '../platform/module.js';
import { invalidateAvailability } from './availability-cache.js';
import { BookingError } from './errors.js';
import * as repo from './repository.js';
import { checkAge, recordBooking, type BookingPerson, type BookingResult } from './record-booking.js';

export type { BookingResult } from './record-booking.js';

export interface BookingInput {
  slotId: string;
  productId: string;
  dose: number;
  person: BookingPerson;
  channel: 'web' | 'phone' | 'api';
  /** Staff booking for someone (a call agent on the phone): recorded in the audit log with the booking. */
  actor?: AuditActor | undefined;
}

const DAY = 86_400_000;

/** Hold a seat for the next dose within [earliest, latest] at the slot's site, nearest the same time of day first. */
export async function holdNextDose(
  tx: Queryable,
  slot: repo.SlotRow,
  earliest: number,
  latest: number,
): Promise<repo.SlotRow | null> {
  const candidates = await repo.findOpenSlots(tx, {
    siteId: slot.site_id,
    programId: slot.program_id,
    from: earliest,
    to: latest + 1,
    limit: 500,
  });
  const timeOfDay = (ms: number) => ms % DAY;
  candidates.sort(
    (a, b) =>
      Math.abs(timeOfDay(a.starts_at) - timeOfDay(slot.starts_at)) -
        Math.abs(timeOfDay(b.starts_at) - timeOfDay(slot.starts_at)) || a.starts_at - b.starts_at,
  );
  for (const c of candidates) if (await repo.takeSeat(tx, c.id)) return c;
  return null;
}

/**
 * Take the seat of `slot`, reserve the doses of the whole series at its site and hold a seat for each later dose
 * within its interval: conditional writes inside `tx`. When one is refused, what was taken is given back before it
 * throws slot_full, no_doses or no_second_dose, so a caller may go on in the same transaction (a matching batch).
 * Returns the seats, dose 1 first.
 */
export async function takeSeriesSeats(
  tx: Queryable,
  slot: repo.SlotRow,
  product: repo.ProductRow,
): Promise<repo.SlotRow[]> {
  const taken = await repo.takeSeatAndDoses(tx, {
    slotId: slot.id,
    siteId: slot.site_id,
    productId: product.id,
    n: product.doses,
  });
  if (taken !== 'ok') throw new BookingError(taken);
  const seats = [slot];
  let previous = slot;
  for (let dose = 2; dose <= product.doses; dose++) {
    const next = await holdNextDose(
      tx,
      previous,
      previous.starts_at + product.min_days_between * DAY,
      previous.starts_at + product.max_days_between * DAY,
    );
    if (!next) {
      for (const s of seats) await repo.releaseSeat(tx, s.id);
      await repo.releaseDoses(tx, slot.site_id, product.id, product.doses);
      throw new BookingError('no_second_dose');
    }
    seats.push(next);
    previous = next;
  }
  return seats;
}

async function validate(deps: ModuleDeps, input: BookingInput) {
  const found = await repo.findBookingContext(deps.db.kysely, input.slotId, input.productId);
  if (!found?.product) throw new BookingError('not_found');
  const { slot, program, site, product } = found;
  if (program.status !== 'active') throw new BookingError('not_found');
  if (program.booking_mode === 'invitation') throw new BookingError('invitation_required');
  if (slot.starts_at <= deps.now()) throw new BookingError('slot_past');
  if (input.dose !== 1) throw new BookingError('wrong_dose');
  checkAge(input.person.birthDate, slot, product, site);
  return { slot, product, program, site };
}

/** What else a caller writes in the booking's own transaction, after the booking (e.g. its idempotent answer). */
export type InBookingTransaction<R> = (tx: Queryable, result: R) => Promise<void>;

/** Book dose 1 (and hold the later doses of a series). Throws BookingError with the reason when refused. */
export async function bookAppointment(
  deps: ModuleDeps,
  input: BookingInput,
  also?: InBookingTransaction<BookingResult>,
): Promise<BookingResult> {
  const { slot, product, program, site } = await validate(deps, input);
  try {
    return await deps.db.kysely.transaction().execute(async (tx) => {
      const seats = await takeSeriesSeats(tx, slot, product);
      const r = await recordBooking(deps, tx, {
        seats,
        product,
        program,
        site,
        person: input.person,
        channel: input.channel,
        actor: input.actor,
      });
      if (also) await also(tx, r);
      return r;
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw new BookingError('already_booked');
    throw err;
  } finally {
    // Booked or refused, this process's cached answers about the site are stale now.
    invalidateAvailability(deps.db, [slot.site_id]);
  }
}

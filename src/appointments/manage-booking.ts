/** Read, cancel and check in bookings. Cancelling frees the seat and the reserved dose at once, for the whole series. */
import { DateTime } from 'luxon';
import { recordAudit, type AuditActor } from '../platform/audit/index.js';
import { hashToken, safeEqual } from '../platform/crypto/index.js';
import type { Db, Queryable } from '../platform/db/index.js';
import { cancelScheduledMessage } from '../notifications/index.js';
import type { ModuleDeps } from '../platform/module.js';
import { sendCancelledNotice } from './notices.js';
import { invalidateAvailability } from './availability-cache.js';
import * as repo from './repository.js';
import type { ChangeReason } from './schema.js';

type Deps = { db: Db; now: () => number; actor: AuditActor };

/** True when `token` is the booking's manage token. */
export function manageTokenMatches(b: repo.BookingRow, token: string): boolean {
  return safeEqual(b.manage_token_hash, hashToken(token));
}

export interface CancelResult {
  cancelled: { id: string; dose: number; startsAt: number }[];
}

/**
 * Cancel a booking and every later dose of its series (a held dose 2 is released with dose 1, and the answer and
 * the notice say so). Seats and reserved doses are returned in the same transaction, and the person is told why
 * (their own request, a site change or a shortage) with a calendar cancellation.
 */
export async function cancelBooking(
  id: string,
  deps: ModuleDeps & { actor: AuditActor },
  o: { reason?: ChangeReason; channel?: 'web' | 'phone' | 'api' } = {},
): Promise<CancelResult | null> {
  const now = deps.now();
  let siteId: string | undefined;
  const result = await deps.db.kysely.transaction().execute(async (tx) => {
    const b = await repo.findBooking(tx, id);
    if (!b || b.status !== 'booked') return null;
    siteId = b.site_id;
    const series = (await repo.findSeries(tx, b.series_id)).filter(
      (x) => x.dose_number >= b.dose_number && x.status === 'booked',
    );
    const cancelled: CancelResult['cancelled'] = [];
    for (const x of series) {
      if (!(await repo.cancelActiveBooking(tx, x.id, now))) continue;
      await repo.releaseSeat(tx, x.slot_id);
      await repo.releaseDoses(tx, x.site_id, x.product_id, 1);
      await cancelScheduledMessage(deps, tx, `booking:${x.id}:reminder`);
      cancelled.push({ id: x.id, dose: x.dose_number, startsAt: x.starts_at });
    }
    await recordAudit(
      tx,
      deps.actor,
      {
        action: 'appointments.booking.cancelled',
        subjectType: 'booking',
        subjectId: id,
        details: {
          doses: cancelled.map((c) => c.dose),
          reason: o.reason ?? 'requested',
          ...(o.channel ? { channel: o.channel } : {}),
        },
      },
      now,
    );
    const after = await repo.findBooking(tx, b.id);
    if (after && cancelled.length > 0)
      await sendCancelledNotice(deps, tx, after, {
        reason: o.reason ?? 'requested',
        laterDoses: cancelled.length - 1,
      });
    return { cancelled };
  });
  if (siteId) invalidateAvailability(deps.db, [siteId]);
  return result;
}

/** Check a person in at the site. */
export async function checkIn(id: string, deps: Deps): Promise<boolean> {
  const now = deps.now();
  return deps.db.kysely.transaction().execute(async (tx) => {
    const ok = await repo.setBookingStatus(tx, id, ['booked'], 'checked-in', now);
    if (ok)
      await recordAudit(
        tx,
        deps.actor,
        { action: 'appointments.booking.checked-in', subjectType: 'booking', subjectId: id },
        now,
      );
    return ok;
  });
}

export type AdministerError = 'not_found' | 'not_checked_in' | 'lot_unknown' | 'lot_expired' | 'lot_empty';
export type AdministerResult = { ok: true } | { ok: false; error: AdministerError };

export interface AdministerInput {
  lot: string;
  /** The vaccinator's name as written on the record, when someone other than the signed-in user gave it. */
  vaccinatorName?: string | undefined;
  injectionSite?: repo.InjectionSite | undefined;
}

/** Thrown inside the transaction to undo its writes and answer with a reason. */
class Refused extends Error {
  constructor(readonly reason: AdministerError) {
    super(reason);
  }
}

/** The lot must be one of the site's lots of this product, unexpired on the site's today, with a dose left. */
async function checkLot(tx: Queryable, b: repo.BookingRow, lot: string, now: number): Promise<string | null> {
  const [balance] = await repo.findLotBalances(tx, b.site_id, b.product_id, lot);
  if (!balance) throw new Refused('lot_unknown');
  const zone = (await repo.findSiteZone(tx, b.site_id)) ?? 'UTC';
  const today = DateTime.fromMillis(now, { zone }).toISODate() ?? '';
  if (balance.expiresOn !== null && balance.expiresOn < today) throw new Refused('lot_expired');
  if (balance.remaining < 1) throw new Refused('lot_empty');
  return balance.expiresOn;
}

/**
 * Record that the dose was given: the booking becomes `administered`; one dose leaves both the reserved count and
 * the doses on hand and the named lot's balance (a ledger entry); an administration row keeps the lot, its
 * expiry, the staff user who recorded it, the vaccinator's name and the injection site — all in one transaction.
 * An unknown, expired or empty lot is refused and nothing changes.
 */
export async function recordAdministration(id: string, input: AdministerInput, deps: Deps): Promise<AdministerResult> {
  const now = deps.now();
  try {
    return await deps.db.kysely.transaction().execute(async (tx): Promise<AdministerResult> => {
      const b = await repo.findBooking(tx, id);
      if (!b) return { ok: false, error: 'not_found' };
      if (!(await repo.setBookingStatus(tx, id, ['checked-in'], 'administered', now)))
        return { ok: false, error: 'not_checked_in' };
      // Taking the dose first locks the inventory row, so the lot balance read next cannot be raced.
      if (!(await repo.takeReservedDose(tx, b.site_id, b.product_id))) throw new Refused('lot_empty');
      const expiresOn = await checkLot(tx, b, input.lot, now);
      await repo.insertLedgerRow(tx, {
        site_id: b.site_id,
        product_id: b.product_id,
        kind: 'administer',
        doses: -1,
        lot: input.lot,
        expires_on: expiresOn,
        reason: `booking ${b.id}, dose ${b.dose_number}`,
        actor: deps.actor.label ?? null,
        created_at: now,
      });
      await repo.insertAdministration(tx, {
        booking_id: b.id,
        site_id: b.site_id,
        product_id: b.product_id,
        dose_number: b.dose_number,
        lot: input.lot,
        expires_on: expiresOn,
        staff_user_id: deps.actor.type === 'staff' ? (deps.actor.id ?? null) : null,
        recorded_by: deps.actor.label ?? null,
        vaccinator_name: input.vaccinatorName ?? null,
        injection_site: input.injectionSite ?? null,
        administered_at: now,
      });
      await recordAudit(
        tx,
        deps.actor,
        {
          action: 'appointments.booking.administered',
          subjectType: 'booking',
          subjectId: id,
          details: {
            lot: input.lot,
            dose: b.dose_number,
            ...(input.injectionSite ? { site: input.injectionSite } : {}),
          },
        },
        now,
      );
      return { ok: true };
    });
  } catch (err) {
    if (err instanceof Refused) return { ok: false, error: err.reason };
    throw err;
  }
}

/** At day end, bookings never checked in become no-shows; their seats and doses are freed for nobody (the time passed). */
export async function markNoShow(id: string, deps: Deps): Promise<boolean> {
  const now = deps.now();
  return deps.db.kysely.transaction().execute(async (tx) => {
    const b = await repo.findBooking(tx, id);
    if (!b || b.starts_at > now || !(await repo.setBookingStatus(tx, id, ['booked'], 'no-show', now))) return false;
    await repo.releaseDoses(tx, b.site_id, b.product_id, 1);
    await recordAudit(
      tx,
      deps.actor,
      { action: 'appointments.booking.no-show', subjectType: 'booking', subjectId: id },
      now,
    );
    return true;
  });
}

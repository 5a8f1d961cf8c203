/** Read, cancel and check in bookings. Cancelling frees the seat and the reserved dose at once, for the whole series. */
import { recordAudit, type AuditActor } from '../platform/audit/index.js';
import { hashToken, safeEqual } from '../platform/crypto/index.js';
import type { Db } from '../platform/db/index.js';
import { cancelScheduledMessage } from '../notifications/index.js';
import type { ModuleDeps } from '../platform/module.js';
import { sendCancelledNotice } from './notices.js';
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
  return deps.db.kysely.transaction().execute(async (tx) => {
    const b = await repo.findBooking(tx, id);
    if (!b || b.status !== 'booked') return null;
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

export type AdministerResult = { ok: true } | { ok: false; error: 'not_found' | 'not_checked_in' };

/**
 * Record that the dose was given: the booking becomes `administered`, and one dose leaves both the reserved count and
 * the doses on hand, with a ledger entry naming the lot — all in one transaction.
 */
export async function recordAdministration(id: string, input: { lot: string }, deps: Deps): Promise<AdministerResult> {
  const now = deps.now();
  return deps.db.kysely.transaction().execute(async (tx): Promise<AdministerResult> => {
    const b = await repo.findBooking(tx, id);
    if (!b) return { ok: false, error: 'not_found' };
    if (!(await repo.setBookingStatus(tx, id, ['checked-in'], 'administered', now)))
      return { ok: false, error: 'not_checked_in' };
    await repo.releaseDoses(tx, b.site_id, b.product_id, 1);
    await repo.addLedgerEntry(tx, {
      site_id: b.site_id,
      product_id: b.product_id,
      kind: 'administer',
      doses: -1,
      lot: input.lot,
      expires_on: null,
      reason: `booking ${b.id}, dose ${b.dose_number}`,
      actor: deps.actor.label ?? null,
      created_at: now,
    });
    await recordAudit(
      tx,
      deps.actor,
      {
        action: 'appointments.booking.administered',
        subjectType: 'booking',
        subjectId: id,
        details: { lot: input.lot, dose: b.dose_number },
      },
      now,
    );
    return { ok: true };
  });
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

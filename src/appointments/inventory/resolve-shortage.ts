/**
 * Resolve a shortage, never silently: each booking that would lose its dose is either cancelled with a notice
 * that says why (reason 'shortage') or moved to a seat elsewhere (the person gets a "moved" notice with an updated
 * calendar file); then the entry is recorded. Each cancel and move is its own transaction, and the entry's own
 * conditional UPDATE still guards the counter, so "active bookings never exceed doses on hand" holds at every
 * step: if someone books meanwhile, the entry is refused again and the review shows the new list.
 */
import { recordAudit, type AuditActor } from '../../platform/audit/index.js';
import type { ModuleDeps } from '../../platform/module.js';
import { BookingError, type BookingErrorCode } from '../errors.js';
import { cancelBooking } from '../manage-booking.js';
import { rescheduleBooking } from '../reschedule-booking.js';
import { adjustInventory } from './adjust-inventory.js';
import { findShortage, type Shortage } from './find-shortage.js';
import type { EntryResult, RefusalCode } from './ledger-entry.js';
import { recordWaste } from './record-waste.js';
import type { PendingEntry } from './schema.js';
import { transferInventory } from './transfer-inventory.js';

/** Per affected booking: 'cancel', or the id of the slot to move it to. */
export type Decisions = Record<string, string>;

export type ResolveResult =
  | { ok: true; cancelled: number; moved: number }
  | { ok: false; error: RefusalCode }
  | {
      ok: false;
      error: 'shortage';
      shortage: Shortage;
      /** Bookings that still need a decision, and moves that failed (with why). */
      undecided: string[];
      failed: Record<string, BookingErrorCode>;
    };

/** The doses an entry takes off the site's shelf. */
export function takenBy(entry: PendingEntry): number {
  return entry.kind === 'adjust' ? Math.max(0, -entry.doses) : entry.doses;
}

/**
 * A transfer to a site the staff member may not act at (ADR 0019): callers answer it exactly as a transfer to a
 * site that does not exist (`not_found`), before recording anything.
 */
export function toSiteOutOfScope(entry: PendingEntry, mayActAt: (siteId: string) => boolean): boolean {
  return entry.kind === 'transfer' && !mayActAt(entry.toSiteId);
}

/** Record the entry (adjust, waste or transfer) as the forms would. */
export function recordEntry(
  deps: { db: ModuleDeps['db']; now: () => number; actor: AuditActor },
  siteId: string,
  entry: PendingEntry,
): Promise<EntryResult> {
  switch (entry.kind) {
    case 'adjust':
      return adjustInventory(deps, siteId, entry);
    case 'waste':
      return recordWaste(deps, siteId, entry);
    case 'transfer':
      return transferInventory(deps, siteId, entry);
  }
}

export async function resolveShortage(
  deps: ModuleDeps & { actor: AuditActor },
  siteId: string,
  entry: PendingEntry,
  decisions: Decisions,
): Promise<ResolveResult> {
  const shortage = await findShortage(deps.db.kysely, siteId, entry.productId, takenBy(entry));
  const affected = (shortage?.bookings ?? []).filter((b) => b.status === 'booked');
  const undecided = affected.filter((b) => !decisions[b.id]).map((b) => b.id);
  if (shortage && undecided.length > 0) return { ok: false, error: 'shortage', shortage, undecided, failed: {} };
  let cancelled = 0;
  let moved = 0;
  const failed: Record<string, BookingErrorCode> = {};
  for (const b of affected) {
    const choice = decisions[b.id] ?? 'cancel';
    if (choice === 'cancel') {
      if (await cancelBooking(b.id, deps, { reason: 'shortage' })) cancelled++;
      continue;
    }
    try {
      await rescheduleBooking(deps, { bookingId: b.id, slotId: choice, channel: 'web', reason: 'shortage' });
      moved++;
    } catch (err) {
      if (!(err instanceof BookingError)) throw err;
      failed[b.id] = err.code;
    }
  }
  if (cancelled + moved > 0)
    await recordAudit(
      deps.db.kysely,
      deps.actor,
      {
        action: 'appointments.inventory.shortage-resolved',
        subjectType: 'site',
        subjectId: siteId,
        details: { productId: entry.productId, kind: entry.kind, cancelled, moved },
      },
      deps.now(),
    );
  const r = await recordEntry(deps, siteId, entry);
  if (r.ok) return { ok: true, cancelled, moved };
  if (r.error !== 'shortage') return { ok: false, error: r.error };
  const still = r.shortage.bookings.filter((b) => b.status === 'booked' && !failed[b.id]).map((b) => b.id);
  return { ok: false, error: 'shortage', shortage: r.shortage, undecided: still, failed };
}

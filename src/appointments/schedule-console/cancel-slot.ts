/**
 * Cancel a slot: always reviewed first (the bookings in it are listed), then closed with each booking moved to the
 * nearest open seat or cancelled, with notice (reduce-seats.ts).
 */
import * as repo from './repository.js';
import {
  applySeatReduction,
  planSeatReduction,
  type ApplyResult,
  type ReductionDeps,
  type ReductionPlan,
} from './reduce-seats.js';
import type { Resolve } from './schema.js';

export type CancelSlotOutcome =
  | { ok: true; applied: ApplyResult }
  | { ok: false; error: 'not_found' }
  | { ok: false; error: 'slot_past' }
  | { ok: false; error: 'already_closed' }
  | { ok: false; error: 'review' | 'changed' | 'blocked'; plan: ReductionPlan };

export async function cancelSlot(
  deps: ReductionDeps,
  o: {
    siteId: string;
    slotId: string;
    resolve?: Resolve | undefined;
    expected?: string[] | undefined;
    channel: 'web' | 'api';
  },
): Promise<CancelSlotOutcome> {
  const slot = await repo.findSiteSlot(deps.db.kysely, o.siteId, o.slotId);
  if (!slot) return { ok: false, error: 'not_found' };
  if (slot.starts_at <= deps.now()) return { ok: false, error: 'slot_past' };
  if (slot.status === 'closed' && slot.booked === 0) return { ok: false, error: 'already_closed' };
  const changes = [{ slotId: slot.id, kind: 'cancel' as const }];
  if (!o.resolve) return { ok: false, error: 'review', plan: await planSeatReduction(deps, changes) };
  const r = await applySeatReduction(deps, { changes, resolve: o.resolve, expected: o.expected, channel: o.channel });
  return r.ok ? { ok: true, applied: r } : r;
}

/**
 * Change a slot's capacity. Raising it, or lowering it to no fewer seats than are booked, is one conditional write.
 * Lowering it below the bookings needs a review of the bookings affected and a choice (move or cancel, with
 * notice): see reduce-seats.ts.
 */
import { recordAudit } from '../../platform/audit/index.js';
import * as repo from './repository.js';
import {
  applySeatReduction,
  planSeatReduction,
  type ApplyResult,
  type ReductionPlan,
  type ReductionDeps,
  type SeatChange,
} from './reduce-seats.js';
import type { Resolve } from './schema.js';

export type CapacityOutcome =
  | { ok: true; applied: ApplyResult | null }
  | { ok: false; error: 'not_found' }
  | { ok: false; error: 'slot_past' }
  | { ok: false; error: 'review' | 'changed' | 'blocked'; plan: ReductionPlan };

export async function changeSlotCapacity(
  deps: ReductionDeps,
  o: {
    siteId: string;
    slotId: string;
    capacity: number;
    resolve?: Resolve | undefined;
    expected?: string[] | undefined;
    channel: 'web' | 'api';
  },
): Promise<CapacityOutcome> {
  const slot = await repo.findSiteSlot(deps.db.kysely, o.siteId, o.slotId);
  if (!slot) return { ok: false, error: 'not_found' };
  if (slot.starts_at <= deps.now()) return { ok: false, error: 'slot_past' };
  const change: SeatChange = { slotId: slot.id, kind: 'capacity', capacity: o.capacity };
  if (o.resolve) {
    const r = await applySeatReduction(deps, {
      changes: [change],
      resolve: o.resolve,
      expected: o.expected,
      channel: o.channel,
    });
    return r.ok ? { ok: true, applied: r } : r;
  }
  const now = deps.now();
  const fits = await deps.db.kysely.transaction().execute(async (tx) => {
    if (!(await repo.setCapacityIfFits(tx, slot.id, o.capacity, slot.status))) return false;
    await recordAudit(
      tx,
      deps.actor,
      {
        action: 'appointments.slot.capacity-changed',
        subjectType: 'slot',
        subjectId: slot.id,
        details: { capacity: { from: slot.capacity, to: o.capacity }, moved: [], cancelled: [] },
      },
      now,
    );
    return true;
  });
  if (fits) return { ok: true, applied: null };
  return { ok: false, error: 'review', plan: await planSeatReduction(deps, [change]) };
}

/**
 * Close a site for a day or part of one. Future open slots inside the closure are closed; if people are booked in
 * them, the closure is reviewed first and each booking is moved to the nearest open seat or cancelled, with notice
 * (reduce-seats.ts). Publishing skips closed times from then on.
 */
import { randomUUID } from 'node:crypto';
import { recordAudit } from '../../platform/audit/index.js';
import type { Queryable } from '../../platform/db/index.js';
import { closureWindow } from './local-time.js';
import * as repo from './repository.js';
import {
  applySeatReduction,
  planSeatReduction,
  type ApplyResult,
  type ReductionDeps,
  type ReductionPlan,
  type SeatChange,
} from './reduce-seats.js';
import type { ClosureInput, Resolve } from './schema.js';

export type ClosureOutcome =
  | { ok: true; id: string; applied: ApplyResult }
  | { ok: false; error: 'review' | 'changed' | 'blocked'; plan: ReductionPlan };

export async function addClosure(
  deps: ReductionDeps,
  site: { id: string; time_zone: string },
  input: ClosureInput,
  o: { resolve?: Resolve | undefined; expected?: string[] | undefined; channel: 'web' | 'api' },
): Promise<ClosureOutcome> {
  const now = deps.now();
  const w = closureWindow({ date: input.date, from_time: input.fromTime, to_time: input.toTime }, site.time_zone);
  const slots = await repo.openSlotsBetween(deps.db.kysely, site.id, Math.max(w.start, now + 1), w.end);
  const changes: SeatChange[] = slots.map((s) => ({ slotId: s.id, kind: 'closure' }));
  if (!o.resolve) {
    const plan = await planSeatReduction(deps, changes);
    if (plan.affected.length > 0) return { ok: false, error: 'review', plan };
  }
  const id = randomUUID();
  const record = async (tx: Queryable) => {
    await repo.insertClosure(tx, {
      id,
      site_id: site.id,
      date: input.date,
      from_time: input.fromTime,
      to_time: input.toTime,
      reason: input.reason,
      created_at: now,
    });
    await recordAudit(
      tx,
      deps.actor,
      {
        action: 'appointments.site-closure.added',
        subjectType: 'site',
        subjectId: site.id,
        details: { closureId: id, date: input.date, from: input.fromTime, to: input.toTime, slots: slots.length },
      },
      now,
    );
  };
  const r = await applySeatReduction(deps, {
    changes,
    resolve: o.resolve ?? 'move',
    // Without a resolution the plan above found nobody affected: insist on that.
    expected: o.resolve ? o.expected : [],
    channel: o.channel,
    inFirstTransaction: record,
  });
  return r.ok ? { ok: true, id, applied: r } : r;
}

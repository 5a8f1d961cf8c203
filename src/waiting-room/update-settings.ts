/**
 * Staff switch the room on, off or to automatic and set the flow's capacity and the most admissions per minute.
 * Audited. Turning it on opens the line at once; turning it off (or back to automatic with room in the flow)
 * lets whoever is in line straight in at their next check.
 */
import { recordAudit, type AuditActor } from '../platform/audit/index.js';
import type { Db } from '../platform/db/index.js';
import * as repo from './repository.js';
import type { SettingsInput } from './schema.js';

export async function updateSettings(
  input: SettingsInput,
  deps: { db: Db; now: () => number; actor: AuditActor },
): Promise<void> {
  const now = deps.now();
  await deps.db.kysely.transaction().execute(async (tx) => {
    const before = await repo.lockState(tx);
    const active = input.mode === 'on' ? 1 : input.mode === 'off' ? 0 : before.active;
    await repo.updateState(tx, {
      mode: input.mode,
      active,
      capacity: input.capacity,
      rate_per_minute: input.ratePerMinute,
      activated_at: active === 1 ? (before.activated_at ?? now) : null,
      // The line moves at the next check with the new settings.
      last_advance_at: 0,
      updated_at: now,
    });
    await recordAudit(
      tx,
      deps.actor,
      {
        action: 'waiting-room.settings.updated',
        subjectType: 'waiting-room',
        details: {
          mode: input.mode,
          capacity: input.capacity,
          ratePerMinute: input.ratePerMinute,
          before: { mode: before.mode, capacity: before.capacity, ratePerMinute: before.rate_per_minute },
        },
      },
      now,
    );
  });
}

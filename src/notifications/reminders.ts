/**
 * "Send this message at time T unless cancelled": a reminder is a durable job due at T with a key the owner
 * chooses (e.g. `booking:123:day-before`), so it can be cancelled or moved when the appointment changes.
 */
import { z } from 'zod';
import type { Queryable } from '../platform/db/index.js';
import { cancelJob, enqueue } from '../platform/jobs/index.js';
import type { ModuleDeps } from '../platform/module.js';

export const ScheduledMessagePayload = z.object({
  /** The template's type; the owning module registers the template with notifications. */
  type: z.string().min(1),
  contactId: z.string().min(1),
  data: z.unknown(),
  key: z.string().min(1),
});
export type ScheduledMessage = z.infer<typeof ScheduledMessagePayload>;

const jobKey = (key: string) => `reminder:${key}`;

/** Schedule (inside the caller's transaction). Scheduling the same key again keeps the first. */
export async function scheduleMessage(deps: ModuleDeps, tx: Queryable, at: number, m: ScheduledMessage): Promise<void> {
  await enqueue(tx, deps.db.dialect, 'send-scheduled-message', ScheduledMessagePayload.parse(m), {
    runAt: at,
    idempotencyKey: jobKey(m.key),
    now: deps.now(),
  });
}

/** Cancel a scheduled message that has not been sent yet; true when one was cancelled. */
export async function cancelScheduledMessage(
  deps: Pick<ModuleDeps, 'now'>,
  tx: Queryable,
  key: string,
): Promise<boolean> {
  const job = await tx.selectFrom('jobs').select('id').where('idempotency_key', '=', jobKey(key)).executeTakeFirst();
  if (!job) return false;
  const cancelled = await cancelJob(tx, job.id, deps.now());
  // A cancelled key may be scheduled again (e.g. a rescheduled appointment): free the key.
  if (cancelled) await tx.updateTable('jobs').set({ idempotency_key: null }).where('id', '=', job.id).execute();
  return cancelled;
}

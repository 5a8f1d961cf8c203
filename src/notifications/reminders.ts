/**
 * "Send this message at time T unless cancelled": a reminder is a durable job due at T with a key the owner
 * chooses (e.g. `booking:123:day-before`), so it can be cancelled or moved when the appointment changes. The job's
 * payload keeps the template type, the contact id and the key in the clear; the message's data (a name, a
 * confirmation code, a place and a time) only encrypted, with `jobs.payload` bound as context (ADR 0020).
 */
import { z } from 'zod';
import type { FieldCipher } from '../platform/crypto/index.js';
import type { Queryable } from '../platform/db/index.js';
import { cancelJob, enqueue } from '../platform/jobs/index.js';
import type { ModuleDeps } from '../platform/module.js';

export const SCHEDULED_MESSAGE_JOB = 'send-scheduled-message';
const DATA_FIELD = 'jobs.payload';

const ScheduledMessageInput = z.object({
  /** The template's type; the owning module registers the template with notifications. */
  type: z.string().min(1),
  contactId: z.string().min(1),
  data: z.unknown(),
  key: z.string().min(1),
});
export type ScheduledMessage = z.infer<typeof ScheduledMessageInput>;

const Sealed = z.object({
  type: z.string().min(1),
  contactId: z.string().min(1),
  key: z.string().min(1),
  dataEnc: z.string().min(1),
});
/** The job's payload: sealed, or (written by an earlier version and not yet sealed at start) with plain data. */
export const ScheduledMessagePayload = z.union([Sealed, ScheduledMessageInput]);
export type ScheduledMessagePayload = z.infer<typeof ScheduledMessagePayload>;

const jobKey = (key: string) => `reminder:${key}`;

const seal = (cipher: FieldCipher, m: ScheduledMessage): z.infer<typeof Sealed> => ({
  type: m.type,
  contactId: m.contactId,
  key: m.key,
  dataEnc: cipher.encrypt(JSON.stringify(m.data ?? null), DATA_FIELD),
});

/** The message's data, decrypted. */
export const openScheduledData = (cipher: FieldCipher, p: ScheduledMessagePayload): unknown =>
  'dataEnc' in p ? JSON.parse(cipher.decrypt(p.dataEnc, DATA_FIELD)) : p.data;

/** Schedule (inside the caller's transaction). Scheduling the same key again keeps the first. */
export async function scheduleMessage(deps: ModuleDeps, tx: Queryable, at: number, m: ScheduledMessage): Promise<void> {
  await enqueue(tx, deps.db.dialect, SCHEDULED_MESSAGE_JOB, seal(deps.cipher, ScheduledMessageInput.parse(m)), {
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

/**
 * Seal the payloads an earlier version wrote with plain data (run at every start; finds nothing once done). Each
 * row is rewritten only if its payload is still the one read, so several processes starting together agree.
 */
export async function sealPlainScheduledMessages(deps: Pick<ModuleDeps, 'db' | 'cipher'>): Promise<number> {
  const rows = await deps.db.kysely
    .selectFrom('jobs')
    .select(['id', 'payload'])
    .where('name', '=', SCHEDULED_MESSAGE_JOB)
    .where('payload', 'not like', '%"dataEnc":%')
    .execute();
  let n = 0;
  for (const r of rows) {
    const parsed = ScheduledMessageInput.safeParse(JSON.parse(r.payload));
    if (!parsed.success) continue;
    const u = await deps.db.kysely
      .updateTable('jobs')
      .set({ payload: JSON.stringify(seal(deps.cipher, parsed.data)) })
      .where('id', '=', r.id)
      .where('payload', '=', r.payload)
      .executeTakeFirst();
    n += Number(u.numUpdatedRows);
  }
  return n;
}

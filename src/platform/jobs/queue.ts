/** Putting jobs in the table (inside the caller's transaction: an outbox), listing and retrying them. */
import type { Selectable } from 'kysely';
import type { DialectName, Queryable } from '../db/index.js';
import type { JobsTable } from '../db/schema.js';
import type { AnyJobDefinition } from './define-job.js';

export type JobStatus = JobsTable['status'];

export interface EnqueueOptions {
  runAt?: number;
  /** At most one job ever exists with this key; a second enqueue returns the first. */
  idempotencyKey?: string;
  maxAttempts?: number;
  now?: number;
}

/**
 * Queue a job. Pass the transaction of the change that causes it, so both commit or neither does.
 * With an idempotency key already used, nothing is inserted and the existing job's id is returned.
 */
export async function enqueue(
  db: Queryable,
  _dialect: DialectName,
  job: AnyJobDefinition | string,
  payload: unknown,
  o: EnqueueOptions = {},
): Promise<{ id: number; created: boolean }> {
  const name = typeof job === 'string' ? job : job.name;
  const value: unknown = typeof job === 'string' ? payload : job.schema.parse(payload);
  const now = o.now ?? Date.now();
  const row = {
    name,
    payload: JSON.stringify(value ?? null),
    status: 'queued' as const,
    run_at: o.runAt ?? now,
    max_attempts: o.maxAttempts ?? (typeof job === 'string' ? 8 : job.maxAttempts),
    last_error: null,
    locked_by: null,
    locked_until: null,
    idempotency_key: o.idempotencyKey ?? null,
    created_at: now,
    updated_at: now,
    finished_at: null,
  };
  if (!o.idempotencyKey) {
    const r = await db.insertInto('jobs').values(row).returning('id').executeTakeFirstOrThrow();
    return { id: Number(r.id), created: true };
  }
  const inserted = await db
    .insertInto('jobs')
    .values(row)
    .onConflict((oc) => oc.column('idempotency_key').doNothing())
    .returning('id')
    .executeTakeFirst();
  if (inserted) return { id: Number(inserted.id), created: true };
  const existing = await db
    .selectFrom('jobs')
    .select('id')
    .where('idempotency_key', '=', o.idempotencyKey)
    .executeTakeFirstOrThrow();
  return { id: Number(existing.id), created: false };
}

/**
 * Queue many jobs of one kind in a few multi-row statements (bulk outboxes), inside the caller's transaction.
 * Keys already used insert nothing. Returns how many were inserted.
 */
export async function enqueueMany(
  db: Queryable,
  job: AnyJobDefinition | string,
  items: { payload: unknown; runAt: number; idempotencyKey?: string }[],
  o: { now: number; maxAttempts?: number },
): Promise<number> {
  const name = typeof job === 'string' ? job : job.name;
  const maxAttempts = o.maxAttempts ?? (typeof job === 'string' ? 8 : job.maxAttempts);
  const rows = items.map((it) => ({
    name,
    payload: JSON.stringify((typeof job === 'string' ? it.payload : job.schema.parse(it.payload)) ?? null),
    status: 'queued' as const,
    run_at: it.runAt,
    max_attempts: maxAttempts,
    last_error: null,
    locked_by: null,
    locked_until: null,
    idempotency_key: it.idempotencyKey ?? null,
    created_at: o.now,
    updated_at: o.now,
    finished_at: null,
  }));
  let n = 0;
  for (let i = 0; i < rows.length; i += 500) {
    const r = await db
      .insertInto('jobs')
      .values(rows.slice(i, i + 500))
      .onConflict((oc) => oc.column('idempotency_key').doNothing())
      .executeTakeFirst();
    n += Number(r.numInsertedOrUpdatedRows ?? 0);
  }
  return n;
}

/** What the console shows of a job (never its payload, which may name a person). */
export interface JobSummary {
  id: number;
  name: string;
  status: JobStatus;
  attempts: number;
  maxAttempts: number;
  runAt: number;
  lastError: string | null;
  createdAt: number;
  finishedAt: number | null;
}

function summarise(r: Selectable<JobsTable>): JobSummary {
  return {
    id: Number(r.id),
    name: r.name,
    status: r.status,
    attempts: r.attempts,
    maxAttempts: r.max_attempts,
    runAt: r.run_at,
    lastError: r.last_error,
    createdAt: r.created_at,
    finishedAt: r.finished_at,
  };
}

export async function listJobs(
  db: Queryable,
  q: { status?: JobStatus; name?: string; limit: number; beforeId?: number },
): Promise<JobSummary[]> {
  let query = db.selectFrom('jobs').selectAll();
  if (q.status) query = query.where('status', '=', q.status);
  if (q.name) query = query.where('name', '=', q.name);
  if (q.beforeId !== undefined) query = query.where('id', '<', q.beforeId);
  return (await query.orderBy('id', 'desc').limit(q.limit).execute()).map(summarise);
}

export async function getJob(db: Queryable, id: number): Promise<JobSummary | undefined> {
  const r = await db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirst();
  return r ? summarise(r) : undefined;
}

export async function countJobsByStatus(db: Queryable): Promise<{ name: string; status: JobStatus; count: number }[]> {
  const rows = await db
    .selectFrom('jobs')
    .select(['name', 'status', (eb) => eb.fn.countAll<number>().as('count')])
    .where('status', 'in', ['queued', 'running', 'failed'])
    .groupBy(['name', 'status'])
    .execute();
  return rows.map((r) => ({ name: r.name, status: r.status, count: Number(r.count) }));
}

/** Put a failed or cancelled job back in the queue with fresh attempts. */
export async function retryJob(db: Queryable, id: number, now = Date.now()): Promise<boolean> {
  const r = await db
    .updateTable('jobs')
    .set({
      status: 'queued',
      attempts: 0,
      run_at: now,
      updated_at: now,
      finished_at: null,
      locked_by: null,
      locked_until: null,
    })
    .where('id', '=', id)
    .where('status', 'in', ['failed', 'cancelled'])
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function cancelJob(db: Queryable, id: number, now = Date.now()): Promise<boolean> {
  const r = await db
    .updateTable('jobs')
    .set({ status: 'cancelled', updated_at: now, finished_at: now })
    .where('id', '=', id)
    .where('status', '=', 'queued')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

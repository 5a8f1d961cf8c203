/**
 * The append-only audit log: every staff write and every staff read of a person's record. Entries never hold
 * personal data in `details` — ids and field names only. The database refuses updates and deletes.
 */
import type { FastifyRequest } from 'fastify';
import type { Queryable } from '../db/index.js';

export interface AuditEntry {
  action: string;
  subjectType?: string | undefined;
  subjectId?: string | undefined;
  details?: Record<string, unknown> | undefined;
}

export interface AuditActor {
  type: 'staff' | 'token' | 'system' | 'resident';
  id?: string | null | undefined;
  label?: string | null | undefined;
  ip?: string | null | undefined;
  requestId?: string | null | undefined;
}

/** Record one audit entry (inside the caller's transaction when given one). */
export async function recordAudit(
  db: Queryable,
  actor: AuditActor,
  entry: AuditEntry,
  now = Date.now(),
): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      at: now,
      actor_type: actor.type,
      actor_id: actor.id ?? null,
      actor_label: actor.label ?? null,
      action: entry.action,
      subject_type: entry.subjectType ?? null,
      subject_id: entry.subjectId ?? null,
      ip: actor.ip ?? null,
      request_id: actor.requestId ?? null,
      details: entry.details ? JSON.stringify(entry.details) : null,
    })
    .execute();
}

/** The actor of an HTTP request: the signed-in principal, or the resident/anonymous caller. */
export function actorFromRequest(request: FastifyRequest): AuditActor {
  const p = request.principal;
  return {
    type: p ? p.kind : 'resident',
    id: p?.id ?? null,
    label: p?.label ?? null,
    ip: request.ip,
    requestId: request.id,
  };
}

/** A system actor, for jobs and the CLI. */
export function systemActor(label: string): AuditActor {
  return { type: 'system', id: null, label };
}

export interface AuditQuery {
  actor?: string | undefined;
  action?: string | undefined;
  subjectId?: string | undefined;
  fromMs?: number | undefined;
  toMs?: number | undefined;
  beforeId?: number | undefined;
  limit: number;
}

export interface AuditRow {
  id: number;
  at: number;
  actorType: string;
  actorId: string | null;
  actorLabel: string | null;
  action: string;
  subjectType: string | null;
  subjectId: string | null;
  ip: string | null;
  requestId: string | null;
  details: string | null;
}

/** Browse the log, newest first, with filters and keyset pagination (`beforeId`). */
export async function findAuditEntries(db: Queryable, q: AuditQuery): Promise<AuditRow[]> {
  let query = db.selectFrom('audit_log').selectAll();
  if (q.actor) query = query.where('actor_label', 'like', `%${q.actor.replace(/[%_]/g, '')}%`);
  if (q.action) query = query.where('action', 'like', `${q.action.replace(/[%_]/g, '')}%`);
  if (q.subjectId) query = query.where('subject_id', '=', q.subjectId);
  if (q.fromMs !== undefined) query = query.where('at', '>=', q.fromMs);
  if (q.toMs !== undefined) query = query.where('at', '<', q.toMs);
  if (q.beforeId !== undefined) query = query.where('id', '<', q.beforeId);
  const rows = await query.orderBy('id', 'desc').limit(q.limit).execute();
  return rows.map((r) => ({
    id: r.id,
    at: r.at,
    actorType: r.actor_type,
    actorId: r.actor_id,
    actorLabel: r.actor_label,
    action: r.action,
    subjectType: r.subject_type,
    subjectId: r.subject_id,
    ip: r.ip,
    requestId: r.request_id,
    details: r.details,
  }));
}

/**
 * Delete audit entries older than `before` (the retention period's start), at most `limit` of them. The log is
 * append-only: the database deletes only rows under the retention floor, which this first raises to `before` — it
 * only moves forward, and never closer than 360 days to the database's clock (migration 0023). Returns how many
 * were deleted; call again while it returns `limit`.
 */
export async function pruneAuditLog(db: Queryable, before: number, limit: number, now = Date.now()): Promise<number> {
  await db
    .updateTable('audit_log_floor')
    .set({ purge_before: before, updated_at: now })
    .where('id', '=', 'audit')
    .where('purge_before', '<', before)
    .execute();
  const ids = await db
    .selectFrom('audit_log')
    .select('id')
    .where('at', '<', before)
    .orderBy('id')
    .limit(limit)
    .execute();
  if (ids.length === 0) return 0;
  const r = await db
    .deleteFrom('audit_log')
    .where(
      'id',
      'in',
      ids.map((x) => x.id),
    )
    .executeTakeFirst();
  return Number(r.numDeletedRows);
}

/**
 * The database's table types. Platform tables are declared here; each domain module adds its own tables by
 * declaration merging in its `repository.ts`, so the platform never imports a domain:
 *
 * ```ts
 * declare module '../platform/db/schema.js' {
 *   interface Database { staff_users: StaffUsersTable }
 * }
 * ```
 *
 * Conventions shared by both engines (see docs/decisions/0002-sqlite-default-postgresql-scale-out.md):
 * instants are integer milliseconds since the epoch (UTC) in `bigint` columns named `*_at`; calendar dates are
 * `YYYY-MM-DD` text; booleans are integers 0/1; JSON is text; entity ids are UUID text; log-like tables
 * (jobs, audit) use an auto-increment integer id.
 */
import type { Generated } from 'kysely';

export interface JobsTable {
  id: Generated<number>;
  name: string;
  payload: string;
  status: 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled';
  run_at: number;
  attempts: Generated<number>;
  max_attempts: number;
  last_error: string | null;
  locked_by: string | null;
  locked_until: number | null;
  idempotency_key: string | null;
  created_at: number;
  updated_at: number;
  finished_at: number | null;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: number;
  actor_type: 'staff' | 'token' | 'system' | 'resident';
  actor_id: string | null;
  actor_label: string | null;
  action: string;
  subject_type: string | null;
  subject_id: string | null;
  ip: string | null;
  request_id: string | null;
  details: string | null;
}

/** The audit log's retention floor: rows older than `purge_before` may be deleted (migration 0023, ADR 0021). */
export interface AuditLogFloorTable {
  id: 'audit';
  purge_before: number;
  updated_at: number;
}

/**
 * Answers to POST requests that carried an Idempotency-Key, written by the work's own transaction: `response` is
 * encrypted (context `idempotency_keys.response`), `request_hash` a keyed hash. Pruned after the retention.
 */
export interface IdempotencyKeysTable {
  scope: string;
  key: string;
  request_hash: string;
  status_code: number;
  response: string;
  created_at: number;
}

// Declaration merging is the point: modules extend this interface with their tables.
export interface Database {
  jobs: JobsTable;
  audit_log: AuditLogTable;
  audit_log_floor: AuditLogFloorTable;
  idempotency_keys: IdempotencyKeysTable;
}

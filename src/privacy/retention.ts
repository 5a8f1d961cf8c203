/**
 * The retention run: every module's source removes or anonymises, a batch per transaction, what has passed its
 * period (RETENTION_* settings), then audit entries older than RETENTION_AUDIT_DAYS are deleted under the audit log's
 * retention floor (platform/audit). One audit entry records what the run did, by kind of record — counts only.
 */
import { findAuditEntries, pruneAuditLog, recordAudit, systemActor } from '../platform/audit/index.js';
import type { Queryable } from '../platform/db/index.js';
import type { ModuleDeps } from '../platform/module.js';
import {
  RETENTION_KINDS,
  type PersonalDataSource,
  type RetentionContext,
  type RetentionKind,
} from '../platform/personal-data.js';

export const RETENTION_JOB = 'privacy-retention';
export const RETENTION_EVERY_MS = 86_400_000;
export const RETENTION_DONE = 'privacy.retention.completed';
const DAY = 86_400_000;

export type RetentionCounts = Record<RetentionKind, number>;

export async function runRetention(
  deps: ModuleDeps,
  sources: PersonalDataSource[],
  o: { now: number; batch?: number; maxBatches?: number; signal?: AbortSignal },
): Promise<RetentionCounts> {
  const actor = systemActor(RETENTION_JOB);
  const batch = o.batch ?? 500;
  // What is left after this many batches per source waits for tomorrow's run.
  const maxBatches = o.maxBatches ?? 200;
  // Every kind, starting at zero (fromEntries cannot know the keys are exactly the kinds).
  const counts = Object.fromEntries(RETENTION_KINDS.map((k) => [k, 0])) as RetentionCounts;
  const ctx: RetentionContext = {
    deps: { ...deps, actor },
    now: o.now,
    batch,
    progress: new Map(),
    async contactsInUse(db: Queryable, ids: string[]) {
      const used = new Set<string>();
      for (const s of sources) for (const id of (await s.contactsInUse?.(db, ids)) ?? []) used.add(id);
      return used;
    },
  };
  const ordered = [...sources].sort((a, b) => (a.retentionOrder ?? 50) - (b.retentionOrder ?? 50));
  for (const s of ordered) {
    const retention = s.retention?.bind(s);
    if (!retention) continue;
    for (let i = 0; i < maxBatches && !o.signal?.aborted; i++) {
      const r = await deps.db.kysely.transaction().execute((tx) => retention(ctx, tx));
      // Object.entries widens the keys to string; they are RetentionKind keys of `r.counts`.
      for (const [k, n] of Object.entries(r.counts)) counts[k as RetentionKind] += n;
      if (!r.more) break;
    }
  }
  const before = o.now - deps.config.retention.auditDays * DAY;
  for (let i = 0; i < maxBatches && !o.signal?.aborted; i++) {
    const n = await deps.db.kysely.transaction().execute((tx) => pruneAuditLog(tx, before, batch, o.now));
    counts.audit += n;
    if (n < batch) break;
  }
  await recordAudit(deps.db.kysely, actor, { action: RETENTION_DONE, details: { counts } }, o.now);
  return counts;
}

/** The last run: when, and what it did (from its audit entry). */
export async function lastRetentionRun(
  deps: Pick<ModuleDeps, 'db'>,
): Promise<{ at: number; counts: Partial<RetentionCounts> } | null> {
  const [entry] = await findAuditEntries(deps.db.kysely, { action: RETENTION_DONE, limit: 1 });
  if (!entry) return null;
  const parsed: unknown = JSON.parse(entry.details ?? '{}');
  const raw: unknown = typeof parsed === 'object' && parsed !== null ? Reflect.get(parsed, 'counts') : undefined;
  const counts: Partial<RetentionCounts> = {};
  if (typeof raw === 'object' && raw !== null)
    for (const k of RETENTION_KINDS) {
      const n: unknown = Reflect.get(raw, k);
      if (typeof n === 'number') counts[k] = n;
    }
  return { at: entry.at, counts };
}

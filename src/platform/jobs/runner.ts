/**
 * The job runner: claims due jobs atomically (PostgreSQL `FOR UPDATE SKIP LOCKED`; on SQLite one UPDATE …
 * RETURNING statement under the database write lock), runs them with a lease kept alive by heartbeats,
 * retries failures with exponential backoff, and re-queues jobs whose lease ran out — the trace of a crashed
 * process. Delivery is at least once: handlers make their effects idempotent.
 */
import { randomUUID } from 'node:crypto';
import { sql, type Selectable } from 'kysely';
import type { Db } from '../db/index.js';
import type { JobsTable } from '../db/schema.js';
import type { Metrics } from '../metrics/index.js';
import { PermanentJobError, type AnyJobDefinition, type JobContext } from './define-job.js';
import { countJobsByStatus, enqueue } from './queue.js';

export interface RunnerLogger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

export interface JobRunnerOptions {
  db: Db;
  jobs: AnyJobDefinition[];
  recurring?: { name: string; everyMs: number; payload?: unknown }[];
  concurrency: number;
  pollMs: number;
  leaseMs: number;
  logger: RunnerLogger;
  metrics?: Metrics;
  workerId?: string;
  now?: () => number;
  /** How long `stop()` waits for running handlers before aborting them. */
  stopGraceMs?: number;
}

export interface JobRunner {
  readonly workerId: string;
  start(): void;
  stop(): Promise<void>;
  /** Reap, schedule recurring jobs, claim and run one batch (of these job names only, if given); resolves when done. */
  runOnce(only?: string[]): Promise<number>;
  /** Run batches until nothing is due (of these job names only, if given). */
  drain(only?: string[]): Promise<void>;
}

type JobRow = Selectable<JobsTable>;

/** Delay before attempt `attempt + 1`: base·2^(attempt−1), capped, ±20 % jitter. */
export function backoffDelay(attempt: number, base: number, max: number, random = Math.random): number {
  const raw = Math.min(max, base * 2 ** Math.max(0, attempt - 1));
  return Math.round(raw * (0.8 + 0.4 * random()));
}

export function createJobRunner(o: JobRunnerOptions): JobRunner {
  const workerId = o.workerId ?? `${process.pid}-${randomUUID().slice(0, 8)}`;
  const now = o.now ?? Date.now;
  const defs = new Map(o.jobs.map((j) => [j.name, j]));
  const allNames = [...defs.keys()];
  const inFlight = new Set<Promise<void>>();
  const abort = new AbortController();
  let running = false;
  let loop: Promise<void> | null = null;
  let wake: (() => void) | null = null;
  let lastRecurringAt = 0;
  const db = o.db.kysely;

  async function reap(): Promise<void> {
    const t = now();
    const r = await db
      .updateTable('jobs')
      .set((eb) => ({
        status: eb
          .case()
          .when('attempts', '>=', eb.ref('max_attempts'))
          .then(eb.val<JobsTable['status']>('failed'))
          .else(eb.val<JobsTable['status']>('queued'))
          .end(),
        last_error: 'lease expired (worker crashed or stalled)',
        locked_by: null,
        locked_until: null,
        updated_at: t,
      }))
      .where('status', '=', 'running')
      .where('locked_until', '<', t)
      .executeTakeFirst();
    const n = Number(r.numUpdatedRows);
    if (n > 0) o.logger.warn({ jobs: n }, 'requeued jobs whose lease expired');
  }

  async function scheduleRecurring(): Promise<void> {
    const t = now();
    if (!o.recurring?.length || t - lastRecurringAt < 1000) return;
    lastRecurringAt = t;
    for (const r of o.recurring) {
      const period = Math.floor(t / r.everyMs);
      await enqueue(db, o.db.dialect, r.name, r.payload ?? null, {
        idempotencyKey: `recurring:${r.name}:${period}`,
        runAt: period * r.everyMs,
        now: t,
      });
    }
  }

  async function claim(limit: number, only?: string[]): Promise<JobRow[]> {
    const names = only ? allNames.filter((n) => only.includes(n)) : allNames;
    if (limit <= 0 || names.length === 0) return [];
    const t = now();
    const set = {
      status: 'running' as const,
      locked_by: workerId,
      locked_until: t + o.leaseMs,
      attempts: sql<number>`attempts + 1`,
      updated_at: t,
    };
    if (o.db.dialect === 'postgres') {
      // The locking SELECT runs once in a MATERIALIZED CTE. Written as `WHERE id IN (SELECT … LIMIT n FOR UPDATE
      // SKIP LOCKED)`, PostgreSQL may re-run the subquery per updated row and claim far more than n jobs.
      return db
        .with(
          (w) => w('due').materialized(),
          (qb) =>
            qb
              .selectFrom('jobs')
              .select('id')
              .where('status', '=', 'queued')
              .where('run_at', '<=', t)
              .where('name', 'in', names)
              .orderBy('run_at')
              .orderBy('id')
              .limit(limit)
              .forUpdate()
              .skipLocked(),
        )
        .updateTable('jobs')
        .set(set)
        .from('due')
        .whereRef('jobs.id', '=', 'due.id')
        .returningAll('jobs')
        .execute();
    }
    // SQLite: one statement under the database write lock.
    return db
      .updateTable('jobs')
      .set(set)
      .where('id', 'in', (eb) =>
        eb
          .selectFrom('jobs')
          .select('id')
          .where('status', '=', 'queued')
          .where('run_at', '<=', t)
          .where('name', 'in', names)
          .orderBy('run_at')
          .orderBy('id')
          .limit(limit),
      )
      .returningAll()
      .execute();
  }

  async function finish(
    job: JobRow,
    outcome: 'succeeded' | 'retried' | 'failed',
    error?: string,
    runAt?: number,
  ): Promise<void> {
    const t = now();
    const status = outcome === 'succeeded' ? 'succeeded' : outcome === 'retried' ? 'queued' : 'failed';
    await db
      .updateTable('jobs')
      .set({
        status,
        locked_by: null,
        locked_until: null,
        updated_at: t,
        ...(error !== undefined ? { last_error: error.slice(0, 2000) } : {}),
        ...(runAt !== undefined ? { run_at: runAt } : {}),
        ...(status !== 'queued' ? { finished_at: t } : {}),
      })
      .where('id', '=', job.id)
      .where('locked_by', '=', workerId)
      .execute();
    o.metrics?.jobsProcessed.inc({ name: job.name, outcome });
  }

  async function execute(job: JobRow): Promise<void> {
    const def = defs.get(job.name);
    if (!def) return finish(job, 'failed', `no handler for job ${job.name}`);
    const parsed = def.schema.safeParse(JSON.parse(job.payload));
    if (!parsed.success) return finish(job, 'failed', 'payload does not match the job schema');
    const heartbeat = setInterval(
      () => {
        db.updateTable('jobs')
          .set({ locked_until: now() + o.leaseMs })
          .where('id', '=', job.id)
          .where('locked_by', '=', workerId)
          .execute()
          .catch((err: unknown) => o.logger.warn({ job: job.id, err: String(err) }, 'job heartbeat failed'));
      },
      Math.max(100, Math.floor(o.leaseMs / 3)),
    );
    const ctx: JobContext = {
      db: o.db,
      jobId: job.id,
      attempt: job.attempts,
      now,
      log: o.logger,
      signal: abort.signal,
    };
    try {
      await def.handler(parsed.data, ctx);
      await finish(job, 'succeeded');
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      const permanent = err instanceof PermanentJobError || job.attempts >= job.max_attempts;
      o.logger.warn({ job: job.id, name: job.name, attempt: job.attempts, permanent, error: message }, 'job failed');
      if (permanent) await finish(job, 'failed', message);
      else
        await finish(
          job,
          'retried',
          message,
          now() + backoffDelay(job.attempts, def.backoff.baseMs, def.backoff.maxMs),
        );
    } finally {
      clearInterval(heartbeat);
    }
  }

  function track(job: JobRow): Promise<void> {
    const p = execute(job).catch((err: unknown) =>
      o.logger.error({ job: job.id, err: String(err) }, 'job bookkeeping failed'),
    );
    inFlight.add(p);
    void p.finally(() => {
      inFlight.delete(p);
      wake?.();
    });
    return p;
  }

  async function tick(only?: string[]): Promise<JobRow[]> {
    await reap();
    await scheduleRecurring();
    return claim(o.concurrency - inFlight.size, only);
  }

  async function runLoop(): Promise<void> {
    while (running) {
      let claimed = 0;
      try {
        const jobs = await tick();
        claimed = jobs.length;
        for (const job of jobs) void track(job);
      } catch (err) {
        o.logger.error({ err: err instanceof Error ? err.message : String(err) }, 'job runner poll failed');
      }
      const full = inFlight.size >= o.concurrency;
      if (claimed === 0 || full) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, o.pollMs);
          wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        wake = null;
      }
    }
  }

  return {
    workerId,
    start() {
      if (running) return;
      running = true;
      loop = runLoop();
    },
    async stop() {
      running = false;
      wake?.();
      await loop;
      const grace = new Promise<void>((resolve) => setTimeout(resolve, o.stopGraceMs ?? 20_000).unref());
      await Promise.race([Promise.all(inFlight), grace]);
      abort.abort();
      await Promise.all(inFlight);
    },
    async runOnce(only?: string[]) {
      const jobs = await tick(only);
      await Promise.all(jobs.map(track));
      return jobs.length;
    },
    async drain(only?: string[]) {
      while ((await this.runOnce(only)) > 0) {
        /* keep going */
      }
    },
  };
}

/** Refresh the queue-depth gauge (called on each /metrics scrape). */
export async function collectQueueDepth(db: Db, metrics: Metrics): Promise<void> {
  metrics.jobQueueDepth.reset();
  for (const row of await countJobsByStatus(db.kysely))
    metrics.jobQueueDepth.set({ name: row.name, status: row.status }, row.count);
}

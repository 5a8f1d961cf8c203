/**
 * npm run bench:booking — bookings against the real server on 127.0.0.1, for SQLite and (when
 * BENCH_DATABASE_URL or TEST_DATABASE_URL is set) PostgreSQL. Prints bookings/s, p50/p99 latency, errors and the
 * overbooked count (must be 0). Bounded: BENCH_SECONDS (default 10) and BENCH_CLIENTS (default 50).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config/env.js';
import { systemActor } from '../src/platform/audit/index.js';
import { openDatabase } from '../src/platform/db/index.js';
import { createApiToken } from '../src/staff/index.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 50);
const SLOTS = 400;
const CAPACITY = 50;

async function json(
  url: string,
  body: unknown,
  token?: string,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

function percentile(sorted: number[], p: number): number {
  return sorted.length === 0 ? 0 : (sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0);
}

async function run(label: string, env: Record<string, string>): Promise<void> {
  const config = loadConfig({
    ...env,
    LOG_LEVEL: 'silent',
    SEED_DEMO: 'false',
    RUN_JOBS: 'false',
    RATE_LIMITS: 'off',
    // The booking path itself is measured, not the waiting room (anonymous API bookings wait in its line).
    WAITING_ROOM_MODE: 'off',
    NODE_ENV: 'test',
  });
  const built = await buildApp(config);
  await built.app.listen({ port: 0, host: '127.0.0.1' });
  const address = built.app.server.address();
  const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  const { token } = await createApiToken(
    { name: 'bench', role: 'admin' },
    { db: built.deps.db, now: Date.now, actor: systemActor('bench') },
  );
  const program = await json(`${base}/api/v1/programs`, { name: 'Bench', bookingMode: 'open' }, token);
  const product = await json(
    `${base}/api/v1/products`,
    { programId: program.body.id, name: 'Single', doses: 1 },
    token,
  );
  const site = await json(
    `${base}/api/v1/sites`,
    { name: 'Bench Site', address: '1 Bench Road, Town', postalCode: '12345', timeZone: 'America/New_York' },
    token,
  );
  const seats = SLOTS * CAPACITY;
  await json(
    `${base}/api/v1/sites/${String(site.body.id)}/inventory`,
    { productId: product.body.id, doses: seats, lot: 'B', expiresOn: '2030-01-01' },
    token,
  );
  const slotIds: string[] = [];
  const start0 = Date.now() + 86_400_000;
  for (let i = 0; i < SLOTS; i++) {
    const s = await json(
      `${base}/api/v1/sites/${String(site.body.id)}/slots`,
      {
        startsAt: new Date(start0 + i * 600_000).toISOString(),
        durationMinutes: 10,
        capacity: CAPACITY,
        programId: program.body.id,
      },
      token,
    );
    slotIds.push(String(s.body.id));
  }
  const latencies: number[] = [];
  let ok = 0;
  let full = 0;
  let errors = 0;
  let n = 0;
  const end = Date.now() + SECONDS * 1000;
  const client = async (c: number) => {
    while (Date.now() < end) {
      const i = n++;
      const t0 = performance.now();
      const r = await fetch(`${base}/api/v1/bookings`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          slotId: slotIds[i % SLOTS],
          productId: product.body.id,
          dose: 1,
          person: { givenName: `B${c}x${i}`, familyName: 'Bench', birthDate: '1970-01-01', language: 'en' },
        }),
      }).catch(() => null);
      latencies.push(performance.now() - t0);
      if (!r) errors++;
      else {
        await r.arrayBuffer();
        if (r.status === 201) ok++;
        else if (r.status === 409) full++;
        else errors++;
      }
    }
  };
  const t0 = Date.now();
  await Promise.all(Array.from({ length: CLIENTS }, (_, c) => client(c)));
  const elapsed = (Date.now() - t0) / 1000;
  const db = built.deps.db.kysely;
  const over = await db.selectFrom('slots').select('id').whereRef('booked', '>', 'capacity').execute();
  const active = await db
    .selectFrom('bookings')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('status', '=', 'booked')
    .executeTakeFirstOrThrow();
  const inv = await db.selectFrom('site_inventory').select(['on_hand', 'reserved']).executeTakeFirstOrThrow();
  const mismatched = await db
    .selectFrom('slots')
    .leftJoin('bookings', (j) => j.onRef('bookings.slot_id', '=', 'slots.id').on('bookings.status', '=', 'booked'))
    .select(['slots.id', 'slots.booked', (eb) => eb.fn.count<number>('bookings.id').as('n')])
    .groupBy(['slots.id', 'slots.booked'])
    .execute();
  const countMismatch = mismatched.filter((m) => Number(m.n) !== m.booked).length;
  const overbooked = over.length + countMismatch + (Number(active.n) > inv.on_hand ? 1 : 0);
  latencies.sort((a, b) => a - b);
  console.log(
    `${label.padEnd(10)} ${(ok / elapsed).toFixed(0).padStart(6)} bookings/s  p50 ${percentile(latencies, 50).toFixed(1)} ms  p99 ${percentile(latencies, 99).toFixed(1)} ms  ` +
      `booked ${ok}  refused ${full}  errors ${errors}  overbooked ${overbooked}  (${CLIENTS} clients, ${elapsed.toFixed(1)} s, ${seats} seats)`,
  );
  await built.close();
  if (overbooked !== 0) process.exitCode = 1;
}

const dir = mkdtempSync(path.join(tmpdir(), 'frontdoor-bench-'));
try {
  await run('sqlite', { DATA_DIR: dir });
  const pgUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  if (pgUrl) {
    const schema = `bench_${Date.now()}`;
    const admin = openDatabase({ kind: 'postgres', url: pgUrl, poolSize: 1 });
    await admin.kysely.schema.createSchema(schema).execute();
    const url = new URL(pgUrl);
    url.searchParams.set('options', `-c search_path=${schema}`);
    try {
      await run('postgres', { DATA_DIR: dir, DATABASE_URL: url.toString(), DATABASE_POOL_SIZE: '20' });
    } finally {
      await admin.kysely.schema.dropSchema(schema).ifExists().cascade().execute();
      await admin.close();
    }
  } else {
    console.log('postgres   skipped: set BENCH_DATABASE_URL (or TEST_DATABASE_URL) to a PostgreSQL database');
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}

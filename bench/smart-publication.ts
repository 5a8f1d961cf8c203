/**
 * npm run bench:smart — the SMART Scheduling Links publication at county scale: 50 sites × 28 days × 40 slots
 * (56,000 slots) with a one-dose and a two-dose product, on SQLite and (when BENCH_DATABASE_URL or
 * TEST_DATABASE_URL is set) PostgreSQL. Prints the cold build time, the cached answer time, the 304 time, line
 * counts and sizes.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config/env.js';
import { systemActor } from '../src/platform/audit/index.js';
import { createApiToken } from '../src/staff/index.js';

const SITES = 50;
const DAYS = 28;
const PER_DAY = 40;
const DAY = 86_400_000;

async function post(base: string, p: string, body: unknown, token: string): Promise<string> {
  const res = await fetch(base + p, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  });
  const json = (await res.json()) as { id?: string }; // our API's JSON answer
  if (res.status !== 201) throw new Error(`${p}: ${res.status} ${JSON.stringify(json)}`);
  return String(json.id ?? '');
}

async function timed(url: string, headers: Record<string, string> = {}) {
  const t = performance.now();
  const res = await fetch(url, { headers });
  const body = await res.arrayBuffer();
  return { ms: performance.now() - t, status: res.status, bytes: body.byteLength, text: Buffer.from(body), res };
}

async function run(label: string, env: Record<string, string>): Promise<void> {
  const config = loadConfig({ ...env, LOG_LEVEL: 'silent', SEED_DEMO: 'false', RUN_JOBS: 'false', NODE_ENV: 'test' });
  const built = await buildApp(config);
  await built.app.listen({ port: 0, host: '127.0.0.1' });
  const address = built.app.server.address();
  const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  const db = built.deps.db.kysely;
  const { token } = await createApiToken(
    { name: 'bench', role: 'admin' },
    { db: built.deps.db, now: Date.now, actor: systemActor('bench') },
  );
  const programId = await post(base, '/api/v1/programs', { name: 'Bench', bookingMode: 'open' }, token);
  const one = await post(base, '/api/v1/products', { programId, name: 'One', cvxCode: '212', doses: 1 }, token);
  const two = await post(
    base,
    '/api/v1/products',
    { programId, name: 'Two', cvxCode: '208', doses: 2, minDaysBetweenDoses: 21, maxDaysBetweenDoses: 28 },
    token,
  );
  const start = Math.ceil(Date.now() / DAY) * DAY + 13 * 3_600_000;
  for (let i = 0; i < SITES; i++) {
    const siteId = await post(
      base,
      '/api/v1/sites',
      { name: `Site ${i}`, address: `${i} Main St, Springfield, MA`, postalCode: '01101', timeZone: 'America/New_York', phone: '413-555-0100' },
      token,
    ); // prettier-ignore
    for (const productId of [one, two])
      await post(base, `/api/v1/sites/${siteId}/inventory`, { productId, doses: 5000, lot: 'B', expiresOn: '2099-01-01' }, token); // prettier-ignore
    const rows = [];
    for (let d = 0; d < DAYS; d++)
      for (let k = 0; k < PER_DAY; k++) {
        const startsAt = start + d * DAY + k * 15 * 60_000;
        rows.push({ id: randomUUID(), site_id: siteId, program_id: programId, starts_at: startsAt, ends_at: startsAt + 900_000, capacity: 4, booked: k % 5 === 0 ? 4 : 0, status: 'open' as const, created_at: Date.now() }); // prettier-ignore
      }
    for (let j = 0; j < rows.length; j += 500)
      await db
        .insertInto('slots')
        .values(rows.slice(j, j + 500))
        .execute();
  }
  const cold = await timed(`${base}/fhir/Slot.ndjson`);
  const warm = await timed(`${base}/fhir/Slot.ndjson`);
  const etag = warm.res.headers.get('etag') ?? '';
  const notModified = await timed(`${base}/fhir/Slot.ndjson`, { 'if-none-match': etag });
  const lines = cold.text.toString('utf8').split('\n').length - 1;
  const free = (cold.text.toString('utf8').match(/"status":"free"/g) ?? []).length;
  console.log(
    `${label}: ${SITES * DAYS * PER_DAY} slots → ${lines} Slot lines (${free} free), ${(cold.bytes / 1e6).toFixed(1)} MB; ` +
      `cold build + send ${cold.ms.toFixed(0)} ms, cached ${warm.ms.toFixed(0)} ms, 304 ${notModified.ms.toFixed(1)} ms ` +
      `(status ${notModified.status}); heap ${(process.memoryUsage().heapUsed / 1e6).toFixed(0)} MB`,
  );
  await built.close();
}

const dir = mkdtempSync(path.join(tmpdir(), 'frontdoor-bench-'));
try {
  await run('sqlite', { DATA_DIR: dir });
  const pg = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  if (pg) await run('postgres', { DATA_DIR: dir, DATABASE_URL: pg });
} finally {
  rmSync(dir, { recursive: true, force: true });
}

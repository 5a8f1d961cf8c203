/**
 * Idempotency-Key on POST /api/v1/bookings across real server processes (ADR 0020):
 * - the same keyed request sent to two processes at once books once, and both answers are that booking;
 * - a server killed with SIGKILL in the middle of keyed bookings leaves no key stuck: after a restart, retrying
 *   every key books it exactly once or replays its first answer — never a 5xx — and the table holds no manage
 *   token in plain text.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { after, describe, it } from 'node:test';
import { catalog } from './support/catalog-fixtures.js';
import { createTestDatabase, engines, type TestDatabase } from './support/db.js';
import { freePort, freePorts } from './support/ports.js';
import { waitFor } from './support/wait.js';

const DAY = 86_400_000;

const children: ChildProcess[] = [];
function startServer(tdb: TestDatabase, port: number, secrets: Record<string, string>) {
  let out = '';
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    env: {
      ...process.env,
      ...tdb.env,
      ...secrets,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      SEED_DEMO: 'false',
      RATE_LIMITS: 'off',
      RUN_JOBS: 'false',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  children.push(child);
  return { child, ready: () => waitFor(() => out.includes('Frontdoor is running'), 60_000) };
}

const exited = (c: ChildProcess) =>
  new Promise<void>((r) => (c.exitCode !== null || c.signalCode !== null ? r() : c.once('exit', () => r())));

interface Answer {
  status: number;
  replayed: string | null;
  body: { id?: string; manageToken?: string; error?: { code: string } };
}

async function book(url: string, key: string, i: number, slotId: string, productId: string): Promise<Answer> {
  const res = await fetch(`${url}/api/v1/bookings`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'idempotency-key': key },
    body: JSON.stringify({
      slotId,
      productId,
      dose: 1,
      person: {
        givenName: `Keyed${i}`,
        familyName: 'Retry',
        birthDate: '1971-05-06',
        email: `keyed${i}@retry.example`,
        language: 'en',
      },
    }),
    signal: AbortSignal.timeout(20_000),
  });
  return {
    status: res.status,
    replayed: res.headers.get('idempotent-replayed'),
    body: (await res.json()) as Answer['body'],
  };
}

async function setUp(engine: 'sqlite' | 'postgres', seats: number) {
  const tdb = await createTestDatabase(engine);
  const c = catalog({ db: tdb.db, now: Date.now });
  const programId = await c.program('open');
  const productId = await c.product(programId);
  const siteId = await c.site({ doses: { [productId]: 1000 } });
  const at = Date.now() + 3 * DAY;
  const slots = [await c.slot(siteId, programId, at, seats), await c.slot(siteId, programId, at + 3_600_000, seats)];
  const secrets = {
    SECRET_KEY: randomBytes(32).toString('base64url'),
    DATA_ENCRYPTION_KEY: `k1:${randomBytes(32).toString('base64')}`,
  };
  return { tdb, productId, slots, secrets, slotRow: c.slotRow };
}

const activeBookings = (tdb: TestDatabase) =>
  tdb.db.kysely.selectFrom('bookings').select(['id', 'slot_id']).where('status', '=', 'booked').execute();

for (const { engine, skip } of engines()) {
  describe(`Idempotency-Key across processes (${engine})`, { skip }, () => {
    const dbs: TestDatabase[] = [];
    after(async () => {
      for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
      for (const d of dbs) await d.cleanup();
    });

    it('the same key sent to two processes at once books once; both answers are that booking', async () => {
      const s = await setUp(engine, 40);
      dbs.push(s.tdb);
      const ports = await freePorts(2);
      const servers = ports.map((p) => startServer(s.tdb, p, s.secrets));
      // One after the other: the first migrates, the second finds the schema ready.
      for (const srv of servers) await srv.ready();
      const urls = ports.map((p) => `http://127.0.0.1:${p}`);
      const pairs = await Promise.all(
        Array.from({ length: 30 }, (_, i) =>
          Promise.all(urls.map((u) => book(u, `pair-${i}`, i, s.slots[i % 2] ?? '', s.productId))),
        ),
      );
      for (const [i, pair] of pairs.entries()) {
        assert.deepEqual(
          pair.map((a) => a.status),
          [201, 201],
          `pair ${i}: ${JSON.stringify(pair)}`,
        );
        assert.equal(pair[0]?.body.id, pair[1]?.body.id, `pair ${i}: one booking`);
        assert.deepEqual(pair.map((a) => a.replayed).sort(), ['false', 'true'], `pair ${i}`);
      }
      const active = await activeBookings(s.tdb);
      assert.equal(active.length, 30);
      assert.deepEqual(new Set(active.map((b) => b.id)), new Set(pairs.map((p) => p[0]?.body.id)));
      for (const srv of servers) srv.child.kill('SIGTERM');
      for (const srv of servers) await exited(srv.child);
    });

    it('SIGKILL during keyed bookings, restart, retry every key: each books once or replays, never a 5xx', async (t) => {
      const KEYS = 120;
      const AT_ONCE = 24;
      const s = await setUp(engine, 50); // 100 seats for 120 people: some are refused
      dbs.push(s.tdb);
      const port = await freePort();
      const url = `http://127.0.0.1:${port}`;
      const first = startServer(s.tdb, port, s.secrets);
      await first.ready();
      const before = new Map<number, Answer | null>();
      let next = 0;
      const lane = async () => {
        while (next < KEYS) {
          const i = next++;
          const a = await book(url, `crash-${i}`, i, s.slots[i % 2] ?? '', s.productId).catch(() => null);
          before.set(i, a);
          if (before.size === 40) first.child.kill('SIGKILL');
        }
      };
      await Promise.all(Array.from({ length: AT_ONCE }, lane));
      await exited(first.child);
      assert.equal(first.child.signalCode, 'SIGKILL');
      const cut = [...before.values()].filter((a) => a === null).length;
      assert.ok(cut > 0, 'the kill came in the middle of the requests');

      const second = startServer(s.tdb, port, s.secrets);
      await second.ready();
      const retried = new Map<number, Answer>();
      next = 0;
      const retryLane = async () => {
        while (next < KEYS) {
          const i = next++;
          retried.set(i, await book(url, `crash-${i}`, i, s.slots[i % 2] ?? '', s.productId));
        }
      };
      await Promise.all(Array.from({ length: AT_ONCE }, retryLane));
      t.diagnostic(
        `before the kill: ${[...before.values()].filter((a) => a?.status === 201).length} booked, ${cut} cut off; ` +
          `after: ${[...retried.values()].filter((a) => a.status === 201).length} booked`,
      );

      for (let i = 0; i < KEYS; i++) {
        const a = retried.get(i);
        const b = before.get(i);
        assert.ok(a && (a.status === 201 || a.status === 409), `key ${i}: ${a?.status} ${JSON.stringify(a?.body)}`);
        if (b) {
          // Answered before the kill: the retry replays exactly that answer.
          assert.equal(a.replayed, 'true', `key ${i} replays`);
          assert.deepEqual(a.body, b.body, `key ${i}: the first answer`);
        }
      }
      // Exactly the bookings the final answers name, one per person: none lost, none twice.
      const booked = [...retried.values()].filter((a) => a.status === 201).map((a) => a.body.id);
      assert.equal(new Set(booked).size, booked.length);
      const active = await activeBookings(s.tdb);
      assert.deepEqual(new Set(active.map((b) => b.id)), new Set(booked));
      for (const slotId of s.slots) {
        const row = await s.slotRow(slotId);
        assert.equal(row.booked, active.filter((b) => b.slot_id === slotId).length, 'seat counts match bookings');
      }
      // A second retry replays everything.
      const again = await book(url, 'crash-0', 0, s.slots[0] ?? '', s.productId);
      assert.equal(again.replayed, 'true');

      // The answers are kept encrypted: no manage token (nor a name) in the table.
      const rows = JSON.stringify(await s.tdb.db.kysely.selectFrom('idempotency_keys').selectAll().execute());
      assert.ok(rows.length > 0);
      for (const a of retried.values())
        if (a.body.manageToken) assert.ok(!rows.includes(a.body.manageToken), 'no manage token in plain text');
      assert.ok(!rows.includes('Keyed'), 'no name in plain text');

      second.child.kill('SIGTERM');
      await exited(second.child);
    });
  });
}

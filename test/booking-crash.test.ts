/**
 * Crash safety: the real server process is killed with SIGKILL in the middle of a booking surge and started again.
 * Every booking answered 201 is in the database, every slot's count equals its active bookings (and every site's
 * reserved doses its active bookings), and each booking's confirmation was recorded exactly once and, once the
 * restarted process has run its jobs, handed to the mail server exactly once — a second copy is possible only for
 * a message that was being handed over at the moment of the kill (ADR 0007), and the test checks exactly that.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { catalog } from './support/catalog-fixtures.js';
import { createTestDatabase, engines, type TestDatabase } from './support/db.js';
import { freePort } from './support/ports.js';
import { waitFor } from './support/wait.js';

const DAY = 86_400_000;
const BOOKERS = 240;
const AT_ONCE = 24;
const KILL_AFTER_ANSWERS = 90;

const children: ChildProcess[] = [];
function startServer(tdb: TestDatabase, port: number): { child: ChildProcess; output: () => string } {
  let out = '';
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    env: {
      ...process.env,
      ...tdb.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      SEED_DEMO: 'false',
      RATE_LIMITS: 'off',
      RUN_JOBS: 'true',
      JOB_POLL_MS: '50',
      JOB_LEASE_MS: '5000',
      NOTIFY_EMAIL_PER_SECOND: '1000',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  children.push(child);
  return { child, output: () => out };
}

const exited = (c: ChildProcess) =>
  new Promise<void>((r) => (c.exitCode !== null || c.signalCode !== null ? r() : c.once('exit', () => r())));

/** The surge: BOOKERS people, AT_ONCE in flight at a time; answers that never come (the kill) are `null`. */
async function surge(
  url: string,
  slots: string[],
  productId: string,
  onAnswer: (n: number) => void,
): Promise<{ status: number | null; id?: string }[]> {
  const results: { status: number | null; id?: string }[] = [];
  let next = 0;
  let answered = 0;
  const one = async (i: number) => {
    try {
      const res = await fetch(`${url}/api/v1/bookings`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          slotId: slots[i % slots.length],
          productId,
          dose: 1,
          person: {
            givenName: `Surge${i}`,
            familyName: 'Crash',
            birthDate: '1970-03-04',
            email: `surge${i}@crash.example`,
            language: i % 2 ? 'es' : 'en',
          },
        }),
        signal: AbortSignal.timeout(15_000),
      });
      const body = (await res.json()) as { id?: string };
      results.push({ status: res.status, ...(body.id ? { id: body.id } : {}) });
    } catch {
      results.push({ status: null });
    }
    onAnswer(++answered);
  };
  const lane = async () => {
    while (next < BOOKERS) await one(next++);
  };
  await Promise.all(Array.from({ length: AT_ONCE }, lane));
  return results;
}

/** Message-IDs of the .eml files in the outbox, with how many files carry each. */
function outboxCopies(dataDir: string): Map<string, number> {
  const dir = path.join(dataDir, 'outbox');
  const copies = new Map<string, number>();
  if (!existsSync(dir)) return copies;
  for (const f of readdirSync(dir).filter((n) => n.endsWith('.eml'))) {
    const id = /^Message-ID: <([^@>]+)@frontdoor\.messages>/im.exec(readFileSync(path.join(dir, f), 'utf8'))?.[1];
    if (id) copies.set(id, (copies.get(id) ?? 0) + 1);
  }
  return copies;
}

for (const { engine, skip } of engines()) {
  describe(`crash during a booking surge (${engine})`, { skip }, () => {
    const dbs: TestDatabase[] = [];
    after(async () => {
      for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
      for (const d of dbs) await d.cleanup();
    });

    it('SIGKILL mid-surge, restart: answered bookings kept, counts consistent, confirmations once', async (t) => {
      const tdb = await createTestDatabase(engine);
      dbs.push(tdb);
      const c = catalog({ db: tdb.db, now: Date.now });
      const programId = await c.program('open');
      const productId = await c.product(programId);
      const siteA = await c.site({ doses: { [productId]: 1000 } });
      const siteB = await c.site({ doses: { [productId]: 1000 } });
      const at = Date.now() + 3 * DAY;
      // 4 slots of 15 seats for 240 people: the seats run out before the kill, so some are refused (409).
      const slots = [
        await c.slot(siteA, programId, at, 15),
        await c.slot(siteA, programId, at + 3_600_000, 15),
        await c.slot(siteB, programId, at, 15),
        await c.slot(siteB, programId, at + 3_600_000, 15),
      ];

      const port = await freePort();
      const url = `http://127.0.0.1:${port}`;
      const first = startServer(tdb, port);
      await waitFor(() => first.output().includes('Frontdoor is running'), 60_000);
      const answers = await surge(url, slots, productId, (n) => {
        if (n === KILL_AFTER_ANSWERS) first.child.kill('SIGKILL');
      });
      await exited(first.child);
      assert.equal(first.child.signalCode, 'SIGKILL');
      const ok = answers.filter((a) => a.status === 201);
      const lost = answers.filter((a) => a.status === null);
      assert.ok(ok.length > 0, 'some bookings were answered before the kill');
      assert.ok(lost.length > 0, 'the kill came in the middle of the surge');
      assert.ok(
        answers.some((a) => a.status === 409),
        'seats ran out: some were refused',
      );
      assert.ok(
        answers.every((a) => a.status === null || a.status === 201 || a.status === 409),
        answers.map((a) => a.status).join(','),
      );
      // What was being handed to the mail server when the process died may go twice; nothing else may.
      const handingOver = new Set(
        (await tdb.db.kysely.selectFrom('messages').select('id').where('status', '=', 'sending').execute()).map(
          (m) => m.id,
        ),
      );

      const sentBefore = await tdb.db.kysely
        .selectFrom('messages')
        .select((e) => e.fn.countAll<number>().as('n'))
        .where('status', '=', 'sent')
        .executeTakeFirstOrThrow();
      t.diagnostic(
        `201: ${ok.length}, 409: ${answers.filter((a) => a.status === 409).length}, cut off: ${lost.length}, ` +
          `sent before the kill: ${Number(sentBefore.n)}, being handed over: ${handingOver.size}`,
      );
      // A job whose heartbeat stalled past JOB_LEASE_MS runs twice (at-least-once); the surge must not stall it.
      assert.doesNotMatch(first.output(), /requeued jobs whose lease expired/);

      const second = startServer(tdb, port);
      await waitFor(() => second.output().includes('Frontdoor is running'), 60_000);
      const ready = await fetch(`${url}/readyz`);
      assert.equal(ready.status, 200);

      const db = tdb.db.kysely;
      const active = await db
        .selectFrom('bookings')
        .select(['id', 'slot_id', 'site_id'])
        .where('status', '=', 'booked')
        .execute();
      const inDb = new Set(active.map((b) => b.id));
      for (const a of ok) assert.ok(a.id && inDb.has(a.id), `booking ${a.id ?? '?'} answered 201 is kept`);
      assert.ok(active.length >= ok.length);

      for (const slotId of slots) {
        const row = await c.slotRow(slotId);
        const n = active.filter((b) => b.slot_id === slotId).length;
        assert.equal(row.booked, n, `slot ${slotId}: booked count equals its active bookings`);
        assert.ok(row.booked <= row.capacity);
      }
      for (const siteId of [siteA, siteB])
        assert.equal(
          (await c.inventory(siteId, productId)).reserved,
          active.filter((b) => b.site_id === siteId).length,
          'reserved doses equal active bookings',
        );

      // Exactly one confirmation recorded per booking, none for what was never booked.
      const confirmations = await db
        .selectFrom('messages')
        .select(['id', 'idempotency_key', 'status'])
        .where('type', 'like', '%confirmation%')
        .execute();
      const perBooking = new Map<string, number>();
      for (const m of confirmations) {
        const id = /^booking:([^:]+):confirmation:email$/.exec(m.idempotency_key ?? '')?.[1] ?? '';
        perBooking.set(id, (perBooking.get(id) ?? 0) + 1);
      }
      for (const b of active) assert.equal(perBooking.get(b.id), 1, `one confirmation for booking ${b.id}`);
      assert.equal(confirmations.length, active.length, 'no confirmation without its booking');

      // The restarted process delivers what was queued (and what a dead lease held); each went out once.
      await waitFor(async () => {
        const left = await db
          .selectFrom('messages')
          .select('id')
          .where(
            'id',
            'in',
            confirmations.map((m) => m.id),
          )
          .where('status', '!=', 'sent')
          .execute();
        return left.length === 0;
      }, 60_000);
      const copies = outboxCopies(tdb.dataDir);
      for (const m of confirmations) {
        const n = copies.get(m.id) ?? 0;
        if (handingOver.has(m.id)) assert.ok(n >= 1 && n <= 2, `message ${m.id} being handed over: ${n} copies`);
        else assert.equal(n, 1, `message ${m.id} (${m.status}) sent exactly once, not ${n} times`);
      }

      second.child.kill('SIGTERM');
      await exited(second.child);
      assert.equal(second.child.exitCode, 0);
    });
  });
}

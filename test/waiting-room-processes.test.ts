/**
 * Issue #7's cluster test: two web processes on one PostgreSQL, the waiting room on, and 200 concurrent bookers at a
 * slot of capacity 10 sent through both (each arrives at one process and polls the other): every booker gets a
 * position, the positions are unique across the two processes (exactly 1…200), everyone is let in through the
 * line, and exactly 10 bookings are made.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { TestClient } from './support/app.js';
import { catalog } from './support/catalog-fixtures.js';
import { createTestDatabase, engines, type TestDatabase } from './support/db.js';
import { freePorts } from './support/ports.js';
import { waitFor } from './support/wait.js';

const BOOKERS = 200;
const postgres = engines().find((e) => e.engine === 'postgres');

describe('waiting room across two processes on PostgreSQL', { skip: postgres?.skip ?? 'no PostgreSQL' }, () => {
  const children: ChildProcess[] = [];
  let tdb: TestDatabase;
  const urls: string[] = [];
  let programId = '';
  let productId = '';
  let seat = '';

  function start(env: Record<string, string>): Promise<void> {
    let out = '';
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
    children.push(child);
    return waitFor(() => out.includes('Frontdoor is running'), 30_000);
  }

  before(async () => {
    tdb = await createTestDatabase('postgres');
    const c = catalog({ db: tdb.db, now: Date.now });
    programId = await c.program('open');
    productId = await c.product(programId);
    const siteId = await c.site({ doses: { [productId]: 50 } });
    const slotId = await c.slot(siteId, programId, Date.now() + 2 * 86_400_000, 10);
    seat = `/book/${programId}/sites/${siteId}/slots/${slotId}`;
    const shared = {
      ...tdb.env,
      SECRET_KEY: randomBytes(32).toString('base64url'),
      DATA_ENCRYPTION_KEY: `k1:${randomBytes(32).toString('base64')}`,
      LOG_LEVEL: 'silent',
      SEED_DEMO: 'false',
      RUN_JOBS: 'false',
      RATE_LIMITS: 'off',
      DATABASE_POOL_SIZE: '10',
      WAITING_ROOM_MODE: 'on',
      WAITING_ROOM_CAPACITY: String(BOOKERS),
    };
    const [portA = 0, portB = 0] = await freePorts(2);
    for (const port of [portA, portB]) urls.push(`http://127.0.0.1:${port}`);
    // One after the other: the first migrates and creates the room's state row, the second finds them.
    await start({ ...shared, PORT: String(portA) });
    await start({ ...shared, PORT: String(portB) });
  });
  after(async () => {
    for (const c of children) c.kill('SIGKILL');
    await tdb?.cleanup();
  });

  /** One booker: arrive at one process, wait (polling the other), come in, fill in the details, confirm. */
  async function booker(i: number): Promise<{ position: number; confirmed: number }> {
    const arrive = new TestClient(urls[i % 2] ?? '');
    const product = `?product=${productId}`;
    const first = await arrive.get(`${seat}${product}`);
    assert.equal(first.location, '/waiting-room', `booker ${i} was not queued (${first.status})`);
    const position = Number(arrive.cookies.get('fd_wr_ticket')?.split('.')[0]);
    // The same browser (cookies) asks the other process.
    const poll = new TestClient(urls[(i + 1) % 2] ?? '');
    for (const [k, v] of arrive.cookies) poll.cookies.set(k, v);
    let next = '';
    await waitFor(
      async () => {
        const s = JSON.parse((await poll.get('/waiting-room/status')).text) as { status: string; next?: string };
        next = s.next ?? '';
        return s.status === 'go';
      },
      90_000,
      300,
    );
    assert.equal(next, `${seat}${product}`);
    const details = await poll.get(next);
    assert.equal(details.status, 200, `booker ${i} was not let in`);
    // A booker who comes in after the last seat went is told so on the details page itself.
    if (details.text.includes('That time was just taken')) return { position, confirmed: 0 };
    assert.match(details.text, /name="_csrf"/, `booker ${i} got no details form`);
    const posted = await poll.post(`${seat}${product}`, {
      forWhom: 'self',
      givenName: `Booker${i}`,
      familyName: 'Concurrent',
      birthMonth: '4',
      birthDay: String(1 + (i % 28)),
      birthYear: String(1950 + (i % 40)),
      email: `booker${i}@example.com`,
      phone: '',
      language: 'en',
    });
    // Once the seats are gone, the pages say so at whichever step the booker is ("just taken").
    if (posted.status === 409) return { position, confirmed: 0 };
    assert.equal(posted.status, 303, `booker ${i}: ${posted.text.slice(0, 300)}`);
    const review = await poll.get(posted.location ?? '');
    const bookingKey = /name="bookingKey" value="([^"]+)"/.exec(review.text)?.[1];
    if (!bookingKey) return { position, confirmed: 0 };
    const done = await poll.post(`${seat}/confirm${product}`, { product: productId, bookingKey });
    assert.ok(done.status === 303 || done.status === 409, `booker ${i} confirm answered ${done.status}`);
    return { position, confirmed: done.status === 303 ? 1 : 0 };
  }

  it('gives 200 unique positions across both processes and books exactly 10', async () => {
    const results = await Promise.all(Array.from({ length: BOOKERS }, (_, i) => booker(i)));
    const positions = results.map((r) => r.position).sort((a, b) => a - b);
    assert.deepEqual(
      positions,
      Array.from({ length: BOOKERS }, (_, i) => i + 1),
    );
    assert.equal(
      results.reduce((n, r) => n + r.confirmed, 0),
      10,
    );
    const booked = await tdb.db.kysely
      .selectFrom('bookings')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('status', '=', 'booked')
      .executeTakeFirstOrThrow();
    assert.equal(Number(booked.n), 10);
    const tickets = await tdb.db.kysely.selectFrom('waiting_room_tickets').select(['position', 'status']).execute();
    assert.equal(tickets.length, BOOKERS);
    assert.ok(tickets.every((t) => t.status === 'admitted'));
  });
});

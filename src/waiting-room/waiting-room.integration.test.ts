/**
 * The waiting room's line on both engines, through its use cases with a fixed clock: first come, first admitted;
 * places whose page stopped asking are skipped and an admitted visitor who does not come in gives the seat back;
 * the automatic switch; the measured rate; and a process's view that asks the database at most once a second.
 */
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import type { KyselyPlugin } from 'kysely';
import { createTestDatabase, engines, type TestDatabase } from '../../test/support/db.js';
import { systemActor } from '../platform/audit/index.js';
import type { Db } from '../platform/db/index.js';
import { advanceLine, COME_IN_WITHIN_MS } from './advance-line.js';
import { claimAdmission, enterFlow } from './enter-flow.js';
import * as repo from './repository.js';
import { createRoom, etaFor } from './room.js';
import { updateSettings } from './update-settings.js';

const T0 = Date.UTC(2026, 10, 2, 15, 0);
const ABANDON = 90_000;
const PASS = 20 * 60_000;

for (const { engine, skip } of engines()) {
  describe(`waiting room line (${engine})`, { skip }, () => {
    let tdb: TestDatabase;
    let clock = T0;
    const now = () => clock;
    const deps = () => ({ db: tdb.db, now, abandonMs: ABANDON, passMs: PASS });
    const settings = (mode: 'auto' | 'on' | 'off', capacity: number, ratePerMinute: number | null = null) =>
      updateSettings({ mode, capacity, ratePerMinute }, { db: tdb.db, now, actor: systemActor('test') });
    const enter = async (browser: string, held: number | null = null) => enterFlow(deps(), browser, held);
    const position = async (browser: string) => {
      const e = await enter(browser);
      assert.equal(e.kind, 'queued', `${browser} should queue`);
      return e.kind === 'queued' ? e.position : 0;
    };
    const move = async () => {
      clock += 1000;
      return advanceLine(deps());
    };
    const status = async (position: number) =>
      (
        await tdb.db.kysely
          .selectFrom('waiting_room_tickets')
          .select('status')
          .where('position', '=', position)
          .executeTakeFirstOrThrow()
      ).status;

    before(async () => {
      tdb = await createTestDatabase(engine);
    });
    after(async () => tdb.cleanup());
    beforeEach(async () => {
      await tdb.db.kysely.deleteFrom('waiting_room_passes').execute();
      await tdb.db.kysely.deleteFrom('waiting_room_tickets').execute();
      await tdb.db.kysely.deleteFrom('waiting_room_state').execute();
      clock += 3_600_000;
      await repo.ensureState(tdb.db.kysely, { mode: 'auto', capacity: 2, ratePerMinute: null }, clock);
    });

    it('gives positions in arrival order and admits the first ones as far as the flow has room', async () => {
      await settings('on', 2);
      const positions = [await position('a'), await position('b'), await position('c'), await position('d')];
      assert.deepEqual(positions, [1, 2, 3, 4]);
      assert.deepEqual(await move(), { admitted: 2, expired: 0 });
      const s = await repo.findState(tdb.db.kysely);
      assert.equal(Number(s.serving), 2);
      assert.deepEqual([await status(1), await status(2), await status(3)], ['admitted', 'admitted', 'waiting']);
      // The flow is full (two passes waiting to be claimed): nobody else comes in.
      assert.deepEqual(await move(), { admitted: 0, expired: 0 });
      // Only the browser the position was given to can come in with it, and only once.
      assert.equal(await claimAdmission(deps(), 1, 'b'), null);
      const pass = await claimAdmission(deps(), 1, 'a');
      assert.equal(pass?.expiresAt, clock + PASS);
      assert.equal(await claimAdmission(deps(), 1, 'a'), null);
      assert.equal(await claimAdmission(deps(), 3, 'c'), null, 'c was not admitted');
      // Someone still in line who asks again keeps their place.
      assert.deepEqual(await enter('c', 3), { kind: 'queued', position: 3, issued: false });
    });

    it('skips places whose page stopped asking and takes back seats not used in time', async () => {
      await settings('on', 1);
      const [a, b, c] = [await position('a'), await position('b'), await position('c')];
      assert.deepEqual(await move(), { admitted: 1, expired: 0 });
      // a never comes in; c's page keeps asking; b's page was closed.
      clock += COME_IN_WITHIN_MS;
      await repo.markSeen(tdb.db.kysely, [c], clock);
      assert.deepEqual(await move(), { admitted: 1, expired: 1 });
      assert.equal(await status(a), 'admitted');
      assert.equal(await status(b), 'expired');
      assert.equal(await status(c), 'admitted');
      assert.equal(Number((await repo.findState(tdb.db.kysely)).serving), c);
      assert.equal(await claimAdmission(deps(), a, 'a'), null, "a's time to come in ran out");
      assert.ok(await claimAdmission(deps(), c, 'c'));
      // b comes back: the place is gone, a new one is at the end of the line.
      const again = await enter('b', b);
      assert.deepEqual(again, { kind: 'queued', position: 4, issued: true });
    });

    it('admits no more than the configured rate per minute', async () => {
      await settings('on', 100, 2);
      for (const b of ['a', 'b', 'c', 'd', 'e']) await position(b);
      assert.equal((await move())?.admitted, 2);
      await repo.markSeen(tdb.db.kysely, [3, 4, 5], clock);
      assert.equal((await move())?.admitted, 0);
      clock += 60_000;
      await repo.markSeen(tdb.db.kysely, [3, 4, 5], clock);
      assert.equal((await move())?.admitted, 2);
    });

    it('turns itself on when the flow is full and off when the line has drained', async () => {
      await settings('auto', 2);
      assert.equal((await enter('a')).kind, 'pass');
      assert.equal((await enter('b')).kind, 'pass');
      assert.equal((await repo.findState(tdb.db.kysely)).active, 0);
      const c = await position('c');
      assert.equal((await repo.findState(tdb.db.kysely)).active, 1);
      // While the line is on, even a free seat goes to the line first.
      assert.equal((await move())?.admitted, 0);
      clock += PASS;
      await repo.markSeen(tdb.db.kysely, [c], clock);
      assert.equal((await move())?.admitted, 1);
      const s = await repo.findState(tdb.db.kysely);
      assert.equal(s.active, 0, 'drained with room to spare: off again');
      assert.equal(Number(s.serving), c);
      assert.equal((await enter('d')).kind, 'pass');
    });

    it('lets everyone straight in when staff turn it off, and queues everyone new when they turn it on', async () => {
      await settings('on', 5);
      assert.equal((await enter('a')).kind, 'queued');
      await settings('off', 5);
      for (const b of ['b', 'c', 'd', 'e', 'f', 'g']) assert.equal((await enter(b)).kind, 'pass');
      await move();
      assert.equal(Number((await repo.findState(tdb.db.kysely)).serving), 1, 'whoever was in line may come in');
      await settings('on', 50);
      assert.equal((await enter('h')).kind, 'queued');
      const audit = await tdb.db.kysely
        .selectFrom('audit_log')
        .select('details')
        .where('action', '=', 'waiting-room.settings.updated')
        .orderBy('id', 'desc')
        .executeTakeFirstOrThrow();
      assert.match(audit.details ?? '', /"mode":"on","capacity":50/);
    });

    it('measures the admission rate for the ETA, and gives none before it can', async () => {
      await settings('on', 10);
      const room = createRoom(deps());
      for (let i = 0; i < 30; i++) await position(`p${i}`);
      // The first view moves the line (ten admitted at once) but nothing can be measured in no time.
      let view = await room.view();
      assert.equal(view.serving, 10);
      assert.equal(view.admissionRate, null);
      assert.equal(etaFor(view, 30), null);
      // Ten more a minute later: twenty admitted over two minutes, ten a minute.
      clock += 60_000;
      await repo.markSeen(
        tdb.db.kysely,
        Array.from({ length: 20 }, (_, i) => 11 + i),
        clock,
      );
      await settings('on', 20);
      room.invalidate();
      assert.equal((await room.view()).serving, 20);
      clock += 59_000;
      room.invalidate();
      view = await room.view();
      assert.equal(view.serving, 20);
      assert.ok(view.admissionRate !== null && Math.abs(view.admissionRate - 10) < 0.2, `rate ${view.admissionRate}`);
      assert.equal(etaFor(view, 30), 1);
      assert.equal(etaFor(view, 21), 1);
      assert.equal(view.queueLength, 10);
    });

    it('reads the database at most once a second per process, however many pages ask', async () => {
      await settings('on', 1);
      for (const b of ['a', 'b', 'c']) await position(b);
      let queries = 0;
      const counter: KyselyPlugin = {
        transformQuery: (args) => {
          queries++;
          return args.node;
        },
        transformResult: async (args) => args.result,
      };
      const counted: Db = { ...tdb.db, kysely: tdb.db.kysely.withPlugin(counter) };
      const room = createRoom({ db: counted, now, abandonMs: ABANDON });
      await room.view();
      const first = queries;
      assert.ok(first > 0);
      for (let i = 0; i < 200; i++) {
        clock += 4;
        room.seen(2 + (i % 2));
        await room.view();
      }
      assert.equal(queries, first, '200 checks within 0.8 s: no query');
      clock += 200;
      await room.view();
      assert.ok(queries > first, 'a second later the view is read again');
      const second = queries - first;
      // The positions seen meanwhile were marked in that one refresh.
      const seen = await tdb.db.kysely
        .selectFrom('waiting_room_tickets')
        .select('last_seen_at')
        .where('position', 'in', [2, 3])
        .execute();
      assert.ok(seen.every((r) => Number(r.last_seen_at) === clock));
      assert.ok(second <= first + 1, `one refresh is a handful of queries (${first}, then ${second})`);
    });
  });
}

import assert from 'node:assert/strict';
import { fork } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import { createTestDatabase, engines, type TestDatabase } from '../../../test/support/db.js';
import type { ParentMessage, RacerMessage } from '../../../test/support/idempotency-racer.js';
import { createFieldCipher, generateKeyringSpec, parseKeyring } from '../crypto/index.js';
import type { Db } from '../db/index.js';
import { createJobRunner, enqueue } from '../jobs/index.js';
import {
  IdempotencyConflict,
  pruneIdempotencyKeysJob,
  PRUNE_IDEMPOTENCY_KEYS_JOB,
  withIdempotency,
  type RecordAnswer,
} from './idempotency.js';

const keyring = generateKeyringSpec();
const cipher = createFieldCipher(parseKeyring(keyring));
const quiet = { info() {}, warn() {}, error() {} };
const HOUR = 3_600_000;

/** The work of a keyed request: one change (a job row tagged `tag`) and its answer, in one transaction. */
function changeOnce(db: Db, tag: string, body: unknown) {
  return async (record: RecordAnswer) =>
    db.kysely.transaction().execute(async (tx) => {
      await enqueue(tx, db.dialect, 'idempotent-change', { tag });
      const answer = { status: 201, body };
      await record(tx, answer);
      return answer;
    });
}

const changesTagged = async (db: Db, tag: string) =>
  (await db.kysely.selectFrom('jobs').select('payload').where('name', '=', 'idempotent-change').execute()).filter(
    (j) => (JSON.parse(j.payload) as { tag: string }).tag === tag,
  ).length;

/** A racer child process (test/support/idempotency-racer.ts) on its own connection to the test database. */
function startRacer(tdb: TestDatabase, name: string) {
  const child = fork('test/support/idempotency-racer.ts', [], {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, RACER_TARGET: JSON.stringify(tdb.target), RACER_KEYRING: keyring, RACER_NAME: name },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return {
    send: (m: ParentMessage) => child.send(m),
    next: (match: (m: RacerMessage) => boolean) =>
      new Promise<RacerMessage>((resolve, reject) => {
        const onMessage = (m: RacerMessage) => {
          if (!match(m)) return;
          child.off('message', onMessage);
          resolve(m);
        };
        child.on('message', onMessage);
        child.once('exit', (code) => reject(new Error(`racer ${name} exited (${code})`)));
      }),
    stop: () => {
      if (child.connected) child.send({ exit: true } satisfies ParentMessage);
    },
  };
}

for (const { engine, skip } of engines()) {
  describe(`Idempotency-Key (${engine})`, { skip }, () => {
    let tdb: TestDatabase;
    const deps = () => ({ db: tdb.db, cipher });
    before(async () => {
      tdb = await createTestDatabase(engine);
    });
    after(() => tdb.cleanup());

    it('two processes racing one key: the change commits once and both get the first answer', async () => {
      const racers = [startRacer(tdb, 'a'), startRacer(tdb, 'b')];
      try {
        await Promise.all(racers.map((r) => r.next((m) => 'ready' in m && m.ready === '')));
        for (let i = 0; i < 12; i++) {
          const key = `race-${i}`;
          // Both pass the "already answered?" read before either opens its transaction.
          const ready = racers.map((r) => r.next((m) => 'ready' in m && m.ready === key));
          for (const r of racers) r.send({ run: key });
          await Promise.all(ready);
          const done = racers.map((r) =>
            r.next((m) => ('done' in m && m.done === key) || ('failed' in m && m.failed === key)),
          );
          for (const r of racers) r.send({ go: key });
          const answers = await Promise.all(done);
          const ok = answers.flatMap((a) => ('done' in a ? [a] : []));
          assert.equal(ok.length, 2, JSON.stringify(answers));
          assert.equal(await changesTagged(tdb.db, key), 1, `${key}: the change was made once`);
          assert.deepEqual(ok[0]?.body, ok[1]?.body, `${key}: one answer for both`);
          assert.deepEqual(ok.map((a) => a.replayed).sort(), [false, true]);
        }
      } finally {
        for (const r of racers) r.stop();
      }
    });

    it('keeps the answer encrypted and the request as a keyed hash; a repeat replays it, another request is refused', async () => {
      const request = { person: { givenName: 'Ada', birthDate: '1970-03-04' } };
      const secret = 'manage-token-ABCDEFGH12345678';
      const first = await withIdempotency(
        deps(),
        { scope: 'test', key: 'enc-1', request, now: 1000 },
        changeOnce(tdb.db, 'enc-1', { manageToken: secret }),
      );
      assert.equal(first.replayed, false);
      const row = await tdb.db.kysely
        .selectFrom('idempotency_keys')
        .selectAll()
        .where('key', '=', 'enc-1')
        .executeTakeFirstOrThrow();
      const stored = JSON.stringify(row);
      for (const plain of [secret, 'Ada', '1970-03-04']) assert.ok(!stored.includes(plain), `${plain} is not stored`);
      assert.match(row.response, /^fd1\./);

      const again = await withIdempotency(
        deps(),
        { scope: 'test', key: 'enc-1', request, now: 2000 },
        changeOnce(tdb.db, 'enc-1', { manageToken: 'another' }),
      );
      assert.deepEqual(again, { status: 201, body: { manageToken: secret }, replayed: true });
      assert.equal(await changesTagged(tdb.db, 'enc-1'), 1);
      await assert.rejects(
        withIdempotency(
          deps(),
          { scope: 'test', key: 'enc-1', request: { other: true }, now: 3000 },
          changeOnce(tdb.db, 'enc-1', {}),
        ),
        IdempotencyConflict,
      );
    });

    it('a change that rolls back leaves no answer: the retry does the work', async () => {
      const failing = async (record: RecordAnswer) =>
        tdb.db.kysely.transaction().execute(async (tx) => {
          await enqueue(tx, tdb.db.dialect, 'idempotent-change', { tag: 'rb-1' });
          await record(tx, { status: 201, body: { n: 1 } });
          throw new Error('the process died before the commit');
        });
      await assert.rejects(
        withIdempotency(deps(), { scope: 'test', key: 'rb-1', request: {}, now: 1000 }, failing),
        /process died/,
      );
      assert.equal(await changesTagged(tdb.db, 'rb-1'), 0);
      const retry = await withIdempotency(
        deps(),
        { scope: 'test', key: 'rb-1', request: {}, now: 1000 },
        changeOnce(tdb.db, 'rb-1', { n: 2 }),
      );
      assert.deepEqual(retry, { status: 201, body: { n: 2 }, replayed: false });
      assert.equal(await changesTagged(tdb.db, 'rb-1'), 1);
    });

    it('an answer that changed nothing (a refusal) is recorded too and replayed', async () => {
      let calls = 0;
      const refuse = async () => {
        calls++;
        return { status: 409, body: { error: { code: 'slot_full' } } };
      };
      const a = await withIdempotency(deps(), { scope: 'test', key: 'no-1', request: {}, now: 1000 }, refuse);
      const b = await withIdempotency(deps(), { scope: 'test', key: 'no-1', request: {}, now: 1000 }, refuse);
      assert.equal(calls, 1);
      assert.deepEqual([a.replayed, b.replayed], [false, true]);
      assert.deepEqual(b.body, { error: { code: 'slot_full' } });
    });

    it('the hourly prune forgets keys older than the retention, in batches, and keeps the rest', async () => {
      const now = 100 * HOUR;
      const old = Array.from({ length: 5003 }, (_, i) => ({
        scope: 'prune',
        key: `old-${i}`,
        request_hash: 'h',
        status_code: 201,
        response: cipher.encrypt('{}', 'idempotency_keys.response'),
        created_at: now - 25 * HOUR,
      }));
      for (let i = 0; i < old.length; i += 500)
        await tdb.db.kysely
          .insertInto('idempotency_keys')
          .values(old.slice(i, i + 500))
          .execute();
      await withIdempotency(
        deps(),
        { scope: 'prune', key: 'fresh', request: {}, now: now - 23 * HOUR },
        changeOnce(tdb.db, 'fresh', {}),
      );
      const runner = createJobRunner({
        db: tdb.db,
        jobs: [pruneIdempotencyKeysJob(tdb.db, 24)],
        recurring: [{ name: PRUNE_IDEMPOTENCY_KEYS_JOB, everyMs: HOUR }],
        concurrency: 1,
        pollMs: 20,
        leaseMs: 10_000,
        logger: quiet,
        now: () => now,
      });
      await runner.drain();
      const left = await tdb.db.kysely
        .selectFrom('idempotency_keys')
        .select('key')
        .where('scope', '=', 'prune')
        .execute();
      assert.deepEqual(
        left.map((r) => r.key),
        ['fresh'],
      );
      const job = await tdb.db.kysely
        .selectFrom('jobs')
        .select('status')
        .where('name', '=', PRUNE_IDEMPOTENCY_KEYS_JOB)
        .executeTakeFirstOrThrow();
      assert.equal(job.status, 'succeeded');
    });
  });
}

/**
 * A child process for the Idempotency-Key race tests: it opens its own connection to the database named in
 * RACER_TARGET (JSON), and for each key the parent names runs one keyed change (a job row tagged with the key, and
 * the answer, in one transaction). Between its "already answered?" read and its transaction it tells the parent
 * it is ready and waits for "go", so the parent lets both racers into the same key together. SQLite needs two
 * processes for this: a second connection in one process would block the event loop that holds the first.
 */
import { createFieldCipher, parseKeyring } from '../../src/platform/crypto/index.js';
import { openDatabase, type DatabaseTarget } from '../../src/platform/db/index.js';
import { withIdempotency } from '../../src/platform/http/idempotency.js';
import { enqueue } from '../../src/platform/jobs/index.js';

export type RacerMessage =
  { ready: string } | { done: string; body: unknown; replayed: boolean } | { failed: string; error: string };
export type ParentMessage = { run: string } | { go: string } | { exit: true };

const env = process.env;
const target = JSON.parse(env.RACER_TARGET ?? '{}') as DatabaseTarget;
const cipher = createFieldCipher(parseKeyring(env.RACER_KEYRING ?? ''));
const name = env.RACER_NAME ?? 'racer';
const db = openDatabase(target);
const send = (m: RacerMessage) => process.send?.(m);
const gates = new Map<string, () => void>();

async function run(key: string): Promise<void> {
  try {
    const answer = await withIdempotency(
      { db, cipher },
      { scope: 'race', key, request: { key }, now: Date.now() },
      async (record) => {
        await new Promise<void>((resolve) => {
          gates.set(key, resolve);
          send({ ready: key });
        });
        return db.kysely.transaction().execute(async (tx) => {
          await enqueue(tx, db.dialect, 'idempotent-change', { tag: key, by: name });
          const a = { status: 201, body: { by: name } };
          await record(tx, a);
          return a;
        });
      },
    );
    send({ done: key, body: answer.body, replayed: answer.replayed });
  } catch (err) {
    send({ failed: key, error: err instanceof Error ? err.message : String(err) });
  }
}

process.on('message', (m: ParentMessage) => {
  if ('run' in m) void run(m.run);
  else if ('go' in m) gates.get(m.go)?.();
  else void db.close().then(() => process.exit(0));
});
send({ ready: '' });

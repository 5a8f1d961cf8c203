/**
 * `Idempotency-Key` for POST endpoints (docs/decisions/0020-idempotency-in-the-transaction.md): the first request
 * with a key is carried out and its answer kept; a repeat gets that same answer and changes nothing. Reusing a key
 * for a different request is refused.
 *
 * The answer is written by the work's OWN transaction (`record(tx, answer)`, as its last statement), so the work and
 * its answer commit together or not at all: there is no reservation a crash could leave behind. A key's row is
 * unique, so of two copies of a request running at once only the first to commit keeps its work; the other's
 * `record` finds the key taken (PostgreSQL makes it wait for the first transaction's end; SQLite runs write
 * transactions one at a time), rolls back and replays the first answer. An answer the work gives without writing
 * anything (a refusal) is recorded on its own afterwards, or the answer recorded meanwhile is replayed instead.
 *
 * Only the answer itself is kept, encrypted with the field cipher (`idempotency_keys.response` bound as context);
 * the request is kept as a keyed hash, so neither names a person in plain text. Keys are deleted after
 * IDEMPOTENCY_RETENTION_HOURS by the hourly `prune-idempotency-keys` job.
 */
import { z } from 'zod';
import type { FieldCipher } from '../crypto/index.js';
import type { Db, Queryable } from '../db/index.js';
import { defineJob } from '../jobs/index.js';

export interface StoredAnswer {
  status: number;
  body: unknown;
}

/** Write `answer` as the key's answer inside `tx`, the transaction of the work it answers (its last statement). */
export type RecordAnswer = (tx: Queryable, answer: StoredAnswer) => Promise<void>;

export class IdempotencyConflict extends Error {
  constructor() {
    super('This Idempotency-Key was used for a different request.');
  }
}

/** Thrown by `record` inside the work's transaction: another request with this key committed first. */
class KeyTaken extends Error {
  constructor() {
    super('another request with this Idempotency-Key was answered first');
  }
}

const RESPONSE_FIELD = 'idempotency_keys.response';

export interface IdempotencyDeps {
  db: Db;
  cipher: FieldCipher;
}

interface Key {
  scope: string;
  key: string;
  requestHash: string;
}

function row(deps: IdempotencyDeps, k: Key, answer: StoredAnswer, now: number) {
  return {
    scope: k.scope,
    key: k.key,
    request_hash: k.requestHash,
    status_code: answer.status,
    response: deps.cipher.encrypt(JSON.stringify(answer.body ?? null), RESPONSE_FIELD),
    created_at: now,
  };
}

/** Insert the key's answer unless the key already has one; true when this answer was recorded. */
async function insertAnswer(db: Queryable, r: ReturnType<typeof row>): Promise<boolean> {
  const inserted = await db
    .insertInto('idempotency_keys')
    .values(r)
    .onConflict((oc) => oc.columns(['scope', 'key']).doNothing())
    .executeTakeFirst();
  return Number(inserted.numInsertedOrUpdatedRows ?? 0) === 1;
}

/** The answer recorded for the key, or null; a different request under the same key is a conflict. */
async function recorded(deps: IdempotencyDeps, k: Key): Promise<StoredAnswer | null> {
  const r = await deps.db.kysely
    .selectFrom('idempotency_keys')
    .select(['request_hash', 'status_code', 'response'])
    .where('scope', '=', k.scope)
    .where('key', '=', k.key)
    .executeTakeFirst();
  if (!r) return null;
  if (r.request_hash !== k.requestHash) throw new IdempotencyConflict();
  return { status: r.status_code, body: JSON.parse(deps.cipher.decrypt(r.response, RESPONSE_FIELD)) as unknown };
}

async function replay(deps: IdempotencyDeps, k: Key): Promise<StoredAnswer & { replayed: true }> {
  const answer = await recorded(deps, k);
  // The key was taken by a committed row a moment ago; only the prune (after hours) removes one.
  if (!answer) throw new Error('the answer recorded for this Idempotency-Key has gone');
  return { ...answer, replayed: true };
}

/**
 * Carry out `work` once per key. `work` receives `record` and must call it inside the transaction that makes its
 * change, as that transaction's last statement; an answer given without calling it (nothing was changed) is
 * recorded afterwards. Throws IdempotencyConflict when the key was used for a different request; an exception
 * from `work` records nothing, so the client may retry.
 */
export async function withIdempotency(
  deps: IdempotencyDeps,
  o: { scope: string; key: string; request: unknown; now: number },
  work: (record: RecordAnswer) => Promise<StoredAnswer>,
): Promise<StoredAnswer & { replayed: boolean }> {
  const k: Key = {
    scope: o.scope,
    key: o.key,
    // Keyed, so a table dump cannot confirm a guess of who booked (the request holds names and birth dates).
    requestHash: deps.cipher.blindIndex(JSON.stringify(o.request ?? null), `idempotency:${o.scope}`),
  };
  const earlier = await recorded(deps, k);
  if (earlier) return { ...earlier, replayed: true };
  let wrote = false;
  const record: RecordAnswer = async (tx, answer) => {
    if (!(await insertAnswer(tx, row(deps, k, answer, o.now)))) throw new KeyTaken();
    wrote = true;
  };
  let answer: StoredAnswer;
  try {
    answer = await work(record);
  } catch (err) {
    if (err instanceof KeyTaken) return replay(deps, k);
    throw err;
  }
  if (wrote) return { ...answer, replayed: false };
  // Nothing was changed (a refusal): record it, unless a copy of the request was answered meanwhile.
  if (await insertAnswer(deps.db.kysely, row(deps, k, answer, o.now))) return { ...answer, replayed: false };
  return replay(deps, k);
}

export const PRUNE_IDEMPOTENCY_KEYS_JOB = 'prune-idempotency-keys';

/** Delete keys older than the retention (batches of 5 000, so no statement holds locks for long). */
export async function pruneIdempotencyKeys(db: Db, olderThan: number): Promise<number> {
  let total = 0;
  for (;;) {
    const r = await db.kysely
      .deleteFrom('idempotency_keys')
      .where((eb) =>
        eb(
          eb.refTuple('scope', 'key'),
          'in',
          eb
            .selectFrom('idempotency_keys')
            .select(['scope', 'key'])
            .where('created_at', '<', olderThan)
            .limit(5000)
            .$asTuple('scope', 'key'),
        ),
      )
      .executeTakeFirst();
    const n = Number(r.numDeletedRows);
    total += n;
    if (n < 5000) return total;
  }
}

/** The hourly job that forgets keys after `retentionHours`: a replay after that books anew (or is refused). */
export function pruneIdempotencyKeysJob(db: Db, retentionHours: number) {
  return defineJob({
    name: PRUNE_IDEMPOTENCY_KEYS_JOB,
    schema: z.unknown(),
    async handler(_p, ctx) {
      const n = await pruneIdempotencyKeys(db, ctx.now() - retentionHours * 3_600_000);
      if (n > 0) ctx.log.info({ keys: n }, 'pruned idempotency keys');
    },
  });
}

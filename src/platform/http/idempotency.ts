/**
 * `Idempotency-Key` for POST endpoints: the first request with a key is carried out and its answer stored; a
 * replay gets that same answer and changes nothing. The key is reserved before the work starts, so two copies of
 * one request arriving together cannot both do it. Reusing a key for a different request is refused.
 */
import { createHash } from 'node:crypto';
import type { Db } from '../db/index.js';
import { isUniqueViolation } from '../db/index.js';

export interface StoredAnswer {
  status: number;
  body: unknown;
}

export class IdempotencyConflict extends Error {
  constructor() {
    super('This Idempotency-Key was used for a different request.');
  }
}

const hash = (body: unknown) =>
  createHash('sha256')
    .update(JSON.stringify(body ?? null))
    .digest('hex');

async function waitForAnswer(db: Db, scope: string, key: string): Promise<StoredAnswer> {
  for (let i = 0; i < 200; i++) {
    const row = await db.kysely
      .selectFrom('idempotency_keys')
      .selectAll()
      .where('scope', '=', scope)
      .where('key', '=', key)
      .executeTakeFirst();
    if (!row) throw new Error('idempotency reservation vanished');
    if (row.status_code !== 0) return { status: row.status_code, body: JSON.parse(row.response) as unknown };
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error('the first request with this Idempotency-Key is still running');
}

export async function withIdempotency(
  db: Db,
  o: { scope: string; key: string; request: unknown; now: number },
  work: () => Promise<StoredAnswer>,
): Promise<StoredAnswer & { replayed: boolean }> {
  const requestHash = hash(o.request);
  try {
    await db.kysely
      .insertInto('idempotency_keys')
      .values({
        scope: o.scope,
        key: o.key,
        request_hash: requestHash,
        status_code: 0,
        response: '',
        created_at: o.now,
      })
      .execute();
  } catch (err) {
    if (!isUniqueViolation(err)) throw err;
    const existing = await db.kysely
      .selectFrom('idempotency_keys')
      .select('request_hash')
      .where('scope', '=', o.scope)
      .where('key', '=', o.key)
      .executeTakeFirst();
    if (existing && existing.request_hash !== requestHash) throw new IdempotencyConflict();
    return { ...(await waitForAnswer(db, o.scope, o.key)), replayed: true };
  }
  try {
    const answer = await work();
    await db.kysely
      .updateTable('idempotency_keys')
      .set({ status_code: answer.status, response: JSON.stringify(answer.body) })
      .where('scope', '=', o.scope)
      .where('key', '=', o.key)
      .execute();
    return { ...answer, replayed: false };
  } catch (err) {
    // Nothing was answered: free the key so the client can retry.
    await db.kysely.deleteFrom('idempotency_keys').where('scope', '=', o.scope).where('key', '=', o.key).execute();
    throw err;
  }
}

/**
 * Admit the next people in line: at most once a second across every process (the state row remembers when the line
 * last moved), in one transaction. Places whose page stopped asking are expired first and skipped; the serving
 * counter then moves past everyone admitted or skipped, up to the first person still waiting.
 */
import { randomUUID } from 'node:crypto';
import type { Db } from '../platform/db/index.js';
import * as repo from './repository.js';

/** The line moves at most this often, whichever process asks. */
export const ADVANCE_EVERY_MS = 1000;
/** An admitted visitor has this long to come in before the seat is given to the next in line. */
export const COME_IN_WITHIN_MS = 2 * 60_000;

export interface LineDeps {
  db: Db;
  now: () => number;
  /** A place whose page has not asked for this long is skipped. */
  abandonMs: number;
}

export interface Advanced {
  admitted: number;
  expired: number;
}

/** How many may come in now: free places in the flow, and no more than the configured rate per minute. */
async function allowance(tx: repo.Tx, state: repo.StateRow, now: number): Promise<number> {
  const inFlow = await repo.countActivePasses(tx, now);
  let n = Math.max(0, state.capacity - inFlow);
  if (state.rate_per_minute !== null && n > 0) {
    n = Math.min(n, Math.max(0, state.rate_per_minute - (await repo.countAdmittedSince(tx, now - 60_000))));
  }
  return n;
}

/** Move the line once; null when another process moved it within the last second. */
export async function advanceLine(deps: LineDeps): Promise<Advanced | null> {
  const now = deps.now();
  return deps.db.kysely.transaction().execute(async (tx) => {
    const state = await repo.claimAdvance(tx, now, ADVANCE_EVERY_MS);
    if (!state) return null;
    const expired = await repo.expireUnseen(tx, now - deps.abandonMs);
    const serving = Number(state.serving);
    const last = Number(state.next_position);
    if (state.active === 0) {
      // The room is open: whoever still holds a place may come straight in.
      if (serving < last) await repo.updateState(tx, { serving: last });
      return { admitted: 0, expired };
    }
    const n = await allowance(tx, state, now);
    const admit = n > 0 ? await repo.firstWaiting(tx, serving, n) : [];
    await repo.markAdmitted(
      tx,
      admit.map((a) => a.position),
      now,
    );
    await repo.insertPasses(
      tx,
      admit.map((a) => ({
        id: randomUUID(),
        browser_hash: a.browser_hash,
        ticket_position: a.position,
        claimed: 0,
        expires_at: now + COME_IN_WITHIN_MS,
        created_at: now,
      })),
    );
    const [nextInLine] = await repo.firstWaiting(tx, serving, 1);
    const drained = nextInLine === undefined;
    const close = state.mode === 'auto' && drained && n > admit.length;
    await repo.updateState(tx, {
      serving: nextInLine ? nextInLine.position - 1 : last,
      ...(close ? { active: 0, activated_at: null } : {}),
    });
    return { admitted: admit.length, expired };
  });
}

/**
 * A visitor without a pass asks to enter the protected flow. In one transaction holding the state row: when the
 * room is open and the flow has room (or staff turned the room off), they get a pass; otherwise — the flow is full,
 * or staff turned the room on — the room turns on and they get the next position from the shared counter. Someone
 * still in line keeps their place.
 */
import { randomUUID } from 'node:crypto';
import type { Db } from '../platform/db/index.js';
import * as repo from './repository.js';

export interface EntryDeps {
  db: Db;
  now: () => number;
  /** How long a pass lasts. */
  passMs: number;
}

export type Entry = { kind: 'pass'; expiresAt: number } | { kind: 'queued'; position: number; issued: boolean };

export async function enterFlow(deps: EntryDeps, browserHash: string, heldPosition: number | null): Promise<Entry> {
  const now = deps.now();
  return deps.db.kysely.transaction().execute(async (tx): Promise<Entry> => {
    const state = await repo.lockState(tx);
    if (state.active === 1 && heldPosition !== null && heldPosition > Number(state.serving)) {
      return { kind: 'queued', position: heldPosition, issued: false };
    }
    const open =
      state.mode === 'off' ||
      (state.mode === 'auto' && state.active === 0 && (await repo.countActivePasses(tx, now)) < state.capacity);
    if (open) {
      const expiresAt = now + deps.passMs;
      await repo.insertPasses(tx, [
        {
          id: randomUUID(),
          browser_hash: browserHash,
          ticket_position: null,
          claimed: 1,
          expires_at: expiresAt,
          created_at: now,
        },
      ]);
      return { kind: 'pass', expiresAt };
    }
    if (state.active === 0) await repo.updateState(tx, { active: 1, activated_at: now });
    const position = await repo.takePosition(tx);
    await repo.insertTicket(tx, position, browserHash, now);
    return { kind: 'queued', position, issued: true };
  });
}

/**
 * An admitted visitor comes in: their pass (made when they were admitted) becomes theirs for the pass's length —
 * once, from the browser the position was given to, within the time to come in. Null otherwise.
 */
export async function claimAdmission(
  deps: EntryDeps,
  position: number,
  browserHash: string,
): Promise<{ expiresAt: number } | null> {
  const now = deps.now();
  const pass = await repo.claimPass(deps.db.kysely, position, browserHash, now, now + deps.passMs);
  return pass ? { expiresAt: pass.expires_at } : null;
}

/**
 * End standby offers whose reply window has passed: the offer moves from open to ended once, unanswered texts
 * expire, and every hold still held gives its seat and doses back (releaseHold is a no-op for a booked hold). The
 * slot keeps its released seats (walk-ins at the site, or a later invitation). People texted stay waiting.
 */
import type { ModuleDeps } from '../../platform/module.js';
import { releaseHold } from '../faces.js';
import * as repo from './repository.js';

export async function endStandbyOffers(deps: ModuleDeps, limit = 100): Promise<number> {
  const db = deps.db.kysely;
  let n = 0;
  for (const { id } of await repo.listEndedOffers(db, deps.now(), limit)) {
    const done = await db.transaction().execute(async (tx) => {
      if (!(await repo.endOffer(tx, id, deps.now()))) return false;
      for (const h of await repo.listHolds(tx, id)) await releaseHold(deps, tx, h.hold_id);
      return true;
    });
    if (done) n++;
  }
  return n;
}

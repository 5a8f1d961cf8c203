/**
 * Erase a person's records: first each source's preparation, through the owning module's own use cases (an
 * upcoming appointment is cancelled, so its seat and doses go back to others), then every source's erasure and the
 * audit entries (the reason, never a value) in one transaction. What statistics and capacity counts need stays,
 * anonymous; erasing again is harmless.
 */
import { recordAudit } from '../platform/audit/index.js';
import { parseRef, type PersonalDataDeps, type PersonalDataSource } from '../platform/personal-data.js';
import { auditEntry } from './find-person.js';

export async function erasePerson(
  deps: PersonalDataDeps,
  sources: PersonalDataSource[],
  refs: string[],
  reason: string,
): Promise<number> {
  const mine = (s: PersonalDataSource) => refs.filter((r) => parseRef(r)?.source === s.name);
  for (const s of sources) if (s.prepareErasure && mine(s).length > 0) await s.prepareErasure(deps, mine(s));
  const now = deps.now();
  await deps.db.kysely.transaction().execute(async (tx) => {
    for (const s of sources) {
      if (mine(s).length === 0) continue;
      await s.erase(deps, tx, mine(s));
      for (const ref of mine(s))
        await recordAudit(tx, deps.actor, auditEntry('privacy.record.erased', ref, { reason }), now);
    }
  });
  return refs.length;
}

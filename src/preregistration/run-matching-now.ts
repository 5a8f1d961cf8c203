/**
 * Staff "run matching now" — for all sites, or only one site's new capacity: the matching job is queued (one per
 * program, site and minute) and the request audited.
 */
import { recordAudit, type AuditActor } from '../platform/audit/index.js';
import type { ModuleDeps } from '../platform/module.js';
import { requestMatching } from './invitations.js';

export async function runMatchingNow(
  deps: ModuleDeps & { actor: AuditActor },
  programId: string,
  siteId?: string,
): Promise<void> {
  await deps.db.kysely.transaction().execute(async (tx) => {
    await requestMatching(deps, tx, programId, 'staff', siteId);
    await recordAudit(
      tx,
      deps.actor,
      {
        action: 'preregistration.matching.requested',
        subjectType: 'program',
        subjectId: programId,
        ...(siteId ? { details: { siteId } } : {}),
      },
      deps.now(),
    );
  });
}

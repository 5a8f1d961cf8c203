/** Staff "run matching now": the matching job is queued (one per program and minute) and the request audited. */
import { recordAudit, type AuditActor } from '../platform/audit/index.js';
import type { ModuleDeps } from '../platform/module.js';
import { requestMatching } from './invitations.js';

export async function runMatchingNow(deps: ModuleDeps & { actor: AuditActor }, programId: string): Promise<void> {
  await deps.db.kysely.transaction().execute(async (tx) => {
    await requestMatching(deps, tx, programId, 'staff');
    await recordAudit(
      tx,
      deps.actor,
      { action: 'preregistration.matching.requested', subjectType: 'program', subjectId: programId },
      deps.now(),
    );
  });
}

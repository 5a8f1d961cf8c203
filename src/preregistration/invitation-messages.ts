/**
 * The invitation messages of a matching run, composed by the outbox workers after the run: each batch of a run
 * queues one durable job (`send-invitation-messages`) in the same transaction as its invitations, so an invitation
 * never exists without its message being composed, and the run itself only decides and holds. The job renders each
 * message in the person's language (notifyMany: suppression checked, one delivery job per message) with the
 * invitation's idempotency key, so a job retried after a crash sends nothing twice. An invitation already answered
 * or expired by then gets no message.
 *
 * The link's token is derived from the invitation id with the server's keyed hash (HMAC-SHA256 under the data key,
 * a purpose of its own): only the server can compute it, only its hash is stored (and looked up), so the job can
 * build the link without the token ever being kept.
 */
import type { ModuleDeps } from '../platform/module.js';
import { notifyMany, type BulkNotice } from './faces.js';
import * as repo from './repository.js';
import { preregInvitationTemplate } from './templates.js';

export const SEND_INVITATION_MESSAGES = 'send-invitation-messages';

/** The secret part of an invitation's link. */
export const invitationToken = (deps: Pick<ModuleDeps, 'cipher'>, invitationId: string) =>
  deps.cipher.blindIndex(invitationId, 'prereg.invitation-link');

/** Compose and queue the messages of these invitations (those still offered, to people with a contact). */
export async function sendInvitationMessages(deps: ModuleDeps, invitationIds: string[]): Promise<number> {
  return deps.db.kysely.transaction().execute(async (tx) => {
    const rows = await repo.listInvitationsToMessage(tx, invitationIds);
    const notices: BulkNotice<Parameters<typeof preregInvitationTemplate.render>[0]>[] = [];
    for (const r of rows) {
      if (r.status !== 'offered' || !r.contact_id) continue;
      notices.push({
        contactId: r.contact_id,
        idempotencyKey: `prereg:invitation:${r.id}`,
        data: {
          name: deps.cipher.decrypt(r.given_name_enc, 'prereg.given_name'),
          program: { en: r.program_en, es: r.program_es },
          site: { name: r.site_name, address: `${r.site_address} ${r.postal_code}`, timeZone: r.time_zone },
          start: Number(r.starts_at),
          expiresAt: Number(r.expires_at),
          url: `${deps.config.publicUrl}/invite/${invitationToken(deps, r.id)}`,
          smsYes: r.sms_yes === 1,
        },
      });
    }
    return notifyMany(deps, tx, preregInvitationTemplate, notices);
  });
}

/**
 * The residents who chose "you may contact me about my answers": their contact, decrypted for the analyst's
 * comments view only, each read written to the audit log. Shown whatever the group's size — each person asked to be
 * linked to their own answers — and never in an export, a chart or the webhook.
 */
import { recordAudit, type AuditActor } from '../platform/audit/index.js';
import type { ModuleDeps } from '../platform/module.js';
import { CONTACT_FIELD } from './answer-survey.js';
import * as repo from './repository.js';
import { openResponse, type OpenResponseRow } from './sealed-text.js';

/** At most this many are shown at once (the filters narrow the list). */
export const CONTACTS_SHOWN = 100;

export interface ContactRequest {
  id: string;
  response: OpenResponseRow;
  kind: 'email' | 'phone';
  contact: string;
}

export async function loadContactRequests(
  deps: Pick<ModuleDeps, 'db' | 'cipher' | 'now'> & { actor: AuditActor },
  filter: repo.ResponseFilter,
): Promise<ContactRequest[]> {
  const rows = (await repo.listContactRequests(deps.db.kysely, filter)).slice(0, CONTACTS_SHOWN);
  const now = deps.now();
  return deps.db.kysely.transaction().execute(async (tx) => {
    const out: ContactRequest[] = [];
    for (const { contact_kind, contact_enc, contact_id, ...response } of rows) {
      await recordAudit(
        tx,
        deps.actor,
        { action: 'feedback.contact.viewed', subjectType: 'feedback_contact', subjectId: contact_id },
        now,
      );
      out.push({
        id: contact_id,
        response: openResponse(deps.cipher, response),
        kind: contact_kind,
        contact: deps.cipher.decrypt(contact_enc, CONTACT_FIELD),
      });
    }
    return out;
  });
}

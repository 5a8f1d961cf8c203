/**
 * Answer a survey: the link is used once (a conditional write), and the response keeps only the transaction's
 * context — it does not point at the link, the booking or the person. A webhook delivery is queued with it. Only
 * when the person chose "you may contact me" is their contact kept, encrypted, in a table of its own that points at
 * the response (the analysis, the exports and the webhook never read it).
 */
import { randomUUID } from 'node:crypto';
import { hashToken } from '../platform/crypto/index.js';
import { enqueue } from '../platform/jobs/index.js';
import type { ModuleDeps } from '../platform/module.js';
import { encodeDrivers } from './drivers.js';
import { WEBHOOK_JOB } from './jobs/send-webhook.js';
import { contactIndex } from './personal-data.js';
import * as repo from './repository.js';
import { sealResponseText } from './sealed-text.js';
import type { SurveyAnswers } from './schema.js';

export type LinkState =
  { ok: true; invitation: repo.InvitationRow } | { ok: false; error: 'not_found' | 'answered' | 'expired' };

/** Whether a link can be answered now (for showing the form). */
export async function checkSurveyLink(deps: Pick<ModuleDeps, 'db' | 'now'>, token: string): Promise<LinkState> {
  const invitation = await repo.findInvitationByTokenHash(deps.db.kysely, hashToken(token));
  if (!invitation) return { ok: false, error: 'not_found' };
  if (invitation.answered === 1) return { ok: false, error: 'answered' };
  if (invitation.expires_at <= deps.now()) return { ok: false, error: 'expired' };
  return { ok: true, invitation };
}

/** The contact column's name, bound into its encryption. */
export const CONTACT_FIELD = 'feedback_contact_requests.contact';

export async function answerSurvey(
  deps: Pick<ModuleDeps, 'db' | 'now' | 'config' | 'cipher'>,
  token: string,
  answers: SurveyAnswers,
): Promise<{ ok: true; responseId: string } | { ok: false; error: 'not_found' | 'answered' | 'expired' }> {
  const now = deps.now();
  return deps.db.kysely.transaction().execute(async (tx) => {
    const inv = await repo.findInvitationByTokenHash(tx, hashToken(token));
    if (!inv) return { ok: false, error: 'not_found' } as const;
    if (!(await repo.markInvitationAnswered(tx, inv.id, now)))
      return { ok: false, error: inv.answered === 1 ? 'answered' : 'expired' } as const;
    const id = randomUUID();
    await repo.insertResponse(tx, {
      id,
      form: inv.form,
      origin: inv.origin,
      program_id: inv.program_id,
      site_id: inv.site_id,
      channel: inv.channel,
      language: inv.language,
      transaction_date: inv.transaction_date,
      trust: answers.trust,
      satisfaction: answers.likert.satisfaction ?? null,
      effectiveness: answers.likert.effectiveness ?? null,
      ease: answers.likert.ease ?? null,
      efficiency: answers.likert.efficiency ?? null,
      equity: answers.likert.equity ?? null,
      employee: answers.likert.employee ?? null,
      went_well: encodeDrivers(answers.wentWell),
      not_well: encodeDrivers(answers.notWell),
      ...sealResponseText(deps.cipher, {
        comment: answers.comment,
        comment_well: answers.commentWell,
        custom_answers: JSON.stringify(answers.custom),
      }),
    });
    if (answers.contact)
      await repo.insertContactRequest(tx, {
        id: randomUUID(),
        response_id: id,
        kind: answers.contact.kind,
        contact_enc: deps.cipher.encrypt(answers.contact.value, CONTACT_FIELD),
        contact_index: contactIndex(deps.cipher, answers.contact.kind, answers.contact.value),
        created_at: now,
      });
    if (deps.config.feedback.webhookUrl)
      await enqueue(
        tx,
        deps.db.dialect,
        WEBHOOK_JOB,
        { responseId: id },
        { now, idempotencyKey: `feedback-webhook:${id}` },
      );
    return { ok: true, responseId: id } as const;
  });
}

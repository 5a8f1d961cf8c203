/**
 * Deliver one recorded message. The row is marked `sending` before it is handed over and `sent` after, so a
 * crash between the two is the only way a message can go twice. Opt-outs are checked again at send time: a STOP
 * received after the message was queued still stops it.
 */
import { z } from 'zod';
import { defineJob, PermanentJobError } from '../../platform/jobs/index.js';
import type { ModuleDeps } from '../../platform/module.js';
import { loadContact } from '../contacts.js';
import { decryptContent } from '../notify.js';
import type { RateLimiter } from '../rate-limiter.js';
import * as repo from '../repository.js';
import { SmsRejected, type SmsSender } from '../sms-provider.js';

export interface DeliveryDeps {
  sms: SmsSender;
  limits: { email: RateLimiter; sms: RateLimiter };
}

/** SMTP 5xx answers are permanent; connection problems and 4xx are worth retrying. */
function smtpPermanent(err: unknown): { permanent: boolean; bounced: boolean } {
  const code = typeof err === 'object' && err !== null ? (err as { responseCode?: unknown }).responseCode : undefined;
  const n = typeof code === 'number' ? code : 0;
  return { permanent: n >= 500, bounced: n >= 550 && n <= 553 };
}

async function stillAllowed(deps: ModuleDeps, m: repo.MessageRow): Promise<boolean> {
  if (!m.contact_id) return true;
  const contact = await loadContact(deps.db.kysely, deps.cipher, m.contact_id);
  if (!contact) return false;
  if (m.channel === 'sms') return contact.smsStoppedAt === null;
  return m.transactional === 1 || contact.emailOptOutAt === null;
}

export const DeliverMessagePayload = z.object({ messageId: z.string().min(1) });

export function deliverMessageJob(deps: ModuleDeps, d: DeliveryDeps) {
  const db = deps.db.kysely;
  const maxAttempts = 12;
  return defineJob({
    name: 'deliver-message',
    schema: DeliverMessagePayload,
    maxAttempts,
    backoff: { baseMs: 10_000, maxMs: 30 * 60_000 },
    async handler({ messageId }, ctx) {
      const m = await repo.findMessage(db, messageId);
      if (!m || (m.status !== 'queued' && m.status !== 'sending')) return;
      const now = ctx.now();
      if (!(await stillAllowed(deps, m))) {
        await repo.updateMessage(db, m.id, {
          status: 'suppressed',
          last_error: 'recipient opted out before sending',
          updated_at: now,
        });
        return;
      }
      const content = decryptContent(deps, m);
      const to = deps.cipher.decrypt(m.recipient_enc, 'message.recipient');
      await d.limits[m.channel].take();
      await repo.updateMessage(db, m.id, { status: 'sending', attempts: m.attempts + 1, updated_at: ctx.now() });
      try {
        const providerId =
          m.channel === 'email'
            ? (
                await deps.mailer.send({
                  to,
                  subject: content.subject,
                  text: content.text,
                  html: content.html,
                  messageId: `<${m.id}@frontdoor.messages>`,
                  ...(m.transactional
                    ? {}
                    : { headers: { 'List-Unsubscribe': `<${deps.config.publicUrl}/preferences>` } }),
                  attachments: content.attachments.map((a) => ({
                    filename: a.filename,
                    content: a.content,
                    contentType: a.contentType,
                  })),
                })
              ).messageId
            : (
                await d.sms.send({
                  to,
                  body: content.sms,
                  id: m.id,
                  statusCallback: `${deps.config.publicUrl}/webhooks/sms/status`,
                })
              ).providerId;
        await repo.updateMessage(db, m.id, {
          status: 'sent',
          provider_id: providerId,
          sent_at: ctx.now(),
          last_error: null,
          updated_at: ctx.now(),
        });
      } catch (err) {
        const message = err instanceof Error ? err.message : String(err);
        const smtp =
          m.channel === 'email' ? smtpPermanent(err) : { permanent: err instanceof SmsRejected, bounced: false };
        const final = smtp.permanent || ctx.attempt >= maxAttempts;
        await repo.updateMessage(db, m.id, {
          status: final ? (smtp.bounced ? 'bounced' : 'failed') : 'queued',
          last_error: message.slice(0, 500),
          updated_at: ctx.now(),
        });
        if (smtp.permanent) throw new PermanentJobError(message);
        throw err;
      }
    },
  });
}

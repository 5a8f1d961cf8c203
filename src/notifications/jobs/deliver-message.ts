/**
 * Deliver one recorded message. Before the hand-over the run claims the row with one compare-and-set UPDATE
 * (`sending`, attempts + 1, only if attempts is still what this run read, and only if the row is `queued` or its
 * last claim is older than one job lease). When a lease runs out and the job runs again while an earlier run is
 * still going, at most one run hands the message over; a run that finds a live claim does not send and lets the
 * job retry, by which time the other run has settled the row (or died, and its claim is taken over). The outcome
 * (`sent`, `queued`, `failed`, `bounced`) is written only while the row still carries this run's claim, so a stale
 * run never overwrites a newer one. After a crash between `sending` and `sent` the retry sends again
 * (at-least-once, ADR 0007). Opt-outs are checked again at send time: a STOP received after the message was queued
 * still stops it.
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
  // A claim younger than one lease may belong to a run that is still going (the runner only starts the job again
  // once a lease has lapsed); an older one belongs to a run that died or stalled, and is taken over.
  const leaseMs = deps.config.jobs.leaseMs;
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
        await repo.transitionMessage(
          db,
          m.id,
          ['queued', 'sending'],
          { status: 'suppressed', last_error: 'recipient opted out before sending', updated_at: now },
          { attempts: m.attempts },
        );
        return;
      }
      const content = decryptContent(deps, m);
      const to = deps.cipher.decrypt(m.recipient_enc, 'message.recipient');
      // The token is taken before the claim so the claim stays right next to the hand-over (a run waiting for a
      // token holds no claim). A run that then loses the claim wastes one token: it sends a little under the rate.
      await d.limits[m.channel].take();
      const claimedAt = ctx.now();
      if (!(await repo.claimMessageForDelivery(db, m.id, m.attempts, claimedAt, claimedAt - leaseMs))) {
        const current = await repo.findMessage(db, m.id);
        if (!current || (current.status !== 'queued' && current.status !== 'sending')) return;
        // Another run holds a live claim. Returning would end this job, and if that run then died the message
        // would stay `sending` with no job left to deliver it; retrying checks again after the backoff instead.
        throw new Error('another run is handing this message over; checking again later');
      }
      const claimed = m.attempts + 1;
      /** Write this run's outcome unless a newer run has claimed the row since; false if it has. */
      const settle = async (patch: repo.MessagePatch): Promise<boolean> => {
        if (await repo.transitionMessage(db, m.id, ['sending'], patch, { attempts: claimed })) return true;
        ctx.log.warn({ message: m.id, job: ctx.jobId }, 'a newer run claimed this message; its outcome stands');
        return false;
      };
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
        await settle({
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
        const settled = await settle({
          status: final ? (smtp.bounced ? 'bounced' : 'failed') : 'queued',
          last_error: message.slice(0, 500),
          updated_at: ctx.now(),
        });
        // A stale run's failure is not this job's to retry: the newer run owns the message and its outcome.
        if (!settled) return;
        if (smtp.permanent) throw new PermanentJobError(message);
        throw err;
      }
    },
  });
}

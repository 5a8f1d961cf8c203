/**
 * Tell another tool of each new response: POST the anonymous response as JSON, signed with HMAC-SHA256 over
 * "<timestamp>.<body>" (headers X-Frontdoor-Timestamp and X-Frontdoor-Signature: sha256=<hex>). Retried with
 * backoff; a 4xx other than 408/429 will not get better and fails at once.
 */
import { createHmac } from 'node:crypto';
import { z } from 'zod';
import { defineJob, PermanentJobError } from '../../platform/jobs/index.js';
import type { ModuleDeps } from '../../platform/module.js';
import { responseDto } from '../presenters.js';
import * as repo from '../repository.js';
import { openResponse } from '../sealed-text.js';

export const WEBHOOK_JOB = 'feedback-send-webhook';

/** The signature a receiver recomputes: hex HMAC-SHA256 of `${timestamp}.${body}` with the shared secret. */
export function webhookSignature(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`, 'utf8').digest('hex')}`;
}

export function sendWebhookJob(deps: ModuleDeps) {
  return defineJob({
    name: WEBHOOK_JOB,
    schema: z.object({ responseId: z.string() }),
    maxAttempts: 10,
    backoff: { baseMs: 10_000, maxMs: 3_600_000 },
    handler: async ({ responseId }, ctx) => {
      const { webhookUrl, webhookSecret } = deps.config.feedback;
      if (!webhookUrl || !webhookSecret) return;
      const row = await repo.findResponse(ctx.db.kysely, responseId);
      if (!row) throw new PermanentJobError('response not found');
      const response = responseDto(openResponse(deps.cipher, row));
      const body = JSON.stringify({ type: 'feedback.response.created', response });
      const timestamp = String(Math.floor(ctx.now() / 1000));
      const res = await fetch(webhookUrl, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-frontdoor-event': 'feedback.response.created',
          'x-frontdoor-timestamp': timestamp,
          'x-frontdoor-signature': webhookSignature(webhookSecret, timestamp, body),
          'x-frontdoor-delivery': `${responseId}`,
        },
        body,
        signal: AbortSignal.any([ctx.signal, AbortSignal.timeout(10_000)]),
        redirect: 'error',
      });
      await res.body?.cancel();
      if (res.ok) return;
      if (res.status >= 400 && res.status < 500 && res.status !== 408 && res.status !== 429)
        throw new PermanentJobError(`webhook refused: HTTP ${res.status}`);
      throw new Error(`webhook failed: HTTP ${res.status}`);
    },
  });
}

/**
 * Post an inbound text to the app's SMS webhook, signed the way the provider signs it (no SMS_AUTH_TOKEN set). Each
 * call is a new message unless `sid` repeats one (a replay or a provider retry).
 */
import { signWebhook } from '../../src/notifications/twilio-signature.js';
import type { TestApp } from './app.js';

export async function postInboundSms(app: TestApp, from: string, body: string, sid?: string): Promise<string> {
  const deps = app.built.deps;
  const params = { From: from, Body: body, MessageSid: sid ?? `SM${Math.random().toString(16).slice(2)}` };
  const key = deps.config.sms.authToken ?? deps.config.secretKey;
  const res = await fetch(`${app.url}/webhooks/sms`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      'x-twilio-signature': signWebhook(key, `${deps.config.publicUrl}/webhooks/sms`, params),
    },
    body: new URLSearchParams(params),
  });
  return res.text();
}

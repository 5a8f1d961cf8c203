/**
 * Sending SMS through a Twilio-compatible messages API (`POST {base}/2010-04-01/Accounts/{sid}/Messages.json`,
 * form-encoded, HTTP Basic auth). Without a provider, messages are written to DATA_DIR/outbox/sms as JSON so
 * development and demos show them.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export interface SmsSendResult {
  providerId: string;
}

/** A failure the provider says will not go away by retrying (bad number, blocked, opted out at the carrier). */
export class SmsRejected extends Error {
  constructor(
    message: string,
    readonly providerCode?: string | number,
  ) {
    super(message);
    this.name = 'SmsRejected';
  }
}

export interface SmsSender {
  readonly kind: 'provider' | 'outbox';
  send(m: { to: string; body: string; id: string; statusCallback?: string }): Promise<SmsSendResult>;
}

export interface SmsConfig {
  apiUrl: string | undefined;
  accountSid: string | undefined;
  authToken: string | undefined;
  from: string | undefined;
  outboxDir: string;
}

function providerSender(c: { apiUrl: string; accountSid: string; authToken: string; from: string }): SmsSender {
  const url = `${c.apiUrl.replace(/\/$/, '')}/2010-04-01/Accounts/${encodeURIComponent(c.accountSid)}/Messages.json`;
  const auth = `Basic ${Buffer.from(`${c.accountSid}:${c.authToken}`).toString('base64')}`;
  return {
    kind: 'provider',
    async send(m) {
      const body = new URLSearchParams({ To: m.to, From: c.from, Body: m.body });
      if (m.statusCallback) body.set('StatusCallback', m.statusCallback);
      const res = await fetch(url, {
        method: 'POST',
        headers: { authorization: auth, 'content-type': 'application/x-www-form-urlencoded' },
        body,
        signal: AbortSignal.timeout(15_000),
      });
      const json = (await res.json().catch(() => ({}))) as { sid?: string; code?: number; message?: string };
      if (res.ok && json.sid) return { providerId: json.sid };
      const message = `SMS provider answered ${res.status}${json.message ? `: ${json.message}` : ''}`;
      // 4xx other than rate limiting will fail again; 429 and 5xx are worth retrying.
      if (res.status >= 400 && res.status < 500 && res.status !== 429) throw new SmsRejected(message, json.code);
      throw new Error(message);
    },
  };
}

function outboxSender(dir: string, from: string): SmsSender {
  return {
    kind: 'outbox',
    async send(m) {
      mkdirSync(dir, { recursive: true });
      const file = path.join(dir, `${Date.now()}-${m.id}.json`);
      writeFileSync(file, JSON.stringify({ to: m.to, from, body: m.body, id: m.id }, null, 2), { mode: 0o600 });
      return { providerId: `outbox-${m.id}` };
    },
  };
}

export function createSmsSender(c: SmsConfig): SmsSender {
  if (c.apiUrl && c.accountSid && c.authToken && c.from) {
    return providerSender({ apiUrl: c.apiUrl, accountSid: c.accountSid, authToken: c.authToken, from: c.from });
  }
  return outboxSender(c.outboxDir, c.from ?? '+15550000000');
}

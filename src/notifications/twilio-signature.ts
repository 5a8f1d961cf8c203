/**
 * Twilio-style webhook signatures: base64(HMAC-SHA1(authToken, url + each POST parameter's name and value in
 * name order)). See the provider's "webhooks security" documentation; the scheme is shared by compatible APIs.
 */
import { createHmac } from 'node:crypto';
import { safeEqual } from '../platform/crypto/index.js';

export function signWebhook(authToken: string, url: string, params: Record<string, string>): string {
  const data = Object.keys(params)
    .sort()
    .reduce((acc, k) => acc + k + (params[k] ?? ''), url);
  return createHmac('sha1', authToken).update(data, 'utf8').digest('base64');
}

export function verifyWebhook(
  authToken: string,
  url: string,
  params: Record<string, string>,
  signature: string | undefined,
): boolean {
  return typeof signature === 'string' && safeEqual(signWebhook(authToken, url, params), signature);
}

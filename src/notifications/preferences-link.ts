/** The signed link to a contact's preferences page: no account needed, cannot be guessed or altered. */
import { hmacSign, safeEqual } from '../platform/crypto/index.js';
import type { Config } from '../config/env.js';
import type { Locale } from '../platform/i18n/index.js';

export function preferencesToken(secretKey: string, contactId: string): string {
  return `${contactId}.${hmacSign(secretKey, `preferences:${contactId}`)}`;
}

/** The link for a message: it opens the page in the language of the message. */
export function preferencesUrl(
  config: Pick<Config, 'publicUrl' | 'secretKey'>,
  contactId: string,
  locale: Locale,
): string {
  return `${config.publicUrl}/preferences/${preferencesToken(config.secretKey, contactId)}?lang=${locale}`;
}

/** The contact id a token stands for, or null when it was not signed by us. */
export function contactIdFromToken(secretKey: string, token: string): string | null {
  const dot = token.lastIndexOf('.');
  if (dot <= 0) return null;
  const id = token.slice(0, dot);
  return safeEqual(preferencesToken(secretKey, id), token) ? id : null;
}

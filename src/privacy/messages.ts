import en from './messages/en.json' with { type: 'json' };
import es from './messages/es.json' with { type: 'json' };
import { defineCatalog, type Locale } from '../platform/i18n/index.js';

export const privacyMessages = defineCatalog('privacy', en, es);
export type PrivacyKey = keyof typeof en;

/** Translate form errors whose values are keys of this catalog. */
export function translatePrivacyErrors(locale: Locale, errors: Record<string, string>): Record<string, string> {
  const t = privacyMessages.for(locale);
  // Keys come from our own schemas; anything else is shown as given.
  return Object.fromEntries(
    Object.entries(errors).map(([f, k]) => [f, k in privacyMessages.messages.en ? t(k as PrivacyKey) : k]),
  );
}

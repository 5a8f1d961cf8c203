import en from './messages/en.json' with { type: 'json' };
import es from './messages/es.json' with { type: 'json' };
import { defineCatalog, type Locale } from '../platform/i18n/index.js';

export const preregMessages = defineCatalog('preregistration', en, es);
export type PreregKey = keyof typeof en;

/** Translate form errors whose values are keys of this catalog. */
export function translatePreregErrors(locale: Locale, errors: Record<string, string>): Record<string, string> {
  const t = preregMessages.for(locale);
  // Keys come from our own schemas; anything else is shown as given.
  return Object.fromEntries(
    Object.entries(errors).map(([f, k]) => [f, k in preregMessages.messages.en ? t(k as PreregKey) : k]),
  );
}

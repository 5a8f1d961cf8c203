import en from './messages/en.json' with { type: 'json' };
import es from './messages/es.json' with { type: 'json' };
import { defineCatalog, type Locale } from '../platform/i18n/index.js';

export const staffMessages = defineCatalog('staff', en, es);
export type StaffKey = keyof typeof en;

/** Translate form errors whose values are message keys of this catalog. */
export function translateFormErrors(locale: Locale, errors: Record<string, string>): Record<string, string> {
  const t = staffMessages.for(locale);
  const known = staffMessages.messages.en;
  // Keys come from our own schemas; anything else is shown as given.
  return Object.fromEntries(Object.entries(errors).map(([f, k]) => [f, k in known ? t(k as StaffKey) : k]));
}

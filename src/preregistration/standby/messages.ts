import en from './messages/en.json' with { type: 'json' };
import es from './messages/es.json' with { type: 'json' };
import { defineCatalog, type Locale } from '../../platform/i18n/index.js';

export const standbyMessages = defineCatalog('preregistration-standby', en, es);
export type StandbyKey = keyof typeof en;

/** Form errors whose values are keys of this catalog, translated (anything else shown as given). */
export function translateStandbyErrors(locale: Locale, errors: Record<string, string>): Record<string, string> {
  const t = standbyMessages.for(locale);
  // Our schemas carry keys of this catalog as messages; the `in` check guards the cast.
  return Object.fromEntries(
    Object.entries(errors).map(([f, k]) => [f, k in standbyMessages.messages.en ? t(k as StandbyKey) : k]),
  );
}

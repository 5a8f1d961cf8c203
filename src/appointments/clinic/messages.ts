import en from './messages/en.json' with { type: 'json' };
import es from './messages/es.json' with { type: 'json' };
import { defineCatalog, type Locale } from '../../platform/i18n/index.js';

export const clinicMessages = defineCatalog('appointments-clinic', en, es);
export type ClinicKey = keyof typeof en;

/** Form errors whose values are keys of this catalog, translated (anything else shown as given). */
export function translateClinicErrors(locale: Locale, errors: Record<string, string>): Record<string, string> {
  const t = clinicMessages.for(locale);
  return Object.fromEntries(
    // Our schemas carry keys of this catalog as messages; the `in` check guards the cast.
    Object.entries(errors).map(([f, k]) => [f, k in clinicMessages.messages.en ? t(k as ClinicKey) : k]),
  );
}

import en from './messages/en.json' with { type: 'json' };
import es from './messages/es.json' with { type: 'json' };
import { defineCatalog, type Locale } from '../platform/i18n/index.js';

export const sitesMessages = defineCatalog('sites', en, es);
export type SitesKey = keyof typeof en;

/** Translate form errors whose values are keys of this catalog. */
export function translateSiteErrors(locale: Locale, errors: Record<string, string>): Record<string, string> {
  const t = sitesMessages.for(locale);
  // Keys come from our own schema; anything else is shown as given.
  return Object.fromEntries(
    Object.entries(errors).map(([f, k]) => [f, k in sitesMessages.messages.en ? t(k as SitesKey) : k]),
  );
}

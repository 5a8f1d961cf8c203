import type { AgencyContact } from '../agency/contact.js';
import type { Locale } from '../i18n/index.js';

/** What every page template needs to know about the request it answers. */
export interface PageContext {
  locale: Locale;
  agencyName: string;
  /** The county's phone line and hours (every page's footer, and pages that say "call us"). */
  agencyContact: AgencyContact;
  /** Path and query of this page without `lang`, used to build the language switch link. */
  path: string;
  /** Token for forms on this page (CSRF). */
  csrfToken: string;
  /** The signed-in staff member, when there is one. */
  staff?: { name: string; roleLabel: string } | undefined;
  requestId: string;
}

/** The same page in the other language. */
export function languageHref(path: string, locale: Locale): string {
  const url = new URL(path, 'http://x');
  url.searchParams.set('lang', locale);
  return `${url.pathname}${url.search}`;
}

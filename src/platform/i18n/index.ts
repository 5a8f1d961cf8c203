/**
 * Languages: per-module message catalogs with keys typed from English, ICU MessageFormat for plurals and
 * placeholders, locale negotiation (`?lang=` → cookie → `Accept-Language`) and `Intl` date formatting in an
 * explicit time zone. See docs/decisions/0006-i18n.md.
 */
import { IntlMessageFormat } from 'intl-messageformat';

/** The languages every resident page is offered in. */
export const LOCALES = ['en', 'es'] as const;
export type Locale = (typeof LOCALES)[number];

/** Each language's own name, for the language selector. */
export const LOCALE_NAMES: Record<Locale, string> = { en: 'English', es: 'Español' };

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/** Values interpolated into a message. */
export type MessageValues = Record<string, string | number | Date>;

/** Translate one key of a catalog. */
export type Translator<K extends string> = (key: K, values?: MessageValues) => string;

/** A module's messages in every locale. Keys are the English file's keys. */
export interface Catalog<K extends string> {
  readonly name: string;
  readonly messages: Readonly<Record<Locale, Readonly<Record<K, string>>>>;
  /** The translator for one locale (cached). */
  for(locale: Locale): Translator<K>;
}

/**
 * Define a module's catalog. The Spanish file must have every English key (a missing key does not compile;
 * extra keys and differing placeholders are caught by the catalog test).
 */
export function defineCatalog<E extends Record<string, string>>(
  name: string,
  en: E,
  es: Record<keyof E & string, string>,
): Catalog<keyof E & string> {
  type K = keyof E & string;
  const messages: Record<Locale, Record<K, string>> = { en, es };
  const compiled = new Map<string, IntlMessageFormat>();
  const translators = new Map<Locale, Translator<K>>();
  const format = (locale: Locale, key: K, values?: MessageValues): string => {
    const cacheKey = `${locale}\u0000${key}`;
    let mf = compiled.get(cacheKey);
    if (!mf) {
      const source = messages[locale][key] ?? messages.en[key];
      if (source === undefined) throw new Error(`Missing message ${name}:${key}`);
      mf = new IntlMessageFormat(source, locale, undefined, { ignoreTag: true });
      compiled.set(cacheKey, mf);
    }
    const out = mf.format(values);
    return typeof out === 'string' ? out : String(out);
  };
  return {
    name,
    messages,
    for(locale) {
      let t = translators.get(locale);
      if (!t) {
        t = (key, values) => format(locale, key, values);
        translators.set(locale, t);
      }
      return t;
    },
  };
}

/** Parse an Accept-Language header and return the best supported locale, if any. */
export function localeFromAcceptLanguage(header: string | undefined): Locale | undefined {
  if (!header) return undefined;
  const ranked = header
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      const quality = q ? Number(q.slice(2)) : 1;
      return {
        lang: tag.trim().toLowerCase().split('-')[0] ?? '',
        quality: Number.isFinite(quality) ? quality : 0,
        index,
      };
    })
    .filter((r) => r.quality > 0)
    .sort((a, b) => b.quality - a.quality || a.index - b.index);
  return ranked.map((r) => r.lang).find(isLocale);
}

/** `?lang=` wins, then the remembered cookie, then the browser's preference, then the agency default. */
export function negotiateLocale(input: {
  query: unknown;
  cookie: unknown;
  acceptLanguage: string | undefined;
  fallback: Locale;
}): Locale {
  if (isLocale(input.query)) return input.query;
  if (isLocale(input.cookie)) return input.cookie;
  return localeFromAcceptLanguage(input.acceptLanguage) ?? input.fallback;
}

const dateFormats = new Map<string, Intl.DateTimeFormat>();

/** Format an instant for people, always in an explicit time zone (never the server's). */
export function formatDateTime(
  instantMs: number,
  locale: Locale,
  timeZone: string,
  style: 'date' | 'time' | 'datetime' | 'long-date' = 'datetime',
): string {
  const key = `${locale}|${timeZone}|${style}`;
  let f = dateFormats.get(key);
  if (!f) {
    const options: Intl.DateTimeFormatOptions =
      style === 'date'
        ? { dateStyle: 'medium' }
        : style === 'time'
          ? { timeStyle: 'short' }
          : style === 'long-date'
            ? { dateStyle: 'full' }
            : { dateStyle: 'medium', timeStyle: 'short' };
    f = new Intl.DateTimeFormat(locale === 'es' ? 'es-US' : 'en-US', { ...options, timeZone });
    dateFormats.set(key, f);
  }
  return f.format(new Date(instantMs));
}

const calendarFormats = new Map<string, Intl.DateTimeFormat>();
/** Answers by zone and quarter hour: every zone's offset is a whole number of quarter hours, so a day never
 * starts inside one. Bounded; cleared when full. */
const calendarDates = new Map<string, string>();
const QUARTER_HOUR = 900_000;

/**
 * The calendar date (YYYY-MM-DD) of an instant in a time zone: what day it is there. Sits on the booking path
 * (the age check), where building a zoned date-time per request showed in profiles: one cached formatter per zone,
 * and the answer cached per quarter hour.
 */
export function calendarDateIn(instantMs: number, timeZone: string): string {
  const key = `${timeZone}|${Math.floor(instantMs / QUARTER_HOUR)}`;
  const known = calendarDates.get(key);
  if (known !== undefined) return known;
  let f = calendarFormats.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    calendarFormats.set(timeZone, f);
  }
  let year = '';
  let month = '';
  let day = '';
  for (const part of f.formatToParts(instantMs)) {
    if (part.type === 'year') year = part.value;
    else if (part.type === 'month') month = part.value;
    else if (part.type === 'day') day = part.value;
  }
  const date = `${year.padStart(4, '0')}-${month}-${day}`;
  if (calendarDates.size >= 50_000) calendarDates.clear();
  calendarDates.set(key, date);
  return date;
}

/**
 * How residents reach the county by phone: the number and the hours it is answered, from configuration
 * (`AGENCY_PHONE`, `AGENCY_HOURS`), shown on every resident page, every error page and in messages that tell people
 * to call. Hours are written in a small subset of OpenStreetMap's `opening_hours` syntax
 * (`Mo-Fr 08:00-18:00; Sa 09:00-13:00`) and shown in the reader's language.
 */
import type { Locale } from '../i18n/index.js';
import { platformMessages } from '../i18n/messages.js';

/** The county's phone line: the number in E.164 and the hours it is answered. */
export interface AgencyContact {
  /** E.164, e.g. `+15550100100` (used for `tel:` links). */
  phone: string;
  hours: OpeningHours;
}

/** Days 0 (Monday) to 6 (Sunday), each with its opening and closing minute of the day. */
export type OpeningHours = readonly { days: readonly number[]; from: number; to: number }[];

const DAYS = ['mo', 'tu', 'we', 'th', 'fr', 'sa', 'su'] as const;
const E164 = /^\+[1-9]\d{7,14}$/;
const TIME = /^([01]\d|2[0-4]):([0-5]\d)$/;

/** The number as E.164 (spaces, dots, dashes and brackets removed), or null when it is not one. */
export function parsePhone(value: string): string | null {
  const compact = value.replace(/[\s().-]/g, '');
  return E164.test(compact) ? compact : null;
}

function minuteOf(value: string): number | null {
  const m = TIME.exec(value);
  if (!m) return null;
  const minutes = Number(m[1]) * 60 + Number(m[2]);
  return minutes <= 24 * 60 ? minutes : null;
}

function dayOf(value: string): number | null {
  const i = (DAYS as readonly string[]).indexOf(value.toLowerCase());
  return i < 0 ? null : i;
}

/** `Mo-Fr 08:00-18:00; Sa 09:00-13:00` (day ranges and lists, one time range per rule), or null when malformed. */
export function parseOpeningHours(spec: string): OpeningHours | null {
  const rules = spec
    .split(';')
    .map((r) => r.trim())
    .filter((r) => r !== '');
  if (rules.length === 0) return null;
  const out: { days: number[]; from: number; to: number }[] = [];
  for (const rule of rules) {
    const m = /^([A-Za-z,\s-]+?)\s+(\d\d:\d\d)\s*-\s*(\d\d:\d\d)$/.exec(rule);
    if (!m?.[1] || !m[2] || !m[3]) return null;
    const days: number[] = [];
    for (const part of m[1].split(',').map((p) => p.trim())) {
      const [a = '', b] = part.split('-').map((p) => p.trim());
      const first = dayOf(a);
      const last = b === undefined ? first : dayOf(b);
      if (first === null || last === null || last < first) return null;
      for (let d = first; d <= last; d++) days.push(d);
    }
    const from = minuteOf(m[2]);
    const to = minuteOf(m[3]);
    if (from === null || to === null || to <= from) return null;
    out.push({ days, from, to });
  }
  return out;
}

/** The number as people read it: `(555) 010-0100` for North American numbers, E.164 otherwise. */
export function phoneForDisplay(e164: string): string {
  const m = /^\+1(\d{3})(\d{3})(\d{4})$/.exec(e164);
  return m ? `(${m[1]}) ${m[2]}-${m[3]}` : e164;
}

// 2024-01-01 was a Monday: day d of the week is 2024-01-0(d+1), read in UTC.
const weekday = (d: number, locale: Locale) =>
  new Intl.DateTimeFormat(locale, { weekday: 'long', timeZone: 'UTC' }).format(Date.UTC(2024, 0, 1 + d));
const clock = (minute: number, locale: Locale) =>
  new Intl.DateTimeFormat(locale, { hour: 'numeric', minute: '2-digit', timeZone: 'UTC' }).format(
    Date.UTC(2024, 0, 1, 0, Math.min(minute, 24 * 60 - 1)),
  );

/** Consecutive days as runs: [0,1,2,3,4,6] → [[0,4],[6,6]]. */
function runs(days: readonly number[]): [number, number][] {
  const out: [number, number][] = [];
  for (const d of [...days].sort((a, b) => a - b)) {
    const last = out[out.length - 1];
    if (last && d === last[1] + 1) last[1] = d;
    else out.push([d, d]);
  }
  return out;
}

/** The hours in the reader's language: "Monday to Friday, 8:00 AM – 6:00 PM; Saturday, 9:00 AM – 1:00 PM". */
export function formatOpeningHours(hours: OpeningHours, locale: Locale): string {
  const t = platformMessages.for(locale);
  const list = new Intl.ListFormat(locale, { style: 'long', type: 'conjunction' });
  return hours
    .map((rule) => {
      const days = list.format(
        runs(rule.days).map(([a, b]) =>
          a === b ? weekday(a, locale) : t('contact.dayRange', { first: weekday(a, locale), last: weekday(b, locale) }),
        ),
      );
      return t('contact.hoursRule', { days, from: clock(rule.from, locale), to: clock(rule.to, locale) });
    })
    .join('; ');
}

/** "Call (555) 010-0100, Monday to Friday, 8:00 AM – 6:00 PM." in the reader's language. */
export function callUs(contact: AgencyContact, locale: Locale): string {
  return platformMessages.for(locale)('contact.callUs', {
    phone: phoneForDisplay(contact.phone),
    hours: formatOpeningHours(contact.hours, locale),
  });
}

/** A calendar day at a site: its start and end instants in the site's zone (23 or 25 hours across DST changes). */
import { DateTime } from 'luxon';
import { isCalendarDate } from '../../platform/input/index.js';

export interface SiteDay {
  date: string;
  from: number;
  to: number;
  previous: string;
  next: string;
}

/** The site's today (YYYY-MM-DD) at instant `now`. */
export function todayAt(zone: string, now: number): string {
  return DateTime.fromMillis(now, { zone }).toISODate() ?? '';
}

/** The calendar day `date` in `zone`, or null when `date` is not a real YYYY-MM-DD date. */
export function siteDay(zone: string, date: string): SiteDay | null {
  if (!isCalendarDate(date)) return null;
  const start = DateTime.fromISO(date, { zone }).startOf('day');
  if (!start.isValid) return null;
  const end = start.plus({ days: 1 });
  return {
    date,
    from: start.toMillis(),
    to: end.toMillis(),
    previous: start.minus({ days: 1 }).toISODate() ?? date,
    next: end.toISODate() ?? date,
  };
}

/** The site's day for an optional `?date=` (today when absent or not a date). */
export function siteDayOrToday(zone: string, date: unknown, now: number): SiteDay {
  const asked = typeof date === 'string' ? siteDay(zone, date) : null;
  // todayAt always yields a valid date, so siteDay cannot be null here.
  return asked ?? (siteDay(zone, todayAt(zone, now)) as SiteDay);
}

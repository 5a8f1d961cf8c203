/** Local-time arithmetic in a site's zone (Luxon, so daylight-saving days have 23 or 25 hours). */
import { DateTime } from 'luxon';
import type { ClosureRow } from './repository.js';
import type { Break } from './schema.js';

/** The instants [start, end) a closure covers: the whole local day, or its local time range. */
export function closureWindow(
  c: Pick<ClosureRow, 'date' | 'from_time' | 'to_time'>,
  zone: string,
): { start: number; end: number } {
  const day = DateTime.fromISO(c.date, { zone }).startOf('day');
  if (!c.from_time || !c.to_time) return { start: day.toMillis(), end: day.plus({ days: 1 }).toMillis() };
  return {
    start: DateTime.fromISO(`${c.date}T${c.from_time}`, { zone }).toMillis(),
    end: DateTime.fromISO(`${c.date}T${c.to_time}`, { zone }).toMillis(),
  };
}

/** The first instant of a local day and of the day after `toDate`. */
export function dayRange(fromDate: string, toDate: string, zone: string): { start: number; end: number } {
  return {
    start: DateTime.fromISO(fromDate, { zone }).startOf('day').toMillis(),
    end: DateTime.fromISO(toDate, { zone }).startOf('day').plus({ days: 1 }).toMillis(),
  };
}

const minutesOf = (hhmm: string) => {
  const [h = 0, m = 0] = hhmm.split(':').map(Number);
  return h * 60 + m;
};

/** True when a slot's local wall-clock time overlaps one of the breaks. */
export function overlapsBreak(startsAt: number, slotMinutes: number, breaks: Break[], zone: string): boolean {
  const local = DateTime.fromMillis(startsAt, { zone });
  const start = local.hour * 60 + local.minute;
  const end = start + slotMinutes;
  return breaks.some((b) => start < minutesOf(b.to) && end > minutesOf(b.from));
}

/** An instant from a local date and HH:mm; null when that local time does not exist (the spring-forward hour). */
export function localInstant(date: string, time: string, zone: string): number | null {
  const [hour = 0, minute = 0] = time.split(':').map(Number);
  const t = DateTime.fromISO(date, { zone }).set({ hour, minute, second: 0, millisecond: 0 });
  if (!t.isValid || t.hour !== hour || t.minute !== minute) return null;
  return t.toMillis();
}

/** The Monday of the ISO week holding a local date. */
export const weekStart = (date: string, zone: string): DateTime =>
  DateTime.fromISO(date, { zone }).startOf('week').startOf('day');

/** Today's date at a site. */
export const todayAt = (now: number, zone: string): string =>
  DateTime.fromMillis(now, { zone }).toISODate() ?? '1970-01-01';

/**
 * Slot times from a schedule template, in the site's local time: every `slotMinutes` from `opens` to `closes`
 * on the chosen weekdays. Days are walked as calendar dates in the site's zone, so a daylight-saving change moves
 * the UTC instants, never the local times people see (a 9:00 clinic opens at 9:00 on both sides of the change).
 */
import { DateTime } from 'luxon';

export interface ScheduleTemplate {
  timeZone: string;
  /** First and last calendar day, YYYY-MM-DD, in the site's zone. */
  fromDate: string;
  toDate: string;
  /** ISO weekdays: 1 = Monday … 7 = Sunday. */
  weekdays: number[];
  /** Local opening and closing times, HH:mm. */
  opens: string;
  closes: string;
  slotMinutes: number;
  /** Days the site is closed (YYYY-MM-DD). */
  closures?: string[];
}

export interface SlotTime {
  startsAt: number;
  endsAt: number;
}

function minutesOf(hhmm: string): number {
  const [h = 0, m = 0] = hhmm.split(':').map(Number);
  return h * 60 + m;
}

export function generateSlotTimes(t: ScheduleTemplate): SlotTime[] {
  const out: SlotTime[] = [];
  const closed = new Set(t.closures ?? []);
  const first = DateTime.fromISO(t.fromDate, { zone: t.timeZone });
  const last = DateTime.fromISO(t.toDate, { zone: t.timeZone });
  if (!first.isValid || !last.isValid || t.slotMinutes <= 0) return out;
  const open = minutesOf(t.opens);
  const close = minutesOf(t.closes);
  for (let day = first; day <= last; day = day.plus({ days: 1 })) {
    if (!t.weekdays.includes(day.weekday) || closed.has(day.toISODate() ?? '')) continue;
    for (let m = open; m + t.slotMinutes <= close; m += t.slotMinutes) {
      const start = day.set({ hour: Math.floor(m / 60), minute: m % 60, second: 0, millisecond: 0 });
      // A local time that does not exist (the spring-forward hour) is skipped rather than shifted.
      if (start.hour !== Math.floor(m / 60) || start.minute !== m % 60) continue;
      out.push({ startsAt: start.toMillis(), endsAt: start.plus({ minutes: t.slotMinutes }).toMillis() });
    }
  }
  return out;
}

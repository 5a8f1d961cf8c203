/**
 * Calendar dates typed by people or sent by other systems: `YYYY-MM-DD`, a day that exists on the calendar
 * (no 1971-02-30, no 1980-13-45, 29 February only in leap years) and a year we can mean (1900–2999). `Date.parse`
 * and Luxon roll impossible days over or accept year 0, so every date input goes through here instead.
 */
import { z } from 'zod';

/** The earliest date any input may hold (and the earliest birth date). */
export const EARLIEST_DATE = '1900-01-01';
/** The latest date any input may hold. */
export const LATEST_DATE = '2999-12-31';

// zod's ISO date knows the calendar: month lengths and leap years.
const realDay = z.iso.date();

/** True when `value` is a real calendar date written `YYYY-MM-DD`, from 1900-01-01 to 2999-12-31. */
export function isCalendarDate(value: unknown): value is string {
  return (
    typeof value === 'string' && realDay.safeParse(value).success && value >= EARLIEST_DATE && value <= LATEST_DATE
  );
}

/**
 * The latest calendar date anywhere on Earth at instant `now` (UTC+14). Nobody can have been born after it, so it
 * is the "today" a birth date is checked against when no place is known.
 */
export function latestDateAt(now: number): string {
  return new Date(now + 14 * 3_600_000).toISOString().slice(0, 10);
}

/** Why a birth date is refused: not a real `YYYY-MM-DD` date, or before 1900 / after `today`. */
export type BirthDateProblem = 'invalid' | 'range';

/** The problem with a birth date (today is `YYYY-MM-DD`), or null when it is a possible one. */
export function birthDateProblem(value: string, today: string): BirthDateProblem | null {
  if (!realDay.safeParse(value).success) return 'invalid';
  return value < EARLIEST_DATE || value > today ? 'range' : null;
}

/** A zod string that must be a calendar date (trimmed); `message` is the caller's error (a message key). */
export function calendarDateSchema(message: string) {
  return z.string({ error: message }).trim().refine(isCalendarDate, { error: message });
}

/**
 * A zod string that must be a possible birth date: a real date, not before 1900, not after `today()` (read at each
 * parse, from the caller's clock). Errors are the caller's message keys for each problem.
 */
export function birthDateSchema(o: { today: () => string; invalid: string; range: string }) {
  return z
    .string({ error: o.invalid })
    .trim()
    .superRefine((value, ctx) => {
      const problem = birthDateProblem(value, o.today());
      if (problem) ctx.addIssue({ code: 'custom', message: problem === 'invalid' ? o.invalid : o.range });
    });
}

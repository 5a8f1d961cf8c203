/** What typed input must be before any module keeps it: real calendar dates, possible birth dates, names. */
export {
  /** The earliest date any input may hold (also the earliest birth date): 1900-01-01. */
  EARLIEST_DATE,
  /** The latest date any input may hold: 2999-12-31. */
  LATEST_DATE,
  /** True for a real `YYYY-MM-DD` calendar date from 1900 to 2999. */
  isCalendarDate,
  /** The latest calendar date anywhere on Earth at an instant (what "today" is for a birth date). */
  latestDateAt,
  /** Why a birth date is refused (`invalid` or `range`), or null. */
  birthDateProblem,
  /** A zod string that must be a calendar date. */
  calendarDateSchema,
  /** A zod string that must be a possible birth date (real, 1900 to today). */
  birthDateSchema,
  type BirthDateProblem,
} from './calendar-date.js';
export {
  /** A name as stored: NFC, trimmed. */
  normaliseName,
  /** Why a name is refused (`required`, `too-long`, `characters`), or null. */
  nameProblem,
  /** A zod schema for a person's name: NFC, trimmed, no invisible or control characters, at least one letter. */
  personNameSchema,
  /** The letters and digits of a name, marks dropped, lower case: what a person's blind index is taken over. */
  nameKey,
  type NameProblem,
} from './person-name.js';

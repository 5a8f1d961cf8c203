/** The questions of the two A-11 forms: the drivers of the current form and the items of the earlier Likert set. */

/** Drivers a person can tick as "went well" or "didn't go so well" on the current A-11 form. */
export const A11_DRIVERS = [
  'effectiveness',
  'ease',
  'efficiency',
  'transparency',
  'humanity',
  'employee',
  'other',
] as const;
export type A11Driver = (typeof A11_DRIVERS)[number];

/** The earlier A-11 Likert items (1 strongly disagree … 5 strongly agree); `trust` is the outcome. */
export const LIKERT_ITEMS = [
  'satisfaction',
  'trust',
  'effectiveness',
  'ease',
  'efficiency',
  'equity',
  'employee',
] as const;
export type LikertItem = (typeof LIKERT_ITEMS)[number];

/** The Likert items whose weight on trust the analysis estimates. */
export const LIKERT_DRIVERS = ['effectiveness', 'ease', 'efficiency', 'equity', 'employee'] as const;
export type LikertDriver = (typeof LIKERT_DRIVERS)[number];

export const FORMS = ['a11', 'likert'] as const;
export type SurveyForm = (typeof FORMS)[number];

/** What caused a survey to be offered. */
export const ORIGINS = ['visit', 'cancellation', 'booking'] as const;
export type SurveyOrigin = (typeof ORIGINS)[number];

export const SCALE = [1, 2, 3, 4, 5] as const;

/** Stored as ",a,b," so one LIKE finds a driver on both engines. */
export function encodeDrivers(list: readonly string[]): string {
  return list.length === 0 ? '' : `,${list.join(',')},`;
}

export function decodeDrivers(value: string): A11Driver[] {
  return value.split(',').filter((d): d is A11Driver => (A11_DRIVERS as readonly string[]).includes(d));
}

/**
 * The admission rate as measured, and the wait it implies. Nothing is invented: with no admission measured over
 * at least a minute there is no estimate, and the pages say so.
 */

/** The sliding window the admission rate is measured over. */
export const RATE_WINDOW_MS = 5 * 60_000;
/** The shortest measurement that gives a rate. */
export const MIN_MEASURED_MS = 60_000;

/**
 * Admissions per minute over the last `RATE_WINDOW_MS` (or since the room opened, when that is shorter), or null
 * when less than a minute was measured or nobody was admitted in it.
 */
export function measuredRatePerMinute(o: {
  admittedInWindow: number;
  activeSince: number | null;
  now: number;
}): number | null {
  if (o.activeSince === null || o.admittedInWindow <= 0) return null;
  const span = Math.min(RATE_WINDOW_MS, o.now - o.activeSince);
  if (span < MIN_MEASURED_MS) return null;
  return (o.admittedInWindow * 60_000) / span;
}

/** Whole minutes until `ahead` people are admitted at `ratePerMinute` (at least 1), or null without a rate. */
export function etaMinutes(ahead: number, ratePerMinute: number | null): number | null {
  if (ratePerMinute === null || ratePerMinute <= 0) return null;
  return Math.max(1, Math.ceil(ahead / ratePerMinute));
}

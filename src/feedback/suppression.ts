/**
 * Small-cell suppression, the one rule every page, chart and export of feedback uses: a group of fewer than
 * `MIN_RESPONSES` responses is never shown (nor its counts, means or comments), so no one can be singled out.
 */

/** Residents' feedback: cells under 10 responses are suppressed. */
export const MIN_RESPONSES = 10;
/** Staff pulse: groups under 5 responses are suppressed. */
export const MIN_PULSE_RESPONSES = 5;

/** True when a group of `n` responses may be shown. */
export function isShowable(n: number, min: number = MIN_RESPONSES): boolean {
  return n >= min;
}

/** A cell that may be shown, or the marker that it was suppressed (never its value). */
export type Cell<T> = ({ suppressed: false; n: number } & T) | { suppressed: true };

/** Keep a cell's value only when its group is large enough. */
export function suppress<T extends object>(n: number, value: () => T, min: number = MIN_RESPONSES): Cell<T> {
  return isShowable(n, min) ? { suppressed: false, n, ...value() } : { suppressed: true };
}

/** The word CSV exports write instead of a suppressed value. */
export const SUPPRESSED_CSV = 'suppressed';

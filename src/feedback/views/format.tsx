/** Number formatting and the suppressed-cell text shared by the console views. */
import type { Locale } from '../../platform/i18n/index.js';
import { feedbackMessages } from '../messages.js';
import type { Estimate } from '../statistics.js';
import type { Cell } from '../suppression.js';

const tag = (locale: Locale) => (locale === 'es' ? 'es-US' : 'en-US');

export function num(locale: Locale, v: number, digits = 2): string {
  return Number.isFinite(v)
    ? new Intl.NumberFormat(tag(locale), { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(v)
    : '—';
}

export function pct(locale: Locale, v: number): string {
  return Number.isFinite(v)
    ? new Intl.NumberFormat(tag(locale), { style: 'percent', maximumFractionDigits: 0 }).format(v)
    : '—';
}

/** "3.85 (3.61 to 4.09)" */
export function estimate(locale: Locale, e: Estimate, format: 'num' | 'pct' = 'num'): string {
  const f = (v: number) => (format === 'pct' ? pct(locale, v) : num(locale, v));
  return feedbackMessages.for(locale)('format.estimate', { value: f(e.value), low: f(e.low), high: f(e.high) });
}

/** A cell's text, or the suppression notice (never the value). */
export function cellText<T extends object>(locale: Locale, c: Cell<T>, show: (v: T & { n: number }) => string): string {
  return c.suppressed ? feedbackMessages.for(locale)('suppressed.cell') : show(c);
}

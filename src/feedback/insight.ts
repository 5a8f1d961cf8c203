/**
 * The analyst's numbers, computed from responses (pure): trust or satisfaction over time by a dimension, response
 * rates, driver performance and driver importance. Every cell goes through `suppress`, so a group of fewer than 10
 * responses carries no value at all.
 */
import { A11_DRIVERS, decodeDrivers, LIKERT_DRIVERS, type A11Driver, type LikertDriver } from './drivers.js';
import type { ResponseRow } from './repository.js';
import {
  differenceInterval,
  meanInterval,
  proportionInterval,
  relativeWeightsWithIntervals,
  type Estimate,
} from './statistics.js';
import { suppress, type Cell } from './suppression.js';

export const DIMENSIONS = ['program', 'site', 'channel', 'language'] as const;
export type Dimension = (typeof DIMENSIONS)[number];
export const MEASURES = ['trust', 'satisfaction'] as const;
export type Measure = (typeof MEASURES)[number];
export const GRAINS = ['month', 'quarter'] as const;
export type Grain = (typeof GRAINS)[number];

/** The context fields a dimension groups by (offers and transactions carry the same fields). */
export interface Context {
  program_id: string;
  site_id: string | null;
  channel: string;
  language: string;
  transaction_date: string;
}

export function groupOf(c: Context, by: Dimension): string {
  if (by === 'program') return c.program_id;
  if (by === 'site') return c.site_id ?? '';
  return by === 'channel' ? c.channel : c.language;
}

/** `YYYY-MM` or `YYYY-Qn` of a `YYYY-MM-DD` date. */
export function periodOf(date: string, grain: Grain): string {
  const month = Number(date.slice(5, 7));
  return grain === 'month' ? date.slice(0, 7) : `${date.slice(0, 4)}-Q${Math.ceil(month / 3)}`;
}

function groupBy<T>(items: readonly T[], key: (t: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = out.get(k);
    if (list) list.push(item);
    else out.set(k, [item]);
  }
  return out;
}

export type TrendCell = { period: string; group: string; cell: Cell<Estimate> };

/** Mean trust (or satisfaction) per period and group with 95% intervals; small cells suppressed. */
export function trend(rows: readonly ResponseRow[], o: { by: Dimension; grain: Grain; measure: Measure }): TrendCell[] {
  const scored = rows.filter((r) => r[o.measure] !== null);
  const cells = groupBy(scored, (r) => `${periodOf(r.transaction_date, o.grain)}\u0000${groupOf(r, o.by)}`);
  return [...cells.entries()]
    .map(([key, list]) => {
      const [period = '', group = ''] = key.split('\u0000');
      return { period, group, cell: suppress(list.length, () => meanInterval(list.map((r) => r[o.measure] ?? 0))) };
    })
    .sort((a, b) => a.period.localeCompare(b.period) || a.group.localeCompare(b.group));
}

export interface RateRow {
  group: string;
  transactions: number;
  offered: number;
  /** Responses and the response rate (responses / offered): suppressed under 10 responses. */
  responses: Cell<{ rate: Estimate | null }>;
}

/** Response rates by group: transactions, surveys offered, responses (responses / offered with a Wilson interval). */
export function responseRates(
  rows: readonly Context[],
  offers: readonly Context[],
  transactions: readonly Context[],
  by: Dimension,
): RateRow[] {
  const r = groupBy(rows, (x) => groupOf(x, by));
  const o = groupBy(offers, (x) => groupOf(x, by));
  const t = groupBy(transactions, (x) => groupOf(x, by));
  const groups = [...new Set([...r.keys(), ...o.keys(), ...t.keys()])].sort();
  return groups.map((group) => {
    const responses = r.get(group)?.length ?? 0;
    const offered = o.get(group)?.length ?? 0;
    return {
      group,
      transactions: t.get(group)?.length ?? 0,
      offered,
      responses: suppress(responses, () => ({
        rate: offered > 0 ? proportionInterval(Math.min(responses, offered), offered) : null,
      })),
    };
  });
}

export interface DriverPerformance {
  driver: A11Driver;
  wentWell: Cell<Estimate>;
  notWell: Cell<Estimate>;
}

/** Current form: the share of respondents who ticked each driver as went well, and as didn't. */
export function driverPerformance(rows: readonly ResponseRow[]): { n: number; drivers: DriverPerformance[] } {
  const a11 = rows.filter((r) => r.form === 'a11');
  const n = a11.length;
  return {
    n,
    drivers: A11_DRIVERS.map((driver) => {
      const well = a11.filter((r) => decodeDrivers(r.went_well).includes(driver)).length;
      const not = a11.filter((r) => decodeDrivers(r.not_well).includes(driver)).length;
      return {
        driver,
        wentWell: suppress(n, () => proportionInterval(well, n)),
        notWell: suppress(n, () => proportionInterval(not, n)),
      };
    }),
  };
}

export interface DriverGap {
  driver: A11Driver;
  /** Mean trust of those who ticked it as went well minus those who ticked it as didn't. */
  difference: Cell<Estimate & { nWell: number; nNot: number }>;
}

/** Current form: the difference in mean trust between went-well and didn't tickers, with Welch intervals. */
export function driverGaps(rows: readonly ResponseRow[]): DriverGap[] {
  const a11 = rows.filter((r) => r.form === 'a11' && r.trust !== null);
  return A11_DRIVERS.filter((d) => d !== 'other').map((driver) => {
    const well = a11.filter((r) => decodeDrivers(r.went_well).includes(driver)).map((r) => r.trust ?? 0);
    const not = a11.filter((r) => decodeDrivers(r.not_well).includes(driver)).map((r) => r.trust ?? 0);
    return {
      driver,
      difference: suppress(Math.min(well.length, not.length), () => ({
        ...differenceInterval(well, not),
        nWell: well.length,
        nNot: not.length,
      })),
    };
  });
}

export interface LikertDriverRow {
  driver: LikertDriver;
  /** Mean agreement (1–5). */
  performance: Estimate;
  /** Share of explained trust variance (relative weight). */
  importance: Estimate;
}

/** Likert set: each driver's mean score and its relative weight on trust (complete answers only). */
export function likertImportance(
  rows: readonly ResponseRow[],
  o: { resamples?: number; seed?: number } = {},
): Cell<{ rSquared: number; drivers: LikertDriverRow[] }> {
  const complete = rows.filter(
    (r) => r.form === 'likert' && r.trust !== null && LIKERT_DRIVERS.every((d) => r[d] !== null),
  );
  return suppress(complete.length, () => {
    const xs = complete.map((r) => LIKERT_DRIVERS.map((d) => r[d] ?? 0));
    const ys = complete.map((r) => r.trust ?? 0);
    const w = relativeWeightsWithIntervals(xs, ys, o);
    return {
      rSquared: w.rSquared,
      drivers: LIKERT_DRIVERS.map((driver, j) => ({
        driver,
        performance: meanInterval(complete.map((r) => r[driver] ?? 0)),
        importance: w.weights[j] ?? { value: Number.NaN, low: Number.NaN, high: Number.NaN },
      })),
    };
  });
}

/**
 * The A-11 quarterly export (per service, channel and quarter: customers served, surveys offered, responses and
 * the count of each answer of each question) and the raw responses export. Cells from groups of fewer than 10
 * responses are written as "suppressed"; raw rows from such groups are left out.
 */
import { DateTime } from 'luxon';
import type { ModuleDeps } from '../platform/module.js';
import { toCsv, type CsvCell } from '../platform/csv/index.js';
import { A11_DRIVERS, decodeDrivers, LIKERT_ITEMS, SCALE } from './drivers.js';
import { periodOf, type Context } from './insight.js';
import { loadInsightData, loadLabels } from './load-insight.js';
import type { ResponseRow } from './repository.js';
import { openResponse } from './sealed-text.js';
import { isShowable, SUPPRESSED_CSV } from './suppression.js';

/** The first and last day of a quarter `YYYY-Qn`. */
export function quarterRange(quarter: string): { from: string; to: string } {
  const year = Number(quarter.slice(0, 4));
  const q = Number(quarter.slice(6));
  const start = DateTime.utc(year, (q - 1) * 3 + 1, 1);
  return { from: start.toISODate() ?? '', to: start.plus({ months: 3 }).minus({ days: 1 }).toISODate() ?? '' };
}

/** The quarter containing an instant, in a zone. */
export function quarterOf(now: number, zone: string): string {
  return periodOf(DateTime.fromMillis(now, { zone }).toISODate() ?? '', 'quarter');
}

const ANSWER_COLUMNS = [
  ...LIKERT_ITEMS.flatMap((item) => SCALE.map((n) => `${item}_${n}`)),
  ...A11_DRIVERS.map((d) => `went_well_${d}`),
  ...A11_DRIVERS.map((d) => `not_well_${d}`),
];

export const A11_HEADER = [
  'quarter',
  'service',
  'service_id',
  'channel',
  'customers_served',
  'surveys_offered',
  'responses',
  ...ANSWER_COLUMNS,
];

function answerCounts(rows: ResponseRow[]): number[] {
  return [
    ...LIKERT_ITEMS.flatMap((item) => SCALE.map((n) => rows.filter((r) => r[item] === n).length)),
    ...A11_DRIVERS.map((d) => rows.filter((r) => decodeDrivers(r.went_well).includes(d)).length),
    ...A11_DRIVERS.map((d) => rows.filter((r) => decodeDrivers(r.not_well).includes(d)).length),
  ];
}

const key = (c: Context) => `${c.program_id}\u0000${c.channel}`;

/** The A-11 rows for a quarter, header first. */
export async function a11ExportRows(deps: Pick<ModuleDeps, 'db' | 'config'>, quarter: string): Promise<CsvCell[][]> {
  const range = quarterRange(quarter);
  const data = await loadInsightData(deps, { ...range, by: 'program', measure: 'trust', grain: 'quarter' });
  const labels = await loadLabels(deps.db.kysely, 'en');
  const groups = new Set([...data.responses, ...data.offers, ...data.transactions].map(key));
  const rows = [...groups].sort().map((g) => {
    const [programId = '', channel = ''] = g.split('\u0000');
    const responses = data.responses.filter((r) => key(r) === g);
    const showable = isShowable(responses.length);
    return [
      quarter,
      labels.group('program', programId),
      programId,
      channel,
      data.transactions.filter((r) => key(r) === g).length,
      data.offers.filter((r) => key(r) === g).length,
      showable ? responses.length : SUPPRESSED_CSV,
      ...(showable ? answerCounts(responses) : ANSWER_COLUMNS.map(() => SUPPRESSED_CSV)),
    ];
  });
  return [A11_HEADER, ...rows];
}

export async function a11ExportCsv(
  deps: Pick<ModuleDeps, 'db' | 'config'>,
  quarter: string,
  o: { bom?: boolean } = {},
) {
  return toCsv(await a11ExportRows(deps, quarter), o);
}

export const RAW_HEADER = [
  'response_id',
  'transaction_date',
  'service',
  'site',
  'channel',
  'language',
  'form',
  'origin',
  ...LIKERT_ITEMS,
  'went_well',
  'not_well',
  'comment_went_well',
  'comment',
  'custom_answers',
];

/** Raw responses in a date range; rows of service/site/channel/language groups under 10 responses left out. */
export async function rawResponsesCsv(
  deps: Pick<ModuleDeps, 'db' | 'config' | 'cipher'>,
  range: { from: string; to: string },
  o: { bom?: boolean } = {},
): Promise<string> {
  const data = await loadInsightData(deps, { ...range, by: 'program', measure: 'trust', grain: 'month' });
  const labels = await loadLabels(deps.db.kysely, 'en');
  const groupKey = (r: ResponseRow) => [r.program_id, r.site_id ?? '', r.channel, r.language].join('\u0000');
  const sizes = new Map<string, number>();
  for (const r of data.responses) sizes.set(groupKey(r), (sizes.get(groupKey(r)) ?? 0) + 1);
  const rows = data.responses
    .filter((r) => isShowable(sizes.get(groupKey(r)) ?? 0))
    .map((row) => openResponse(deps.cipher, row))
    .map((r) => [
      r.id,
      r.transaction_date,
      labels.group('program', r.program_id),
      labels.group('site', r.site_id ?? ''),
      r.channel,
      r.language,
      r.form,
      r.origin,
      ...LIKERT_ITEMS.map((item) => r[item]),
      decodeDrivers(r.went_well).join(';'),
      decodeDrivers(r.not_well).join(';'),
      r.comment_well,
      r.comment,
      r.custom_answers === '{}' ? '' : r.custom_answers,
    ]);
  return toCsv([RAW_HEADER, ...rows], o);
}

/**
 * CSV imports that are all or nothing: every row is checked first, problems are reported by line and field, and
 * nothing is written unless every row is good.
 */
import { parse } from 'csv-parse/sync';
import type { z } from 'zod';

export interface RowProblem {
  /** 1-based line in the file (the header is line 1). */
  line: number;
  field: string;
  problem: string;
  /** A stable code for problems found beyond the row's schema (pages translate it; `problem` stays English). */
  code?: string;
}

export type CsvResult<T> = { ok: true; rows: T[] } | { ok: false; problems: RowProblem[] };

/** Parse CSV text with a header row and validate every row with `schema`. */
export function parseCsv<S extends z.ZodType>(
  text: string,
  schema: S,
  o: { maxRows?: number } = {},
): CsvResult<z.infer<S>> {
  let records: Record<string, string>[];
  try {
    records = parse(text, {
      columns: (h: string[]) => h.map((c) => c.trim()),
      skip_empty_lines: true,
      trim: true,
      bom: true,
    });
  } catch (err) {
    return {
      ok: false,
      problems: [
        { line: 0, field: '(file)', problem: err instanceof Error ? err.message : String(err), code: 'unreadable' },
      ],
    };
  }
  if (records.length > (o.maxRows ?? 50_000))
    return {
      ok: false,
      problems: [{ line: 0, field: '(file)', problem: `more than ${o.maxRows ?? 50_000} rows`, code: 'too_many_rows' }],
    };
  if (records.length === 0)
    return { ok: false, problems: [{ line: 0, field: '(file)', problem: 'no rows', code: 'empty' }] };
  const rows: z.infer<S>[] = [];
  const problems: RowProblem[] = [];
  records.forEach((record, i) => {
    const r = schema.safeParse(record);
    if (r.success) rows.push(r.data);
    else
      for (const issue of r.error.issues)
        problems.push({ line: i + 2, field: issue.path.join('.') || '(row)', problem: issue.message });
  });
  return problems.length > 0 ? { ok: false, problems } : { ok: true, rows };
}

/** A cell for `toCsv`: text, a number, or empty. */
export type CsvCell = string | number | null | undefined;

/**
 * Write rows as RFC 4180 CSV (CRLF, quotes doubled). Text that a spreadsheet would run as a formula (starting
 * with = + - @ or a tab/CR) gets a leading apostrophe; numbers are written as they are. `bom` helps Excel read UTF-8.
 */
export function toCsv(rows: readonly (readonly CsvCell[])[], o: { bom?: boolean } = {}): string {
  const cell = (v: CsvCell): string => {
    if (v === null || v === undefined) return '';
    if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
    const safe = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
    return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
  };
  return (o.bom ? '\uFEFF' : '') + rows.map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';
}

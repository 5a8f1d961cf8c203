/**
 * The staff pulse: a short recurring survey (workload, tools, what would help, and staff's own questions) on the
 * schedule the CX team sets (weekly, every two weeks, monthly, or off). Who answered a period and what was
 * answered are stored apart, so answers cannot be traced to a person; results show only groups of 5 or more.
 */
import { randomUUID } from 'node:crypto';
import { DateTime } from 'luxon';
import { recordAudit, type AuditActor } from '../platform/audit/index.js';
import type { Role } from '../platform/auth/index.js';
import type { Db, Queryable } from '../platform/db/index.js';
import type { ModuleDeps } from '../platform/module.js';
import * as repo from './repository.js';
import { sealPulseText, type OpenPulseRow } from './sealed-text.js';
import type { PulseInput } from './schema.js';
import { meanInterval, type Estimate } from './statistics.js';
import { MIN_PULSE_RESPONSES, suppress, type Cell } from './suppression.js';

/** The pulse runs weekly until someone changes it. */
export const DEFAULT_PULSE_FREQUENCY: repo.PulseFrequency = 'weekly';

export async function loadPulseFrequency(db: Queryable): Promise<repo.PulseFrequency> {
  return (await repo.findPulseSettings(db))?.frequency ?? DEFAULT_PULSE_FREQUENCY;
}

/** Set how often the pulse runs (audited). */
export async function savePulseFrequency(
  frequency: repo.PulseFrequency,
  deps: { db: Db; now: () => number; actor: AuditActor },
): Promise<void> {
  const now = deps.now();
  await deps.db.kysely.transaction().execute(async (tx) => {
    await repo.savePulseFrequency(tx, frequency, now);
    await recordAudit(tx, deps.actor, { action: 'feedback.pulse.scheduled', details: { frequency } }, now);
  });
}

const week = (d: DateTime) => `${d.weekYear}-W${String(d.weekNumber).padStart(2, '0')}`;

/**
 * The pulse period an instant falls in, in a zone: the ISO week (2026-W19); for every two weeks, the pair's first
 * (odd) week (weeks 19 and 20 are 2026-W19; a year's week 53 stands alone); for monthly, the month (2026-05).
 * Null when the pulse is off.
 */
export function pulsePeriod(now: number, zone: string, frequency: repo.PulseFrequency = 'weekly'): string | null {
  const d = DateTime.fromMillis(now, { zone });
  if (frequency === 'off') return null;
  if (frequency === 'monthly') return d.toFormat('yyyy-MM');
  if (frequency === 'weekly' || d.weekNumber % 2 === 1) return week(d);
  return week(d.minus({ weeks: 1 }));
}

/** The first day of a period written by pulsePeriod (any frequency), or null when it is not one. */
export function periodStart(period: string): string | null {
  const w = /^(\d{4})-W(\d{2})$/.exec(period);
  const d = w
    ? DateTime.fromObject({ weekYear: Number(w[1]), weekNumber: Number(w[2]), weekday: 1 }, { zone: 'utc' })
    : /^\d{4}-\d{2}$/.test(period)
      ? DateTime.fromISO(`${period}-01`, { zone: 'utc' })
      : null;
  return d?.isValid ? d.toISODate() : null;
}

export async function hasAnsweredPulse(db: Db, staffId: string, period: string): Promise<boolean> {
  return repo.hasPulseParticipation(db.kysely, staffId, period);
}

/** Record one answer for this period; false when this staff member already answered it. */
export async function answerPulse(
  deps: Pick<ModuleDeps, 'db' | 'cipher'>,
  o: { staffId: string; role: Role; period: string; input: PulseInput; custom: Record<string, number | string> },
): Promise<boolean> {
  return deps.db.kysely.transaction().execute(async (tx) => {
    if (!(await repo.insertPulseParticipation(tx, o.staffId, o.period))) return false;
    await repo.insertPulseResponse(tx, {
      id: randomUUID(),
      period: o.period,
      role_group: o.role,
      workload: o.input.workload,
      tools: o.input.tools,
      ...sealPulseText(deps.cipher, { help_text: o.input.help, custom_answers: JSON.stringify(o.custom) }),
    });
    return true;
  });
}

/** One of staff's own pulse questions in one group: a mean for a scale, the answers for text (5 answers or more). */
export type CustomPulseResult = Cell<{ estimate: Estimate } | { texts: string[] }>;

export interface PulseCell {
  period: string;
  /** 'all' or a role. */
  group: string;
  cell: Cell<{ workload: Estimate; tools: Estimate; help: string[] }>;
  /** Staff's own questions, by question id (only in shown groups). */
  custom: Record<string, CustomPulseResult>;
}

function customAnswers(row: OpenPulseRow): Record<string, unknown> {
  try {
    const v: unknown = JSON.parse(row.custom_answers);
    return typeof v === 'object' && v !== null ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

function customResults(list: readonly OpenPulseRow[], questions: readonly repo.QuestionRow[]) {
  const out: Record<string, CustomPulseResult> = {};
  const answers = list.map(customAnswers);
  for (const q of questions) {
    const given = answers.map((a) => a[q.id]).filter((v) => v !== undefined);
    out[q.id] =
      q.kind === 'scale'
        ? suppress(
            given.length,
            () => ({ estimate: meanInterval(given.filter((v): v is number => typeof v === 'number')) }),
            MIN_PULSE_RESPONSES,
          )
        : suppress(
            given.length,
            () => ({ texts: given.filter((v): v is string => typeof v === 'string') }),
            MIN_PULSE_RESPONSES,
          );
  }
  return out;
}

/**
 * Per period, everyone and each role: means with intervals and the "what would help" answers, groups ≥ 5 only;
 * staff's own questions likewise, each needing 5 answers of its own.
 */
export function pulseResults(rows: readonly OpenPulseRow[], questions: readonly repo.QuestionRow[] = []): PulseCell[] {
  const out: PulseCell[] = [];
  const periods = [...new Set(rows.map((r) => r.period))].sort(
    (a, b) => (periodStart(b) ?? b).localeCompare(periodStart(a) ?? a) || b.localeCompare(a),
  );
  for (const period of periods) {
    const inPeriod = rows.filter((r) => r.period === period);
    const groups: [string, OpenPulseRow[]][] = [
      ['all', inPeriod],
      ...[...new Set(inPeriod.map((r) => r.role_group))]
        .sort()
        .map((g): [string, OpenPulseRow[]] => [g, inPeriod.filter((r) => r.role_group === g)]),
    ];
    for (const [group, list] of groups) {
      const cell = suppress(
        list.length,
        () => ({
          workload: meanInterval(list.map((r) => r.workload)),
          tools: meanInterval(list.map((r) => r.tools)),
          help: list.flatMap((r) => (r.help_text ? [r.help_text] : [])),
        }),
        MIN_PULSE_RESPONSES,
      );
      out.push({ period, group, cell, custom: cell.suppressed ? {} : customResults(list, questions) });
    }
  }
  return out;
}

/** The answers of periods starting on or after `fromDate` (YYYY-MM-DD). */
export function pulseRowsSince<R extends Pick<repo.PulseRow, 'period'>>(rows: readonly R[], fromDate: string): R[] {
  return rows.filter((r) => (periodStart(r.period) ?? '') >= fromDate);
}

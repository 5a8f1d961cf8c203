/**
 * The staff pulse: a short weekly survey (workload, tools, what would help). Who answered a week and what was
 * answered are stored apart, so answers cannot be traced to a person; results show only groups of 5 or more.
 */
import { randomUUID } from 'node:crypto';
import { DateTime } from 'luxon';
import type { Role } from '../platform/auth/index.js';
import type { Db } from '../platform/db/index.js';
import * as repo from './repository.js';
import type { PulseInput } from './schema.js';
import { meanInterval, type Estimate } from './statistics.js';
import { MIN_PULSE_RESPONSES, suppress, type Cell } from './suppression.js';

/** The ISO week of an instant in a zone, e.g. 2026-W19. */
export function pulsePeriod(now: number, zone: string): string {
  const d = DateTime.fromMillis(now, { zone });
  return `${d.weekYear}-W${String(d.weekNumber).padStart(2, '0')}`;
}

export async function hasAnsweredPulse(db: Db, staffId: string, period: string): Promise<boolean> {
  return repo.hasPulseParticipation(db.kysely, staffId, period);
}

/** Record one answer for this week; false when this staff member already answered it. */
export async function answerPulse(
  db: Db,
  o: { staffId: string; role: Role; period: string; input: PulseInput },
): Promise<boolean> {
  return db.kysely.transaction().execute(async (tx) => {
    if (!(await repo.insertPulseParticipation(tx, o.staffId, o.period))) return false;
    await repo.insertPulseResponse(tx, {
      id: randomUUID(),
      period: o.period,
      role_group: o.role,
      workload: o.input.workload,
      tools: o.input.tools,
      help_text: o.input.help,
    });
    return true;
  });
}

export interface PulseCell {
  period: string;
  /** 'all' or a role. */
  group: string;
  cell: Cell<{ workload: Estimate; tools: Estimate; help: string[] }>;
}

/** Per week, everyone and each role: means with intervals and the "what would help" answers, groups ≥ 5 only. */
export function pulseResults(rows: readonly repo.PulseRow[]): PulseCell[] {
  const out: PulseCell[] = [];
  const periods = [...new Set(rows.map((r) => r.period))].sort().reverse();
  for (const period of periods) {
    const week = rows.filter((r) => r.period === period);
    const groups: [string, repo.PulseRow[]][] = [
      ['all', week],
      ...[...new Set(week.map((r) => r.role_group))]
        .sort()
        .map((g): [string, repo.PulseRow[]] => [g, week.filter((r) => r.role_group === g)]),
    ];
    for (const [group, list] of groups)
      out.push({
        period,
        group,
        cell: suppress(
          list.length,
          () => ({
            workload: meanInterval(list.map((r) => r.workload)),
            tools: meanInterval(list.map((r) => r.tools)),
            help: list.flatMap((r) => (r.help_text ? [r.help_text] : [])),
          }),
          MIN_PULSE_RESPONSES,
        ),
      });
  }
  return out;
}

/**
 * Import slots from CSV in each site's local time: columns site (name or id), program (id), date (YYYY-MM-DD),
 * time (HH:mm), durationMinutes, capacity. A local time that does not exist (the spring-forward hour) is an
 * error on its row. One bad row imports nothing. A staff member imports only at sites they may act at (`mayActAt`,
 * ADR 0019): a row naming another site is refused as "no such site".
 */
import { randomUUID } from 'node:crypto';
import { DateTime } from 'luxon';
import { z } from 'zod';
import { recordAudit, type AuditActor } from '../platform/audit/index.js';
import { parseCsv, type RowProblem } from '../platform/csv/index.js';
import { isUniqueViolation, type Db } from '../platform/db/index.js';
import { isCalendarDate } from '../platform/input/index.js';

const SlotCsvSchema = z.object({
  site: z.string().trim().min(1),
  program: z.string().trim().min(1),
  date: z.string().refine(isCalendarDate, 'must be a real date YYYY-MM-DD'),
  time: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be HH:mm (24-hour)'),
  durationMinutes: z.coerce.number().int().min(1).max(1440),
  capacity: z.coerce.number().int().min(0).max(100_000),
});

export type SlotImportResult = { ok: true; imported: number } | { ok: false; problems: RowProblem[] };

export async function importSlots(
  csv: string,
  deps: { db: Db; now: () => number; actor: AuditActor },
  mayActAt: (siteId: string) => boolean = () => true,
): Promise<SlotImportResult> {
  const parsed = parseCsv(csv, SlotCsvSchema);
  if (!parsed.ok) return parsed;
  const db = deps.db.kysely;
  const sites = (await db.selectFrom('sites').select(['id', 'name', 'time_zone']).execute()).filter((s) =>
    mayActAt(s.id),
  );
  const programs = new Set((await db.selectFrom('programs').select('id').execute()).map((p) => p.id));
  const problems: RowProblem[] = [];
  const now = deps.now();
  const rows = parsed.rows.flatMap((r, i) => {
    const line = i + 2;
    const site = sites.find((s) => s.id === r.site || s.name.toLowerCase() === r.site.toLowerCase());
    if (!site) return (problems.push({ line, field: 'site', problem: 'no such site', code: 'no_such_site' }), []);
    if (!programs.has(r.program))
      return (problems.push({ line, field: 'program', problem: 'no such program', code: 'no_such_program' }), []);
    const [hour = 0, minute = 0] = r.time.split(':').map(Number);
    const start = DateTime.fromISO(r.date, { zone: site.time_zone }).set({ hour, minute });
    if (!start.isValid || start.hour !== hour || start.minute !== minute)
      return (
        problems.push({
          line,
          field: 'time',
          problem: `${r.date} ${r.time} does not exist in ${site.time_zone}`,
          code: 'nonexistent_time',
        }),
        []
      );
    return [
      {
        id: randomUUID(),
        site_id: site.id,
        program_id: r.program,
        starts_at: start.toMillis(),
        ends_at: start.toMillis() + r.durationMinutes * 60_000,
        capacity: r.capacity,
        booked: 0,
        status: 'open' as const,
        created_at: now,
        line,
      },
    ];
  });
  if (problems.length > 0) return { ok: false, problems };
  try {
    await db.transaction().execute(async (tx) => {
      for (const { line: _line, ...row } of rows) await tx.insertInto('slots').values(row).execute();
      await recordAudit(
        tx,
        deps.actor,
        { action: 'appointments.slots.imported', details: { count: rows.length } },
        now,
      );
    });
  } catch (err) {
    if (isUniqueViolation(err))
      return {
        ok: false,
        problems: [
          {
            line: 0,
            field: 'time',
            problem: 'a slot already starts at one of these times at that site (nothing was imported)',
            code: 'slot_exists',
          },
        ],
      };
    throw err;
  }
  return { ok: true, imported: rows.length };
}

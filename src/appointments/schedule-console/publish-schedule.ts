/**
 * Publish a site's schedule templates for a date range: every template valid in the range generates its slot times
 * in the site's local time (generateSlotTimes, DST-safe), minus breaks, closures and times already past. Inserting
 * skips any slot that already exists for the same site, program and start (the unique index decides, so publishing
 * twice, or two people publishing at once, creates each slot once).
 */
import { randomUUID } from 'node:crypto';
import { recordAudit, type AuditActor } from '../../platform/audit/index.js';
import type { Db, Queryable } from '../../platform/db/index.js';
import type { SlotsTable } from '../repository.js';
import { generateSlotTimes } from '../schedule.js';
import { closureWindow, dayRange, overlapsBreak } from './local-time.js';
import * as repo from './repository.js';
import { parseBreaks } from './schema.js';

type Deps = { db: Db; now: () => number; actor: AuditActor };
export interface PublishRange {
  from: string;
  to: string;
}
export interface PublishPlan {
  /** Slots the range would create (not yet existing). */
  slots: SlotsTable[];
  /** Slot times that already exist and are left as they are. */
  existing: number;
  /** Slot times skipped because the site is closed then. */
  closed: number;
}

const later = (a: string, b: string) => (a > b ? a : b);
const earlier = (a: string, b: string) => (a < b ? a : b);

/** What publishing would do, without writing anything. */
export async function planPublish(
  db: Queryable,
  site: { id: string; time_zone: string },
  range: PublishRange,
  now: number,
): Promise<PublishPlan> {
  const zone = site.time_zone;
  const templates = await repo.listTemplates(db, site.id);
  const closures = await repo.listClosures(db, site.id, range.from, range.to);
  const wholeDays = closures.filter((c) => !c.from_time).map((c) => c.date);
  const partial = closures.filter((c) => c.from_time).map((c) => closureWindow(c, zone));
  const { start, end } = dayRange(range.from, range.to, zone);
  const plan: PublishPlan = { slots: [], existing: 0, closed: 0 };
  const taken = new Map<string, Set<number>>();
  for (const t of templates) {
    const fromDate = later(range.from, t.valid_from);
    const toDate = earlier(range.to, t.valid_to);
    if (fromDate > toDate) continue;
    const spec = {
      timeZone: zone,
      fromDate,
      toDate,
      weekdays: t.weekdays.split(',').map(Number),
      opens: t.opens,
      closes: t.closes,
      slotMinutes: t.slot_minutes,
    };
    const all = generateSlotTimes(spec);
    const open = generateSlotTimes({ ...spec, closures: wholeDays });
    plan.closed += all.length - open.length;
    const breaks = parseBreaks(t.breaks) ?? [];
    let have = taken.get(t.program_id);
    if (!have) {
      have = await repo.existingStarts(db, site.id, t.program_id, start, end);
      taken.set(t.program_id, have);
    }
    for (const s of open) {
      if (s.startsAt <= now || overlapsBreak(s.startsAt, t.slot_minutes, breaks, zone)) continue;
      if (partial.some((w) => s.startsAt < w.end && s.endsAt > w.start)) {
        plan.closed++;
        continue;
      }
      if (have.has(s.startsAt)) {
        plan.existing++;
        continue;
      }
      have.add(s.startsAt);
      plan.slots.push({
        id: randomUUID(),
        site_id: site.id,
        program_id: t.program_id,
        starts_at: s.startsAt,
        ends_at: s.endsAt,
        capacity: t.capacity,
        booked: 0,
        status: 'open',
        created_at: now,
      });
    }
  }
  return plan;
}

/** Publish the range: insert the planned slots (never a duplicate) and audit how many were created. */
export async function publishSchedule(
  site: { id: string; time_zone: string },
  range: PublishRange,
  deps: Deps,
): Promise<{ created: number; existing: number; closed: number }> {
  const now = deps.now();
  return deps.db.kysely.transaction().execute(async (tx) => {
    const plan = await planPublish(tx, site, range, now);
    const created = await repo.insertSlotsIgnoringExisting(tx, plan.slots);
    await recordAudit(
      tx,
      deps.actor,
      {
        action: 'appointments.schedule.published',
        subjectType: 'site',
        subjectId: site.id,
        details: { from: range.from, to: range.to, created },
      },
      now,
    );
    return { created, existing: plan.existing + plan.slots.length - created, closed: plan.closed };
  });
}

/** All SQL of the schedule console: templates, closures, the slots of a calendar, and the bookings a change affects. */
import type { Selectable } from 'kysely';
import type { Queryable } from '../../platform/db/index.js';
import type { SlotsTable } from '../repository.js';

export interface ScheduleTemplatesTable {
  id: string;
  site_id: string;
  program_id: string;
  name: string;
  /** ISO weekdays, comma-separated ('1,2,3,4,5'). */
  weekdays: string;
  opens: string;
  closes: string;
  /** 'HH:mm-HH:mm' ranges, comma-separated; '' when none. */
  breaks: string;
  slot_minutes: number;
  capacity: number;
  valid_from: string;
  valid_to: string;
  created_at: number;
  updated_at: number;
}
export interface SiteClosuresTable {
  id: string;
  site_id: string;
  date: string;
  from_time: string | null;
  to_time: string | null;
  reason: string;
  created_at: number;
}

declare module '../../platform/db/schema.js' {
  interface Database {
    schedule_templates: ScheduleTemplatesTable;
    site_closures: SiteClosuresTable;
  }
}

export type TemplateRow = Selectable<ScheduleTemplatesTable>;
export type ClosureRow = Selectable<SiteClosuresTable>;

export const listTemplates = (db: Queryable, siteId: string) =>
  db
    .selectFrom('schedule_templates')
    .selectAll()
    .where('site_id', '=', siteId)
    .orderBy('valid_from')
    .orderBy('name')
    .execute();
export const findTemplate = (db: Queryable, siteId: string, id: string) =>
  db.selectFrom('schedule_templates').selectAll().where('site_id', '=', siteId).where('id', '=', id).executeTakeFirst();
export const insertTemplate = (db: Queryable, t: ScheduleTemplatesTable) =>
  db.insertInto('schedule_templates').values(t).execute();
export async function updateTemplate(
  db: Queryable,
  siteId: string,
  id: string,
  patch: Omit<ScheduleTemplatesTable, 'id' | 'site_id' | 'created_at'>,
): Promise<boolean> {
  const r = await db
    .updateTable('schedule_templates')
    .set(patch)
    .where('site_id', '=', siteId)
    .where('id', '=', id)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Closures of a site from a date on (oldest first). */
export const listClosures = (db: Queryable, siteId: string, fromDate: string, toDate = '9999-12-31') =>
  db
    .selectFrom('site_closures')
    .selectAll()
    .where('site_id', '=', siteId)
    .where('date', '>=', fromDate)
    .where('date', '<=', toDate)
    .orderBy('date')
    .orderBy('from_time')
    .execute();
export const insertClosure = (db: Queryable, c: SiteClosuresTable) =>
  db.insertInto('site_closures').values(c).execute();

export const listPrograms = (db: Queryable) =>
  db.selectFrom('programs').select(['id', 'name_en', 'name_es']).orderBy('name_en').execute();

/** Start instants of the slots a site already has for a program in [from, to). */
export async function existingStarts(
  db: Queryable,
  siteId: string,
  programId: string,
  from: number,
  to: number,
): Promise<Set<number>> {
  const rows = await db
    .selectFrom('slots')
    .select('starts_at')
    .where('site_id', '=', siteId)
    .where('program_id', '=', programId)
    .where('starts_at', '>=', from)
    .where('starts_at', '<', to)
    .execute();
  return new Set(rows.map((r) => Number(r.starts_at)));
}

/** Insert slots, skipping any whose site, program and start already exist (the unique index decides). */
export async function insertSlotsIgnoringExisting(db: Queryable, slots: SlotsTable[]): Promise<number> {
  let created = 0;
  for (let i = 0; i < slots.length; i += 200) {
    const chunk = slots.slice(i, i + 200);
    const r = await db
      .insertInto('slots')
      .values(chunk)
      .onConflict((oc) => oc.columns(['site_id', 'program_id', 'starts_at']).doNothing())
      .executeTakeFirst();
    created += Number(r.numInsertedOrUpdatedRows ?? 0);
  }
  return created;
}

/** The slots of a site between two instants, with their program's name. */
export const slotsBetween = (db: Queryable, siteId: string, from: number, to: number) =>
  db
    .selectFrom('slots')
    .innerJoin('programs', 'programs.id', 'slots.program_id')
    .select([
      'slots.id',
      'slots.program_id',
      'slots.starts_at',
      'slots.ends_at',
      'slots.capacity',
      'slots.booked',
      'slots.status',
      'programs.name_en',
      'programs.name_es',
    ])
    .where('slots.site_id', '=', siteId)
    .where('slots.starts_at', '>=', from)
    .where('slots.starts_at', '<', to)
    .orderBy('slots.starts_at')
    .orderBy('programs.name_en')
    .execute();
/** One slot of a site with its program's name. */
export const findCalendarSlot = (db: Queryable, siteId: string, slotId: string) =>
  db
    .selectFrom('slots')
    .innerJoin('programs', 'programs.id', 'slots.program_id')
    .select([
      'slots.id',
      'slots.program_id',
      'slots.starts_at',
      'slots.ends_at',
      'slots.capacity',
      'slots.booked',
      'slots.status',
      'programs.name_en',
      'programs.name_es',
    ])
    .where('slots.site_id', '=', siteId)
    .where('slots.id', '=', slotId)
    .executeTakeFirst();
export type CalendarSlotRow = Awaited<ReturnType<typeof slotsBetween>>[number];

/** Open slots of a site that start inside [from, to) (the slots a closure would close). */
export const openSlotsBetween = (db: Queryable, siteId: string, from: number, to: number) =>
  db
    .selectFrom('slots')
    .selectAll()
    .where('site_id', '=', siteId)
    .where('status', '=', 'open')
    .where('starts_at', '>=', from)
    .where('starts_at', '<', to)
    .execute();

/** A slot of a site (undefined when it belongs to another site). */
export const findSiteSlot = (db: Queryable, siteId: string, slotId: string) =>
  db.selectFrom('slots').selectAll().where('site_id', '=', siteId).where('id', '=', slotId).executeTakeFirst();

/** Bookings holding a seat in any of these slots, latest booked first (ties broken by id, so the order is stable). */
export async function seatHolders(db: Queryable, slotIds: string[]) {
  if (slotIds.length === 0) return [];
  return db
    .selectFrom('bookings')
    .select(['id', 'slot_id', 'site_id', 'program_id', 'dose_number', 'status', 'confirmation_code', 'created_at'])
    .where('slot_id', 'in', slotIds)
    .where('status', 'in', ['booked', 'checked-in', 'administered', 'no-show'])
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
}
export type SeatHolderRow = Awaited<ReturnType<typeof seatHolders>>[number];

/** Close slots (no new bookings) that are open now; returns how many it closed. */
export async function closeSlots(db: Queryable, slotIds: string[]): Promise<number> {
  if (slotIds.length === 0) return 0;
  const r = await db
    .updateTable('slots')
    .set({ status: 'closed' })
    .where('id', 'in', slotIds)
    .where('status', '=', 'open')
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/** Set a slot's capacity (and status) only if no more seats are booked than the new capacity: one statement. */
export async function setCapacityIfFits(
  db: Queryable,
  slotId: string,
  capacity: number,
  status: 'open' | 'closed',
): Promise<boolean> {
  const r = await db
    .updateTable('slots')
    .set({ capacity, status })
    .where('id', '=', slotId)
    .where('booked', '<=', capacity)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Open seats in a program near an instant (any site), excluding some slots; soonest distance first is the caller's job. */
export const openSeatsNear = (db: Queryable, programId: string, from: number, to: number, exclude: string[]) => {
  let q = db
    .selectFrom('slots')
    .select(['id', 'site_id', 'starts_at', 'capacity', 'booked'])
    .where('program_id', '=', programId)
    .where('status', '=', 'open')
    .whereRef('booked', '<', 'capacity')
    .where('starts_at', '>=', from)
    .where('starts_at', '<', to);
  if (exclude.length > 0) q = q.where('id', 'not in', exclude);
  return q.orderBy('starts_at').limit(2000).execute();
};

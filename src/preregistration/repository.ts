/** All SQL of the pre-registration module. */
import { sql, type Generated, type Insertable, type Selectable, type Updateable } from 'kysely';
import type { Queryable } from '../platform/db/index.js';

export interface PreregSettingsTable {
  program_id: string;
  product_id: string | null;
  min_age: number;
  /** YYYY-MM-DD: age is counted on this date. */
  reference_date: string;
  /** JSON string[]: residence ZIPs accepted (empty = any). */
  zips: string;
  /** JSON string[]: county names accepted, matched to the ZIP list the person's answer names (empty = any). */
  counties: string;
  hold_hours: number;
  sms_yes: number;
  horizon_days: number;
  updated_at: number;
}
export interface PreregPhasesTable {
  id: string;
  program_id: string;
  position: number;
  name_en: string;
  name_es: string;
  status: 'open' | 'closed';
  updated_at: number;
}
export interface PreregGroupsTable {
  id: string;
  program_id: string;
  phase_id: string;
  position: number;
  name_en: string;
  name_es: string;
  /** The self-attested question ('' = none: the group is defined by age alone). */
  question_en: string;
  question_es: string;
  min_age: number | null;
}
export type RegistrantStatus = 'waiting' | 'invited' | 'booked' | 'opted-out';
export interface PreregRegistrantsTable {
  id: string;
  program_id: string;
  identity_index: string;
  /** 1: `identity_index` is of the old a-z0-9 kind and is recomputed at start (migration 0025); 2: current. */
  identity_version: Generated<number>;
  given_name_enc: string;
  family_name_enc: string;
  birth_date_enc: string;
  birth_date_index: string;
  zip: string;
  contact_id: string | null;
  language: 'en' | 'es';
  channel: 'web' | 'proxy' | 'phone';
  call_me: number;
  group_id: string;
  /** JSON list of access needs, encrypted (sealed-needs.ts). */
  needs_enc: string;
  /** An interpreter's language, encrypted. */
  language_need_enc: string | null;
  max_miles: number;
  preferred_sites: string;
  unavailable: string;
  status: RegistrantStatus;
  /** After a decline or an expiry the person waits this long before the next invitation (others go first). */
  next_invite_after: number;
  status_token_hash: string;
  registered_at: number;
  updated_at: number;
}
export interface PreregZipWeightsTable {
  program_id: string;
  zip: string;
  weight: number;
}
export type InvitationStatus = 'offered' | 'accepted' | 'declined' | 'expired' | 'withdrawn';
export type InvitationKind = 'match' | 'backfill' | 'standby' | 'manual';
export interface PreregInvitationsTable {
  id: string;
  program_id: string;
  registrant_id: string;
  kind: InvitationKind;
  status: InvitationStatus;
  token_hash: string;
  failed_checks: number;
  expires_at: number;
  booking_id: string | null;
  run_id: string | null;
  created_at: number;
  updated_at: number;
}
export interface PreregOffersTable {
  invitation_id: string;
  position: number;
  hold_id: string;
}
export interface PreregRunsTable {
  id: string;
  program_id: string;
  trigger: string;
  started_at: number;
  finished_at: number | null;
  candidates: number;
  invited: number;
  note: string | null;
}

declare module '../platform/db/schema.js' {
  interface Database {
    prereg_settings: PreregSettingsTable;
    prereg_phases: PreregPhasesTable;
    prereg_groups: PreregGroupsTable;
    prereg_registrants: PreregRegistrantsTable;
    prereg_zip_weights: PreregZipWeightsTable;
    prereg_invitations: PreregInvitationsTable;
    prereg_offers: PreregOffersTable;
    prereg_runs: PreregRunsTable;
  }
}

export type SettingsRow = Selectable<PreregSettingsTable>;
export type PhaseRow = Selectable<PreregPhasesTable>;
export type GroupRow = Selectable<PreregGroupsTable>;
export type RegistrantRow = Selectable<PreregRegistrantsTable>;
export type InvitationRow = Selectable<PreregInvitationsTable>;
export type RunRow = Selectable<PreregRunsTable>;

export const findSettings = (db: Queryable, programId: string) =>
  db.selectFrom('prereg_settings').selectAll().where('program_id', '=', programId).executeTakeFirst();
export const listSettings = (db: Queryable) => db.selectFrom('prereg_settings').selectAll().execute();
export async function upsertSettings(db: Queryable, s: PreregSettingsTable): Promise<void> {
  const { program_id: _id, ...rest } = s;
  await db
    .insertInto('prereg_settings')
    .values(s)
    .onConflict((oc) => oc.column('program_id').doUpdateSet(rest))
    .execute();
}
export const listPhases = (db: Queryable, programId: string) =>
  db.selectFrom('prereg_phases').selectAll().where('program_id', '=', programId).orderBy('position').execute();
export const insertPhase = (db: Queryable, p: PreregPhasesTable) => db.insertInto('prereg_phases').values(p).execute();
export async function setPhaseStatus(
  db: Queryable,
  id: string,
  status: 'open' | 'closed',
  now: number,
): Promise<boolean> {
  const r = await db
    .updateTable('prereg_phases')
    .set({ status, updated_at: now })
    .where('id', '=', id)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}
export const listGroups = (db: Queryable, programId: string) =>
  db.selectFrom('prereg_groups').selectAll().where('program_id', '=', programId).orderBy('position').execute();
export const insertGroup = (db: Queryable, g: PreregGroupsTable) => db.insertInto('prereg_groups').values(g).execute();

export const findRegistrantByIdentity = (db: Queryable, programId: string, identity: string) =>
  db
    .selectFrom('prereg_registrants')
    .selectAll()
    .where('program_id', '=', programId)
    .where('identity_index', '=', identity)
    .executeTakeFirst();
export const findRegistrant = (db: Queryable, id: string) =>
  db.selectFrom('prereg_registrants').selectAll().where('id', '=', id).executeTakeFirst();
export const findRegistrantByStatusToken = (db: Queryable, hash: string) =>
  db.selectFrom('prereg_registrants').selectAll().where('status_token_hash', '=', hash).executeTakeFirst();
export const insertRegistrant = (db: Queryable, r: Insertable<PreregRegistrantsTable>) =>
  db.insertInto('prereg_registrants').values(r).execute();
export async function updateRegistrant(
  db: Queryable,
  id: string,
  set: Omit<Updateable<PreregRegistrantsTable>, 'id'>,
  from?: RegistrantStatus[],
): Promise<boolean> {
  let q = db.updateTable('prereg_registrants').set(set).where('id', '=', id);
  if (from) q = q.where('status', 'in', from);
  const r = await q.executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Waiting people of these groups in the fair order's last key (registration time), a page at a time. */
export const listWaiting = (
  db: Queryable,
  programId: string,
  groupIds: string[],
  after: { at: number; id: string } | null,
  limit: number,
  now: number,
) => {
  let q = db
    .selectFrom('prereg_registrants')
    .select([
      'id',
      'zip',
      'group_id',
      'needs_enc',
      'language_need_enc',
      'max_miles',
      'preferred_sites',
      'unavailable',
      'registered_at',
      'contact_id',
      'call_me',
      'given_name_enc',
    ])
    .where('program_id', '=', programId)
    .where('status', '=', 'waiting')
    .where('next_invite_after', '<=', now)
    .where('group_id', 'in', groupIds);
  if (after)
    q = q.where((eb) =>
      eb.or([
        eb('registered_at', '>', after.at),
        eb.and([eb('registered_at', '=', after.at), eb('id', '>', after.id)]),
      ]),
    );
  return q.orderBy('registered_at').orderBy('id').limit(limit).execute();
};
export type WaitingRow = Awaited<ReturnType<typeof listWaiting>>[number];

/** Where a page of candidates ends, in the fair order's keys. */
export interface CandidateKey {
  rank: number;
  weight: number;
  at: number;
  id: string;
}

/**
 * Waiting people of a program's OPEN phases in the fair order itself (docs/decisions/0009-fair-invitations.md):
 * phase position, then ZIP weight (higher first, 1 without one), then registration time, then id — a page at a
 * time after `after` (keyset), so a run reads only as many people as it has seats for, not the whole list. The
 * weight is read as double precision on both engines so the page key compares exactly.
 */
export function listCandidates(
  db: Queryable,
  programId: string,
  now: number,
  after: CandidateKey | null,
  limit: number,
) {
  const weight = sql<number>`cast(coalesce(w.weight, 1) as double precision)`;
  let q = db
    .selectFrom('prereg_registrants as r')
    .innerJoin('prereg_groups as g', 'g.id', 'r.group_id')
    .innerJoin('prereg_phases as ph', 'ph.id', 'g.phase_id')
    .leftJoin('prereg_zip_weights as w', (j) =>
      j.onRef('w.program_id', '=', 'r.program_id').onRef('w.zip', '=', 'r.zip'),
    )
    .select([
      'r.id',
      'r.zip',
      'r.group_id',
      'r.needs_enc',
      'r.language_need_enc',
      'r.max_miles',
      'r.preferred_sites',
      'r.unavailable',
      'r.registered_at',
      'ph.position as rank',
      weight.as('weight'),
    ])
    .where('r.program_id', '=', programId)
    .where('r.status', '=', 'waiting')
    .where('r.next_invite_after', '<=', now)
    .where('ph.status', '=', 'open');
  if (after)
    q = q.where(
      sql<boolean>`(ph.position > ${after.rank} or (ph.position = ${after.rank} and (${weight} < ${after.weight} or (${weight} = ${after.weight} and (r.registered_at > ${after.at} or (r.registered_at = ${after.at} and r.id > ${after.id}))))))`,
    );
  return q
    .orderBy('ph.position')
    .orderBy('weight', 'desc')
    .orderBy('r.registered_at')
    .orderBy('r.id')
    .limit(limit)
    .execute();
}
export type CandidateRow = Awaited<ReturnType<typeof listCandidates>>[number];

/** Mark these people invited if they are still waiting (one statement); returns the ids that moved. */
export async function markInvited(db: Queryable, ids: string[], now: number): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .updateTable('prereg_registrants')
    .set({ status: 'invited', updated_at: now })
    .where('id', 'in', ids)
    .where('status', '=', 'waiting')
    .returning('id')
    .execute();
  return new Set(rows.map((r) => r.id));
}
/** Put people marked invited by this run back in the queue (no seat could be held for them). */
export async function unmarkInvited(db: Queryable, ids: string[], now: number): Promise<void> {
  if (ids.length === 0) return;
  await db
    .updateTable('prereg_registrants')
    .set({ status: 'waiting', updated_at: now })
    .where('id', 'in', ids)
    .where('status', '=', 'invited')
    .execute();
}

export const listZipWeights = (db: Queryable, programId: string) =>
  db.selectFrom('prereg_zip_weights').select(['zip', 'weight']).where('program_id', '=', programId).execute();
export async function replaceZipWeights(db: Queryable, programId: string, rows: { zip: string; weight: number }[]) {
  await db.deleteFrom('prereg_zip_weights').where('program_id', '=', programId).execute();
  for (let i = 0; i < rows.length; i += 500)
    await db
      .insertInto('prereg_zip_weights')
      .values(rows.slice(i, i + 500).map((r) => ({ program_id: programId, ...r })))
      .execute();
}

export const insertInvitation = (db: Queryable, i: PreregInvitationsTable) =>
  db.insertInto('prereg_invitations').values(i).execute();
export const insertOffer = (db: Queryable, o: PreregOffersTable) => db.insertInto('prereg_offers').values(o).execute();
export async function insertInvitationsMany(
  db: Queryable,
  rows: PreregInvitationsTable[],
  offers: PreregOffersTable[],
) {
  for (let i = 0; i < rows.length; i += 500)
    await db
      .insertInto('prereg_invitations')
      .values(rows.slice(i, i + 500))
      .execute();
  for (let i = 0; i < offers.length; i += 1000)
    await db
      .insertInto('prereg_offers')
      .values(offers.slice(i, i + 1000))
      .execute();
}
/** What an invitation's message says: person, program, the first offer's seat and site, the SMS "YES" setting. */
export async function listInvitationsToMessage(db: Queryable, ids: string[]) {
  const out = [];
  for (let i = 0; i < ids.length; i += 500)
    out.push(
      ...(await db
        .selectFrom('prereg_invitations as i')
        .innerJoin('prereg_registrants as r', 'r.id', 'i.registrant_id')
        .innerJoin('programs as p', 'p.id', 'i.program_id')
        .innerJoin('prereg_settings as s', 's.program_id', 'i.program_id')
        .innerJoin('prereg_offers as o', (j) => j.onRef('o.invitation_id', '=', 'i.id').on('o.position', '=', 1))
        .innerJoin('seat_hold_seats as hs', (j) => j.onRef('hs.hold_id', '=', 'o.hold_id').on('hs.dose_number', '=', 1))
        .innerJoin('slots as sl', 'sl.id', 'hs.slot_id')
        .innerJoin('sites as st', 'st.id', 'sl.site_id')
        .select([
          'i.id',
          'i.status',
          'i.expires_at',
          'r.contact_id',
          'r.given_name_enc',
          'p.name_en as program_en',
          'p.name_es as program_es',
          's.sms_yes',
          'sl.starts_at',
          'st.name as site_name',
          'st.address as site_address',
          'st.postal_code',
          'st.time_zone',
        ])
        .where('i.id', 'in', ids.slice(i, i + 500))
        .orderBy('i.created_at')
        .orderBy('i.id')
        .execute()),
    );
  return out;
}
export const findInvitation = (db: Queryable, id: string) =>
  db.selectFrom('prereg_invitations').selectAll().where('id', '=', id).executeTakeFirst();
export const findInvitationByToken = (db: Queryable, hash: string) =>
  db.selectFrom('prereg_invitations').selectAll().where('token_hash', '=', hash).executeTakeFirst();
export const findLiveInvitationFor = (db: Queryable, registrantId: string) =>
  db
    .selectFrom('prereg_invitations')
    .selectAll()
    .where('registrant_id', '=', registrantId)
    .where('status', '=', 'offered')
    .executeTakeFirst();
export const listOffers = (db: Queryable, invitationId: string) =>
  db
    .selectFrom('prereg_offers')
    .select(['position', 'hold_id'])
    .where('invitation_id', '=', invitationId)
    .orderBy('position')
    .execute();

/** End a live invitation once (offered → `to`): the status check and the write are one statement. */
export async function settleInvitation(
  db: Queryable,
  id: string,
  to: Exclude<InvitationStatus, 'offered'>,
  now: number,
  bookingId: string | null = null,
): Promise<boolean> {
  const r = await db
    .updateTable('prereg_invitations')
    .set({ status: to, updated_at: now, ...(bookingId ? { booking_id: bookingId } : {}) })
    .where('id', '=', id)
    .where('status', '=', 'offered')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Count a failed birth-date check; returns the new count. */
export async function addFailedCheck(db: Queryable, id: string, now: number): Promise<number> {
  await db
    .updateTable('prereg_invitations')
    .set((eb) => ({ failed_checks: eb('failed_checks', '+', 1), updated_at: now }))
    .where('id', '=', id)
    .execute();
  const r = await db.selectFrom('prereg_invitations').select('failed_checks').where('id', '=', id).executeTakeFirst();
  return r?.failed_checks ?? 0;
}

export const listExpiredInvitations = (db: Queryable, now: number, limit: number) =>
  db
    .selectFrom('prereg_invitations')
    .select(['id', 'program_id'])
    .where('status', '=', 'offered')
    .where('expires_at', '<=', now)
    .orderBy('expires_at')
    .limit(limit)
    .execute();

export const insertRun = (db: Queryable, r: PreregRunsTable) => db.insertInto('prereg_runs').values(r).execute();
export const finishRun = (
  db: Queryable,
  id: string,
  set: Pick<PreregRunsTable, 'finished_at' | 'candidates' | 'invited' | 'note'>,
) => db.updateTable('prereg_runs').set(set).where('id', '=', id).execute();
export const listRuns = (db: Queryable, programId: string, limit: number) =>
  db
    .selectFrom('prereg_runs')
    .selectAll()
    .where('program_id', '=', programId)
    .orderBy('started_at', 'desc')
    .limit(limit)
    .execute();

/** Invitations of a group's members since an instant (the status page's honest "invited this week"). */
export async function countGroupInvitedSince(db: Queryable, groupId: string, since: number): Promise<number> {
  const r = await db
    .selectFrom('prereg_invitations')
    .innerJoin('prereg_registrants', 'prereg_registrants.id', 'prereg_invitations.registrant_id')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('prereg_registrants.group_id', '=', groupId)
    .where('prereg_invitations.created_at', '>=', since)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Open seats of a program (with their site) in a window, soonest first. */
export const listOpenSeats = (db: Queryable, programId: string, from: number, to: number, siteId?: string) =>
  db
    .selectFrom('slots')
    .innerJoin('sites', 'sites.id', 'slots.site_id')
    .select([
      'slots.id',
      'slots.site_id',
      'slots.starts_at',
      'slots.capacity',
      'slots.booked',
      'sites.postal_code',
      'sites.latitude',
      'sites.longitude',
      'sites.accessibility',
      'sites.languages',
      'sites.time_zone',
    ])
    .where('slots.program_id', '=', programId)
    .where('slots.status', '=', 'open')
    .whereRef('slots.booked', '<', 'slots.capacity')
    .where('slots.starts_at', '>=', from)
    .where('slots.starts_at', '<', to)
    .where('sites.status', '=', 'active')
    .$if(siteId !== undefined, (q) => q.where('slots.site_id', '=', siteId ?? ''))
    .orderBy('slots.starts_at')
    .execute();
export type SeatRow = Awaited<ReturnType<typeof listOpenSeats>>[number];

export const freeDoses = (db: Queryable, productId: string) =>
  db
    .selectFrom('site_inventory')
    .select(['site_id', 'on_hand', 'reserved'])
    .where('product_id', '=', productId)
    .execute();

/** Counts for the dashboard. */
export const countRegistrantsBy = (
  db: Queryable,
  programId: string,
  column: 'group_id' | 'zip' | 'language' | 'status',
) =>
  db
    .selectFrom('prereg_registrants')
    .select([column, (eb) => eb.fn.countAll<number>().as('n')])
    .where('program_id', '=', programId)
    .groupBy(column)
    .execute();
export const countInvitationsByStatus = (db: Queryable, programId: string) =>
  db
    .selectFrom('prereg_invitations')
    .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
    .where('program_id', '=', programId)
    .groupBy('status')
    .execute();

/** Reads of the appointments module's catalog (names, the program's products, sites) for pages and messages. */
export const findProgram = (db: Queryable, id: string) =>
  db
    .selectFrom('programs')
    .select(['id', 'name_en', 'name_es', 'booking_mode', 'status'])
    .where('id', '=', id)
    .executeTakeFirst();
export const listPrograms = (db: Queryable) =>
  db
    .selectFrom('programs')
    .select(['id', 'name_en', 'name_es', 'booking_mode'])
    .where('status', '=', 'active')
    .execute();
export const listProducts = (db: Queryable, programId: string) =>
  db
    .selectFrom('products')
    .select(['id', 'name', 'doses'])
    .where('program_id', '=', programId)
    .orderBy('created_at')
    .execute();
export const listSites = (db: Queryable) =>
  db
    .selectFrom('sites')
    .select(['id', 'name', 'address', 'postal_code', 'time_zone', 'latitude', 'longitude'])
    .where('status', '=', 'active')
    .orderBy('name')
    .execute();

/** The live invitation of a contact's registration, in a program where an SMS "YES" may accept. */
export const findSmsAcceptable = (db: Queryable, contactId: string) =>
  db
    .selectFrom('prereg_registrants')
    .innerJoin('prereg_invitations', 'prereg_invitations.registrant_id', 'prereg_registrants.id')
    .innerJoin('prereg_settings', 'prereg_settings.program_id', 'prereg_registrants.program_id')
    .select(['prereg_invitations.id'])
    .where('prereg_registrants.contact_id', '=', contactId)
    .where('prereg_invitations.status', '=', 'offered')
    .where('prereg_settings.sms_yes', '=', 1)
    .executeTakeFirst();

/** Waiting or invited people with a contact, for the weekly status message (a page at a time). */
export const listForStatus = (db: Queryable, afterId: string, limit: number) =>
  db
    .selectFrom('prereg_registrants')
    .select(['id', 'program_id', 'group_id', 'contact_id', 'given_name_enc'])
    .where('status', 'in', ['waiting', 'invited'])
    .where('contact_id', 'is not', null)
    .where('id', '>', afterId)
    .orderBy('id')
    .limit(limit)
    .execute();

/** Active sites that offer a program: a seat from `now` on, or a schedule template valid on or after `today`. */
export const listProgramSites = (db: Queryable, programId: string, now: number, today: string) =>
  db
    .selectFrom('sites')
    .select(['sites.id', 'sites.name', 'sites.address', 'sites.postal_code'])
    .where('sites.status', '=', 'active')
    .where((eb) =>
      eb.or([
        eb.exists(
          eb
            .selectFrom('slots')
            .select('slots.id')
            .whereRef('slots.site_id', '=', 'sites.id')
            .where('slots.program_id', '=', programId)
            .where('slots.starts_at', '>=', now),
        ),
        eb.exists(
          eb
            .selectFrom('schedule_templates')
            .select('schedule_templates.id')
            .whereRef('schedule_templates.site_id', '=', 'sites.id')
            .where('schedule_templates.program_id', '=', programId)
            .where('schedule_templates.valid_to', '>=', today),
        ),
      ]),
    )
    .orderBy('sites.name')
    .execute();
export type ProgramSiteRow = Awaited<ReturnType<typeof listProgramSites>>[number];

/**
 * Columns added by migration 0017 (standby, the weekly status link, the call list's "called" mark). Optional here so
 * writers that predate them keep compiling; the database defaults them (standby 0, the others null).
 */
export interface PreregRegistrantsTable {
  /** 1: the person can come on short notice (texted about leftover doses the same day). */
  standby?: number;
  /** Hash of the derived status-link token the weekly message carries (status-link.ts). */
  status_link_hash?: string | null;
  /** When a call agent last marked the person called (the call list). */
  called_at?: number | null;
}

/** The registration a status token opens: the token from the confirmation or the one the weekly message carries. */
export const findRegistrantByAnyStatusToken = (db: Queryable, hash: string) =>
  db
    .selectFrom('prereg_registrants')
    .selectAll()
    .where((eb) => eb.or([eb('status_token_hash', '=', hash), eb('status_link_hash', '=', hash)]))
    .executeTakeFirst();
export const setStatusLinkHash = (db: Queryable, id: string, hash: string) =>
  db.updateTable('prereg_registrants').set({ status_link_hash: hash }).where('id', '=', id).execute();
/** The status-token hashes of a page of registrants (the weekly message derives its link from them). */
export const listStatusHashes = (db: Queryable, ids: string[]) =>
  ids.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom('prereg_registrants')
        .select(['id', 'status_token_hash', 'status_link_hash'])
        .where('id', 'in', ids)
        .execute();

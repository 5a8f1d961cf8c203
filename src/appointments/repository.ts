/** All SQL of the appointments module. The capacity guards are single conditional statements. */
import { sql, type Generated, type Insertable, type QueryCreator, type Selectable } from 'kysely';
import { onPostgres, reusableQuery, type Database, type Queryable } from '../platform/db/index.js';

export interface PeopleTable {
  id: string;
  given_name_enc: string;
  family_name_enc: string;
  birth_date_enc: string;
  identity_index: string;
  /** 1: `identity_index` is of the old a-z0-9 kind and is recomputed at start (migration 0025); 2: current. */
  identity_version: Generated<number>;
  contact_id: string | null;
  created_at: number;
  updated_at: number;
}
export interface ProgramsTable {
  id: string;
  name_en: string;
  name_es: string;
  description_en: string;
  description_es: string;
  preparation_en: string;
  preparation_es: string;
  booking_mode: 'open' | 'invitation';
  status: 'active' | 'paused';
  created_at: number;
  updated_at: number;
}
export interface ProductsTable {
  id: string;
  program_id: string;
  name: string;
  manufacturer: string | null;
  cvx_code: string | null;
  doses: number;
  min_days_between: number;
  max_days_between: number;
  min_age_years: number;
  created_at: number;
}
export interface InventoryLedgerTable {
  id?: number;
  site_id: string;
  product_id: string;
  kind: 'receive' | 'adjust' | 'waste' | 'transfer-in' | 'transfer-out' | 'administer';
  doses: number;
  lot: string | null;
  expires_on: string | null;
  reason: string | null;
  actor: string | null;
  created_at: number;
}
export interface SiteInventoryTable {
  site_id: string;
  product_id: string;
  on_hand: number;
  reserved: number;
}
export interface SlotsTable {
  id: string;
  site_id: string;
  program_id: string;
  starts_at: number;
  ends_at: number;
  capacity: number;
  booked: number;
  status: 'open' | 'closed';
  created_at: number;
}
export type BookingStatus = 'booked' | 'cancelled' | 'checked-in' | 'administered' | 'no-show';
export interface BookingsTable {
  id: string;
  person_id: string;
  slot_id: string;
  site_id: string;
  program_id: string;
  product_id: string;
  dose_number: number;
  series_id: string;
  channel: 'web' | 'phone' | 'api';
  status: BookingStatus;
  confirmation_code: string;
  manage_token_hash: string;
  starts_at: number;
  /** Raised each time the booking moves or is cancelled (the calendar file's SEQUENCE). */
  revision: Generated<number>;
  /** Where its messages go (set once the confirmation's contact exists). */
  contact_id: string | null;
  created_at: number;
  updated_at: number;
}

declare module '../platform/db/schema.js' {
  interface Database {
    people: PeopleTable;
    programs: ProgramsTable;
    products: ProductsTable;
    inventory_ledger: InventoryLedgerTable;
    site_inventory: SiteInventoryTable;
    slots: SlotsTable;
    bookings: BookingsTable;
  }
}

export type ProgramRow = Selectable<ProgramsTable>;
export type ProductRow = Selectable<ProductsTable>;
export type SlotRow = Selectable<SlotsTable>;
export type BookingRow = Selectable<BookingsTable>;

export const insertProgram = (db: Queryable, p: ProgramsTable) => db.insertInto('programs').values(p).execute();
export const insertProduct = (db: Queryable, p: ProductsTable) => db.insertInto('products').values(p).execute();
export const findProgram = (db: Queryable, id: string) =>
  db.selectFrom('programs').selectAll().where('id', '=', id).executeTakeFirst();
export const findProduct = (db: Queryable, id: string) =>
  db.selectFrom('products').selectAll().where('id', '=', id).executeTakeFirst();
export const findSlot = (db: Queryable, id: string) =>
  db.selectFrom('slots').selectAll().where('id', '=', id).executeTakeFirst();
export const insertSlot = (db: Queryable, s: SlotsTable) => db.insertInto('slots').values(s).execute();
export const findBooking = (db: Queryable, id: string) =>
  db.selectFrom('bookings').selectAll().where('id', '=', id).executeTakeFirst();
// The booking path's statements are reusable queries (compiled once; platform/db/reusable-query.ts).
const insertBookingQuery = reusableQuery((db, b: Insertable<BookingsTable>) => db.insertInto('bookings').values(b));
export const insertBooking = (db: Queryable, b: Insertable<BookingsTable>) => insertBookingQuery(db, b);

/** Take one seat if one is free: the check and the write are one statement (alone, or in takeSeatAndDoses). */
const seatUpdate = (db: QueryCreator<Database>, slotId: string) =>
  db
    .updateTable('slots')
    .set((eb) => ({ booked: eb('booked', '+', 1) }))
    .where('id', '=', slotId)
    .where('status', '=', 'open')
    .whereRef('booked', '<', 'capacity');
const takeSeatQuery = reusableQuery((db, p: { slotId: string }) => seatUpdate(db, p.slotId));
export async function takeSeat(db: Queryable, slotId: string): Promise<boolean> {
  const r = await takeSeatQuery(db, { slotId });
  return Number(r.numAffectedRows) === 1;
}

/** Take `n` seats of an open slot at once if that many are free: one conditional statement (bulk holds). */
export async function takeSeats(db: Queryable, slotId: string, n: number): Promise<boolean> {
  const r = await db
    .updateTable('slots')
    .set((eb) => ({ booked: eb('booked', '+', n) }))
    .where('id', '=', slotId)
    .where('status', '=', 'open')
    .where((eb) => eb(eb('booked', '+', n), '<=', eb.ref('capacity')))
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Slots by id (several at once). */
export const findSlots = (db: Queryable, ids: string[]) =>
  ids.length === 0 ? Promise.resolve([]) : db.selectFrom('slots').selectAll().where('id', 'in', ids).execute();

export async function releaseSeat(db: Queryable, slotId: string): Promise<void> {
  await db
    .updateTable('slots')
    .set((eb) => ({ booked: eb('booked', '-', 1) }))
    .where('id', '=', slotId)
    .where('booked', '>', 0)
    .execute();
}

/** Reserve `n` doses if that many are on hand and not yet reserved: one statement (alone, or in takeSeatAndDoses). */
type DosesWanted = { siteId: string; productId: string; n: number };
const dosesUpdate = (db: QueryCreator<Database>, d: DosesWanted) =>
  db
    .updateTable('site_inventory')
    .set((eb) => ({ reserved: eb('reserved', '+', d.n) }))
    .where('site_id', '=', d.siteId)
    .where('product_id', '=', d.productId)
    .where((eb) => eb(eb('reserved', '+', d.n), '<=', eb.ref('on_hand')));
const reserveDosesQuery = reusableQuery((db, d: DosesWanted) => dosesUpdate(db, d));
export async function reserveDoses(db: Queryable, siteId: string, productId: string, n: number): Promise<boolean> {
  const r = await reserveDosesQuery(db, { siteId, productId, n });
  return Number(r.numAffectedRows) === 1;
}

const takeSeatAndDosesQuery = reusableQuery((db, s: DosesWanted & { slotId: string }) =>
  db
    .with('seat', (q) => seatUpdate(q, s.slotId).returning('id'))
    .with('dose', (q) =>
      dosesUpdate(q, s)
        // Only when the seat was taken (the builder above does not know the CTE's name, so it is written out).
        .where(sql<boolean>`exists (select 1 from seat)`)
        .returning('site_id'),
    )
    .selectNoFrom((eb) => [
      eb.selectFrom('seat').select(eb.fn.countAll().as('n')).as('seats'),
      eb.selectFrom('dose').select(eb.fn.countAll().as('n')).as('doses'),
    ]),
);
/**
 * Take one seat of the slot and reserve `n` doses of the product at the site, or neither. On PostgreSQL it is one
 * statement (a data-modifying CTE: one round trip instead of two, the seat locked first as before); on SQLite, which
 * has no round trips to save, the two conditional statements. When the doses are refused the seat is given back
 * before it returns, so the caller may go on in the same transaction.
 */
export async function takeSeatAndDoses(
  db: Queryable,
  s: DosesWanted & { slotId: string },
): Promise<'ok' | 'slot_full' | 'no_doses'> {
  if (!onPostgres(db)) {
    if (!(await takeSeat(db, s.slotId))) return 'slot_full';
    if (await reserveDoses(db, s.siteId, s.productId, s.n)) return 'ok';
    await releaseSeat(db, s.slotId);
    return 'no_doses';
  }
  const row = (await takeSeatAndDosesQuery(db, s)).rows[0];
  if (!row || Number(row.seats) !== 1) return 'slot_full';
  if (Number(row.doses) === 1) return 'ok';
  await releaseSeat(db, s.slotId);
  return 'no_doses';
}

export async function releaseDoses(db: Queryable, siteId: string, productId: string, n: number): Promise<void> {
  await db
    .updateTable('site_inventory')
    .set((eb) => ({ reserved: eb('reserved', '-', n) }))
    .where('site_id', '=', siteId)
    .where('product_id', '=', productId)
    .execute();
}

/** Add a ledger entry and move the on-hand count with it (never below what is reserved: the CHECK refuses). */
export async function addLedgerEntry(db: Queryable, e: InventoryLedgerTable): Promise<void> {
  await db
    .insertInto('site_inventory')
    .values({ site_id: e.site_id, product_id: e.product_id, on_hand: 0, reserved: 0 })
    .onConflict((oc) => oc.columns(['site_id', 'product_id']).doNothing())
    .execute();
  await db.insertInto('inventory_ledger').values(e).execute();
  await db
    .updateTable('site_inventory')
    .set((eb) => ({ on_hand: eb('on_hand', '+', e.doses) }))
    .where('site_id', '=', e.site_id)
    .where('product_id', '=', e.product_id)
    .execute();
}

export const findInventory = (db: Queryable, siteId: string, productId: string) =>
  db
    .selectFrom('site_inventory')
    .selectAll()
    .where('site_id', '=', siteId)
    .where('product_id', '=', productId)
    .executeTakeFirst();

/** Open slots with free seats at a site (or any site) between two instants. */
export async function findOpenSlots(
  db: Queryable,
  q: { programId?: string | undefined; siteId?: string | undefined; from: number; to: number; limit?: number },
): Promise<SlotRow[]> {
  let query = db
    .selectFrom('slots')
    .selectAll()
    .where('status', '=', 'open')
    .whereRef('booked', '<', 'capacity')
    .where('starts_at', '>=', q.from)
    .where('starts_at', '<', q.to);
  if (q.programId) query = query.where('program_id', '=', q.programId);
  if (q.siteId) query = query.where('site_id', '=', q.siteId);
  return query
    .orderBy('starts_at')
    .limit(q.limit ?? 1000)
    .execute();
}

export async function setBookingStatus(
  db: Queryable,
  id: string,
  from: BookingStatus[],
  to: BookingStatus,
  now: number,
): Promise<boolean> {
  const r = await db
    .updateTable('bookings')
    .set({ status: to, updated_at: now })
    .where('id', '=', id)
    .where('status', 'in', from)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Cancel an active booking (its revision rises, so the calendar cancellation supersedes the entry). */
export async function cancelActiveBooking(db: Queryable, id: string, now: number): Promise<boolean> {
  const r = await db
    .updateTable('bookings')
    .set((eb) => ({ status: 'cancelled' as const, revision: eb('revision', '+', 1), updated_at: now }))
    .where('id', '=', id)
    .where('status', '=', 'booked')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Move an active booking to another seat (its revision rises). The seats themselves are taken and released apart. */
export async function moveBooking(db: Queryable, id: string, slot: SlotRow, now: number): Promise<boolean> {
  const r = await db
    .updateTable('bookings')
    .set((eb) => ({
      slot_id: slot.id,
      site_id: slot.site_id,
      starts_at: slot.starts_at,
      revision: eb('revision', '+', 1),
      updated_at: now,
    }))
    .where('id', '=', id)
    .where('status', '=', 'booked')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export const findSeries = (db: Queryable, seriesId: string) =>
  db.selectFrom('bookings').selectAll().where('series_id', '=', seriesId).orderBy('dose_number').execute();

/** Unreserved doses of one product, by site. */
export async function findFreeDosesBySite(db: Queryable, productId: string): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('site_inventory')
    .select(['site_id', 'on_hand', 'reserved'])
    .where('product_id', '=', productId)
    .execute();
  return new Map(rows.map((r) => [r.site_id, r.on_hand - r.reserved]));
}

/** Every inventory row (which site carries which product, and how many doses are unreserved). */
export const listInventory = (db: Queryable) =>
  db
    .selectFrom('site_inventory')
    .select(['site_id', 'product_id', 'on_hand', 'reserved'])
    .orderBy('site_id')
    .orderBy('product_id')
    .execute();

/** Active programs anyone may book without an invitation, and their products. */
export async function findOpenProgramsWithProducts(db: Queryable): Promise<ProductRow[]> {
  return db
    .selectFrom('products')
    .innerJoin('programs', 'programs.id', 'products.program_id')
    .selectAll('products')
    .where('programs.status', '=', 'active')
    .where('programs.booking_mode', '=', 'open')
    .orderBy('products.program_id')
    .orderBy('products.name')
    .orderBy('products.id')
    .execute();
}

/** Open slots (full ones too) starting in [from, to), oldest first; no row limit (the caller bounds the window). */
export function findOpenSlotsIncludingFull(
  db: Queryable,
  q: { from: number; to: number },
): Promise<
  Pick<SlotRow, 'id' | 'site_id' | 'program_id' | 'starts_at' | 'ends_at' | 'capacity' | 'booked' | 'status'>[]
> {
  return db
    .selectFrom('slots')
    .select(['id', 'site_id', 'program_id', 'starts_at', 'ends_at', 'capacity', 'booked', 'status'])
    .where('status', '=', 'open')
    .where('starts_at', '>=', q.from)
    .where('starts_at', '<', q.to)
    .orderBy('starts_at')
    .orderBy('id')
    .execute();
}

export const INJECTION_SITES = ['left-arm', 'right-arm', 'left-thigh', 'right-thigh', 'other'] as const;
export type InjectionSite = (typeof INJECTION_SITES)[number];
export interface AdministrationsTable {
  booking_id: string;
  site_id: string;
  product_id: string;
  dose_number: number;
  lot: string;
  expires_on: string | null;
  /** The signed-in staff user who recorded it (null for API tokens and jobs). */
  staff_user_id: string | null;
  /** The audit label of whoever recorded it (e-mail or token name). */
  recorded_by: string | null;
  vaccinator_name: string | null;
  injection_site: InjectionSite | null;
  administered_at: number;
}
declare module '../platform/db/schema.js' {
  interface Database {
    administrations: AdministrationsTable;
  }
}
export type AdministrationRow = Selectable<AdministrationsTable>;

/**
 * One dose leaves a booking's reservation and the doses on hand, in one conditional statement. On PostgreSQL it
 * also locks the site's inventory row, so lot balances read after it in the transaction are not raced.
 */
export async function takeReservedDose(db: Queryable, siteId: string, productId: string): Promise<boolean> {
  const r = await db
    .updateTable('site_inventory')
    .set((eb) => ({ reserved: eb('reserved', '-', 1), on_hand: eb('on_hand', '-', 1) }))
    .where('site_id', '=', siteId)
    .where('product_id', '=', productId)
    .where('reserved', '>=', 1)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export interface LotBalance {
  lot: string;
  remaining: number;
  expiresOn: string | null;
}

/** Doses left in each lot of a product at a site (the ledger's sum per lot), first to expire first. */
export async function findLotBalances(
  db: Queryable,
  siteId: string,
  productId: string,
  lot?: string,
): Promise<LotBalance[]> {
  let q = db
    .selectFrom('inventory_ledger')
    .select((eb) => ['lot', eb.fn.sum<number>('doses').as('remaining'), eb.fn.max('expires_on').as('expires_on')])
    .where('site_id', '=', siteId)
    .where('product_id', '=', productId)
    .where('lot', 'is not', null);
  if (lot !== undefined) q = q.where('lot', '=', lot);
  const rows = await q.groupBy('lot').orderBy('expires_on').orderBy('lot').execute();
  return rows.map((r) => ({ lot: r.lot ?? '', remaining: Number(r.remaining), expiresOn: r.expires_on }));
}

export async function insertLedgerRow(db: Queryable, e: InventoryLedgerTable): Promise<void> {
  await db.insertInto('inventory_ledger').values(e).execute();
}

export const insertAdministration = (db: Queryable, a: AdministrationsTable) =>
  db.insertInto('administrations').values(a).execute();

export const findAdministration = (db: Queryable, bookingId: string) =>
  db.selectFrom('administrations').selectAll().where('booking_id', '=', bookingId).executeTakeFirst();

export const findSiteZone = async (db: Queryable, siteId: string): Promise<string | undefined> =>
  (await db.selectFrom('sites').select('time_zone').where('id', '=', siteId).executeTakeFirst())?.time_zone;

/** The site's details a booking and its confirmation need. */
export type SiteInfo = { time_zone: string; name: string; address: string; postal_code: string };

/** Everything a booking request is checked against, read in one statement. */
export interface BookingContext {
  slot: SlotRow;
  program: ProgramRow;
  site: SiteInfo;
  /** Null when the product does not exist or belongs to another program. */
  product: ProductRow | null;
}

/**
 * The slot with its program and site, and the product when it is one of the slot's program: one joined read
 * instead of four (the booking endpoint's hot path; see docs/performance.md). Undefined when the slot does not exist.
 */
const bookingContextQuery = reusableQuery((db, v: { slotId: string; productId: string }) =>
  db
    .selectFrom('slots as s')
    .innerJoin('programs as g', 'g.id', 's.program_id')
    .innerJoin('sites as t', 't.id', 's.site_id')
    .leftJoin('products as p', (join) => join.on('p.id', '=', v.productId).onRef('p.program_id', '=', 's.program_id'))
    .select([
      's.id',
      's.site_id',
      's.program_id',
      's.starts_at',
      's.ends_at',
      's.capacity',
      's.booked',
      's.status',
      's.created_at',
      'g.name_en as g_name_en',
      'g.name_es as g_name_es',
      'g.description_en as g_description_en',
      'g.description_es as g_description_es',
      'g.preparation_en as g_preparation_en',
      'g.preparation_es as g_preparation_es',
      'g.booking_mode as g_booking_mode',
      'g.status as g_status',
      'g.created_at as g_created_at',
      'g.updated_at as g_updated_at',
      't.time_zone as t_time_zone',
      't.name as t_name',
      't.address as t_address',
      't.postal_code as t_postal_code',
      'p.id as p_id',
      'p.name as p_name',
      'p.manufacturer as p_manufacturer',
      'p.cvx_code as p_cvx_code',
      'p.doses as p_doses',
      'p.min_days_between as p_min_days_between',
      'p.max_days_between as p_max_days_between',
      'p.min_age_years as p_min_age_years',
      'p.created_at as p_created_at',
    ])
    .where('s.id', '=', v.slotId),
);

export async function findBookingContext(
  db: Queryable,
  slotId: string,
  productId: string,
): Promise<BookingContext | undefined> {
  const r = (await bookingContextQuery(db, { slotId, productId })).rows[0];
  if (!r) return undefined;
  const slot: SlotRow = {
    id: r.id,
    site_id: r.site_id,
    program_id: r.program_id,
    starts_at: r.starts_at,
    ends_at: r.ends_at,
    capacity: r.capacity,
    booked: r.booked,
    status: r.status,
    created_at: r.created_at,
  };
  const program: ProgramRow = {
    id: r.program_id,
    name_en: r.g_name_en,
    name_es: r.g_name_es,
    description_en: r.g_description_en,
    description_es: r.g_description_es,
    preparation_en: r.g_preparation_en,
    preparation_es: r.g_preparation_es,
    booking_mode: r.g_booking_mode,
    status: r.g_status,
    created_at: r.g_created_at,
    updated_at: r.g_updated_at,
  };
  const site: SiteInfo = {
    time_zone: r.t_time_zone,
    name: r.t_name,
    address: r.t_address,
    postal_code: r.t_postal_code,
  };
  const product: ProductRow | null =
    r.p_id === null
      ? null
      : {
          id: r.p_id,
          program_id: r.program_id,
          name: r.p_name ?? '',
          manufacturer: r.p_manufacturer,
          cvx_code: r.p_cvx_code,
          doses: r.p_doses ?? 1,
          min_days_between: r.p_min_days_between ?? 0,
          max_days_between: r.p_max_days_between ?? 0,
          min_age_years: r.p_min_age_years ?? 0,
          created_at: r.p_created_at ?? 0,
        };
  return { slot, program, site, product };
}

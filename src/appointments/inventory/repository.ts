/**
 * All SQL of the inventory ledger. The tables are declared by the appointments repository; the rules that keep
 * "bookings never exceed doses on hand" are single conditional statements here.
 */
import { sql } from 'kysely';
import type { Queryable } from '../../platform/db/index.js';
import type { InventoryLedgerTable } from '../repository.js';

export type LedgerKind = InventoryLedgerTable['kind'];
export type NewLedgerEntry = Omit<InventoryLedgerTable, 'id'>;

/** Make sure the site has a counter row for the product (no-op when it has one). */
export async function ensureCounter(db: Queryable, siteId: string, productId: string): Promise<void> {
  await db
    .insertInto('site_inventory')
    .values({ site_id: siteId, product_id: productId, on_hand: 0, reserved: 0 })
    .onConflict((oc) => oc.columns(['site_id', 'product_id']).doNothing())
    .execute();
}

/**
 * Take `n` doses off the shelf only if what stays covers every reserved dose: one statement, so two takers can
 * never both pass on the same doses. On PostgreSQL the row stays locked until the transaction ends.
 */
export async function takeDoses(db: Queryable, siteId: string, productId: string, n: number): Promise<boolean> {
  const r = await db
    .updateTable('site_inventory')
    .set((eb) => ({ on_hand: eb('on_hand', '-', n) }))
    .where('site_id', '=', siteId)
    .where('product_id', '=', productId)
    .where((eb) => eb(eb('on_hand', '-', n), '>=', eb.ref('reserved')))
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Put `n` doses on the shelf (the counter row is created when missing). */
export async function addDoses(db: Queryable, siteId: string, productId: string, n: number): Promise<void> {
  await ensureCounter(db, siteId, productId);
  await db
    .updateTable('site_inventory')
    .set((eb) => ({ on_hand: eb('on_hand', '+', n) }))
    .where('site_id', '=', siteId)
    .where('product_id', '=', productId)
    .execute();
}

/**
 * Insert a ledger row that takes doses from a lot only if the lot still holds them (the lot's remaining doses are
 * the sum of its ledger rows): INSERT … SELECT … WHERE, one statement. Call it after `takeDoses`, whose row lock
 * (PostgreSQL) or the write lock (SQLite) orders every ledger write for the site and product.
 */
export async function insertLedgerTakingFromLot(db: Queryable, e: NewLedgerEntry, take: number): Promise<boolean> {
  const remaining = db
    .selectFrom('inventory_ledger')
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('doses'), sql<number>`0`).as('total'))
    .where('site_id', '=', e.site_id)
    .where('product_id', '=', e.product_id)
    .where('lot', '=', e.lot);
  const r = await db
    .insertInto('inventory_ledger')
    .columns(['site_id', 'product_id', 'kind', 'doses', 'lot', 'expires_on', 'reason', 'actor', 'created_at'])
    .expression(
      db
        .selectNoFrom([
          sql<string>`${e.site_id}`.as('site_id'),
          sql<string>`${e.product_id}`.as('product_id'),
          sql<string>`${e.kind}`.as('kind'),
          sql<number>`${e.doses}`.as('doses'),
          sql<string | null>`${e.lot}`.as('lot'),
          sql<string | null>`${e.expires_on}`.as('expires_on'),
          sql<string | null>`${e.reason}`.as('reason'),
          sql<string | null>`${e.actor}`.as('actor'),
          sql<number>`${e.created_at}`.as('created_at'),
        ])
        .where(sql<boolean>`(${remaining}) >= ${take}`),
    )
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) === 1;
}

export async function insertLedger(db: Queryable, e: NewLedgerEntry): Promise<void> {
  await db.insertInto('inventory_ledger').values(e).execute();
}

export interface Counter {
  productId: string;
  productName: string;
  onHand: number;
  reserved: number;
}

/** On-hand and reserved doses per product at a site (products with any ledger history). */
export async function listCounters(db: Queryable, siteId: string): Promise<Counter[]> {
  const rows = await db
    .selectFrom('site_inventory')
    .innerJoin('products', 'products.id', 'site_inventory.product_id')
    .select(['products.id', 'products.name', 'site_inventory.on_hand', 'site_inventory.reserved'])
    .where('site_inventory.site_id', '=', siteId)
    .orderBy('products.name')
    .execute();
  return rows.map((r) => ({ productId: r.id, productName: r.name, onHand: r.on_hand, reserved: r.reserved }));
}

export const findCounter = (db: Queryable, siteId: string, productId: string) =>
  db
    .selectFrom('site_inventory')
    .select(['on_hand', 'reserved'])
    .where('site_id', '=', siteId)
    .where('product_id', '=', productId)
    .executeTakeFirst();

/** Totals per site, for the console's inventory overview. */
export async function totalsBySite(db: Queryable): Promise<{ siteId: string; onHand: number; reserved: number }[]> {
  const rows = await db
    .selectFrom('site_inventory')
    .select((eb) => [
      'site_id',
      eb.fn.sum<number>('on_hand').as('on_hand'),
      eb.fn.sum<number>('reserved').as('reserved'),
    ])
    .groupBy('site_id')
    .execute();
  return rows.map((r) => ({ siteId: r.site_id, onHand: Number(r.on_hand), reserved: Number(r.reserved) }));
}

export interface LotRow {
  productId: string;
  lot: string;
  expiresOn: string | null;
  remaining: number;
}

/** Every lot at a site: remaining doses are the sum of its ledger rows; the expiry is the one it was received with. */
export async function listLots(db: Queryable, siteId: string): Promise<LotRow[]> {
  const rows = await db
    .selectFrom('inventory_ledger')
    .select((eb) => [
      'product_id',
      'lot',
      eb.fn.max('expires_on').as('expires_on'),
      eb.fn.sum<number>('doses').as('remaining'),
    ])
    .where('site_id', '=', siteId)
    .where('lot', 'is not', null)
    .groupBy(['product_id', 'lot'])
    .orderBy('product_id')
    .orderBy(sql`max(expires_on)`)
    .orderBy('lot')
    .execute();
  return rows.map((r) => ({
    productId: r.product_id,
    lot: r.lot ?? '',
    expiresOn: r.expires_on ?? null,
    remaining: Number(r.remaining),
  }));
}

/** A lot's expiry (from the rows that brought it in), or undefined when the site never had that lot. */
export async function findLot(
  db: Queryable,
  siteId: string,
  productId: string,
  lot: string,
): Promise<{ expiresOn: string | null } | undefined> {
  const r = await db
    .selectFrom('inventory_ledger')
    .select((eb) => [eb.fn.max('expires_on').as('expires_on'), eb.fn.countAll<number>().as('n')])
    .where('site_id', '=', siteId)
    .where('product_id', '=', productId)
    .where('lot', '=', lot)
    .executeTakeFirst();
  return r && Number(r.n) > 0 ? { expiresOn: r.expires_on ?? null } : undefined;
}

/** One page of the ledger, newest first (keyset paging on id). */
export async function listLedger(db: Queryable, siteId: string, o: { beforeId?: number | undefined; limit: number }) {
  let q = db
    .selectFrom('inventory_ledger')
    .innerJoin('products', 'products.id', 'inventory_ledger.product_id')
    .select([
      'inventory_ledger.id',
      'inventory_ledger.kind',
      'inventory_ledger.doses',
      'inventory_ledger.lot',
      'inventory_ledger.expires_on',
      'inventory_ledger.reason',
      'inventory_ledger.actor',
      'inventory_ledger.created_at',
      'products.name as product_name',
    ])
    .where('inventory_ledger.site_id', '=', siteId);
  if (o.beforeId !== undefined) q = q.where('inventory_ledger.id', '<', o.beforeId);
  const rows = await q
    .orderBy('inventory_ledger.id', 'desc')
    .limit(o.limit + 1)
    .execute();
  return { rows: rows.slice(0, o.limit).map((r) => ({ ...r, id: Number(r.id) })), more: rows.length > o.limit };
}

/** Doses on hand recomputed from the ledger (the counter must always equal it). */
export async function ledgerSum(db: Queryable, siteId: string, productId: string): Promise<number> {
  const r = await db
    .selectFrom('inventory_ledger')
    .select((eb) => eb.fn.sum<number>('doses').as('total'))
    .where('site_id', '=', siteId)
    .where('product_id', '=', productId)
    .executeTakeFirst();
  return Number(r?.total ?? 0);
}

export interface ReservingBooking {
  id: string;
  code: string;
  status: 'booked' | 'checked-in';
  startsAt: number;
  createdAt: number;
  doseNumber: number;
  seriesId: string;
  programId: string;
  personId: string;
}

/**
 * The bookings that hold doses of a product at a site, in the order they keep them: people already checked in
 * first, then by appointment time, then by when they booked. A shortage falls on the tail of this list.
 */
export async function listReservingBookings(
  db: Queryable,
  siteId: string,
  productId: string,
): Promise<ReservingBooking[]> {
  const rows = await db
    .selectFrom('bookings')
    .select([
      'id',
      'confirmation_code',
      'status',
      'starts_at',
      'created_at',
      'dose_number',
      'series_id',
      'program_id',
      'person_id',
    ])
    .where('site_id', '=', siteId)
    .where('product_id', '=', productId)
    .where('status', 'in', ['booked', 'checked-in'])
    .orderBy(sql`case when status = 'checked-in' then 0 else 1 end`)
    .orderBy('starts_at')
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    code: r.confirmation_code,
    // The WHERE clause above admits only these two statuses.
    status: r.status as ReservingBooking['status'],
    startsAt: r.starts_at,
    createdAt: r.created_at,
    doseNumber: r.dose_number,
    seriesId: r.series_id,
    programId: r.program_id,
    personId: r.person_id,
  }));
}

/** Open slots with a free seat at other sites of a program, where that site has doses of the product free. */
export async function findMoveTargets(
  db: Queryable,
  q: { programId: string; productId: string; excludeSiteId: string; from: number; to: number; limit: number },
) {
  return db
    .selectFrom('slots')
    .innerJoin('sites', 'sites.id', 'slots.site_id')
    .innerJoin('site_inventory', (j) =>
      j.onRef('site_inventory.site_id', '=', 'slots.site_id').on('site_inventory.product_id', '=', q.productId),
    )
    .select(['slots.id', 'slots.site_id', 'slots.starts_at', 'sites.name as site_name', 'sites.time_zone'])
    .where('slots.program_id', '=', q.programId)
    .where('slots.site_id', '!=', q.excludeSiteId)
    .where('slots.status', '=', 'open')
    .whereRef('slots.booked', '<', 'slots.capacity')
    .where('slots.starts_at', '>=', q.from)
    .where('slots.starts_at', '<', q.to)
    .whereRef('site_inventory.reserved', '<', 'site_inventory.on_hand')
    .orderBy('slots.starts_at')
    .limit(q.limit)
    .execute();
}

export const listProducts = (db: Queryable) =>
  db.selectFrom('products').select(['id', 'name']).orderBy('name').execute();

export const firstProgram = (db: Queryable) =>
  db.selectFrom('programs').select(['id']).where('status', '=', 'active').orderBy('created_at').executeTakeFirst();

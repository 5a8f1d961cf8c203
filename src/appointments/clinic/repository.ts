/** The clinic day's reads: a site's bookings between two instants, lookups by code or person, no-show candidates. */
import type { Queryable } from '../../platform/db/index.js';
import type { BookingStatus } from '../repository.js';

/** A booking with what the clinic shows beside it (names still encrypted). */
export interface ClinicBookingRow {
  id: string;
  person_id: string;
  site_id: string;
  program_id: string;
  product_id: string;
  slot_id: string;
  series_id: string;
  dose_number: number;
  channel: 'web' | 'phone' | 'api';
  status: BookingStatus;
  confirmation_code: string;
  starts_at: number;
  ends_at: number;
  product_name: string;
  given_name_enc: string;
  family_name_enc: string;
  birth_date_enc: string;
  contact_id: string | null;
}

function clinicBookings(db: Queryable) {
  return db
    .selectFrom('bookings as b')
    .innerJoin('people as p', 'p.id', 'b.person_id')
    .innerJoin('products as pr', 'pr.id', 'b.product_id')
    .innerJoin('slots as s', 's.id', 'b.slot_id')
    .select([
      'b.id',
      'b.person_id',
      'b.site_id',
      'b.program_id',
      'b.product_id',
      'b.slot_id',
      'b.series_id',
      'b.dose_number',
      'b.channel',
      'b.status',
      'b.confirmation_code',
      'b.starts_at',
      's.ends_at',
      'pr.name as product_name',
      'p.given_name_enc',
      'p.family_name_enc',
      'p.birth_date_enc',
      'p.contact_id',
    ]);
}

/** Every booking at a site starting in [from, to), by time. */
export function findSiteBookingsBetween(
  db: Queryable,
  siteId: string,
  from: number,
  to: number,
): Promise<ClinicBookingRow[]> {
  return clinicBookings(db)
    .where('b.site_id', '=', siteId)
    .where('b.starts_at', '>=', from)
    .where('b.starts_at', '<', to)
    .orderBy('b.starts_at')
    .orderBy('b.id')
    .execute();
}

/** How many bookings of each status start at a site in [from, to). */
export async function countSiteBookingsByStatus(
  db: Queryable,
  siteId: string,
  from: number,
  to: number,
): Promise<Partial<Record<BookingStatus, number>>> {
  const rows = await db
    .selectFrom('bookings')
    .select((eb) => ['status', eb.fn.countAll<number>().as('n')])
    .where('site_id', '=', siteId)
    .where('starts_at', '>=', from)
    .where('starts_at', '<', to)
    .groupBy('status')
    .execute();
  return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
}

export function findBookingByCode(db: Queryable, code: string): Promise<ClinicBookingRow | undefined> {
  return clinicBookings(db).where('b.confirmation_code', '=', code).executeTakeFirst();
}

export function findClinicBooking(db: Queryable, id: string): Promise<ClinicBookingRow | undefined> {
  return clinicBookings(db).where('b.id', '=', id).executeTakeFirst();
}

/** Every booking of the person with this identity index (name + birth date), newest first. */
export function findBookingsByIdentity(db: Queryable, identityIndex: string): Promise<ClinicBookingRow[]> {
  return clinicBookings(db)
    .where('p.identity_index', '=', identityIndex)
    .orderBy('b.starts_at', 'desc')
    .limit(50)
    .execute();
}

/** Bookings still `booked` whose slot ended by `endedBy` (optionally at one site, starting in [from, to)). */
export async function findNoShowCandidates(
  db: Queryable,
  q: { endedBy: number; siteId?: string; from?: number; to?: number; limit?: number },
): Promise<ClinicBookingRow[]> {
  let query = clinicBookings(db).where('b.status', '=', 'booked').where('s.ends_at', '<=', q.endedBy);
  if (q.siteId) query = query.where('b.site_id', '=', q.siteId);
  if (q.from !== undefined) query = query.where('b.starts_at', '>=', q.from);
  if (q.to !== undefined) query = query.where('b.starts_at', '<', q.to);
  return query
    .orderBy('b.starts_at')
    .limit(q.limit ?? 1000)
    .execute();
}

/** All SQL of same-day standby: offers, the seat holds each keeps, who was texted and how they answered. */
import type { Selectable } from 'kysely';
import type { Queryable } from '../../platform/db/index.js';

export type OfferStatus = 'open' | 'ended';
export interface PreregStandbyOffersTable {
  id: string;
  program_id: string;
  site_id: string;
  slot_id: string;
  product_id: string;
  /** Leftover doses staff offered. */
  doses: number;
  /** Seats actually held for them (fewer when the site ran out of doses or seats). */
  held: number;
  texted: number;
  arrive_by: number;
  /** The reply window's end: after it the offer ends and what is left is released. */
  ends_at: number;
  status: OfferStatus;
  opened_by: string | null;
  created_at: number;
  updated_at: number;
}
export interface PreregStandbyHoldsTable {
  offer_id: string;
  position: number;
  hold_id: string;
}
export type TextStatus = 'texted' | 'booked' | 'late' | 'expired';
export interface PreregStandbyTextsTable {
  offer_id: string;
  registrant_id: string;
  contact_id: string;
  position: number;
  status: TextStatus;
  booking_id: string | null;
  created_at: number;
  answered_at: number | null;
}

declare module '../../platform/db/schema.js' {
  interface Database {
    prereg_standby_offers: PreregStandbyOffersTable;
    prereg_standby_holds: PreregStandbyHoldsTable;
    prereg_standby_texts: PreregStandbyTextsTable;
  }
}
export type OfferRow = Selectable<PreregStandbyOffersTable>;

export const insertOffer = (db: Queryable, o: PreregStandbyOffersTable) =>
  db.insertInto('prereg_standby_offers').values(o).execute();
export const insertHold = (db: Queryable, h: PreregStandbyHoldsTable) =>
  db.insertInto('prereg_standby_holds').values(h).execute();
export const insertText = (db: Queryable, t: PreregStandbyTextsTable) =>
  db.insertInto('prereg_standby_texts').values(t).execute();
export const setTexted = (db: Queryable, id: string, texted: number, now: number) =>
  db.updateTable('prereg_standby_offers').set({ texted, updated_at: now }).where('id', '=', id).execute();
export const findOffer = (db: Queryable, id: string) =>
  db.selectFrom('prereg_standby_offers').selectAll().where('id', '=', id).executeTakeFirst();
export const listHolds = (db: Queryable, offerId: string) =>
  db
    .selectFrom('prereg_standby_holds')
    .select(['position', 'hold_id'])
    .where('offer_id', '=', offerId)
    .orderBy('position')
    .execute();

/** A program's offers since an instant, newest first. */
export const listOffers = (db: Queryable, programId: string, since: number) =>
  db
    .selectFrom('prereg_standby_offers')
    .selectAll()
    .where('program_id', '=', programId)
    .where('created_at', '>=', since)
    .orderBy('created_at', 'desc')
    .execute();

/** How the people texted about an offer answered, by status. */
export const countTexts = (db: Queryable, offerId: string) =>
  db
    .selectFrom('prereg_standby_texts')
    .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
    .where('offer_id', '=', offerId)
    .groupBy('status')
    .execute();

/** Waiting, standby-willing people of these groups who have a contact and no unanswered standby text. */
export const listStandbyCandidates = (db: Queryable, programId: string, groupIds: string[]) =>
  db
    .selectFrom('prereg_registrants')
    .select([
      'id',
      'zip',
      'group_id',
      'needs_enc',
      'language_need_enc',
      'max_miles',
      'unavailable',
      'registered_at',
      'contact_id',
      'given_name_enc',
      'language',
    ])
    .where('program_id', '=', programId)
    .where('status', '=', 'waiting')
    .where('standby', '=', 1)
    .where('contact_id', 'is not', null)
    .where('group_id', 'in', groupIds)
    .where('id', 'not in', (eb) =>
      eb
        .selectFrom('prereg_standby_texts')
        .innerJoin('prereg_standby_offers', 'prereg_standby_offers.id', 'prereg_standby_texts.offer_id')
        .select('prereg_standby_texts.registrant_id')
        .where('prereg_standby_offers.status', '=', 'open')
        .where('prereg_standby_texts.status', '=', 'texted'),
    )
    .execute();
export type CandidateRow = Awaited<ReturnType<typeof listStandbyCandidates>>[number];

/** The latest standby text to any of these contacts since an instant (a "YES" answers it). */
export const findLatestText = (db: Queryable, contactIds: string[], since: number) =>
  contactIds.length === 0
    ? Promise.resolve(undefined)
    : db
        .selectFrom('prereg_standby_texts')
        .selectAll()
        .where('contact_id', 'in', contactIds)
        .where('created_at', '>=', since)
        .orderBy('created_at', 'desc')
        .limit(1)
        .executeTakeFirst();

/** Move a text's answer once (texted → booked/late/expired): the check and the write are one statement. */
export async function answerText(
  db: Queryable,
  offerId: string,
  registrantId: string,
  to: Exclude<TextStatus, 'texted'>,
  now: number,
  bookingId: string | null = null,
): Promise<boolean> {
  const r = await db
    .updateTable('prereg_standby_texts')
    .set({ status: to, answered_at: now, booking_id: bookingId })
    .where('offer_id', '=', offerId)
    .where('registrant_id', '=', registrantId)
    .where('status', '=', 'texted')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Open offers whose reply window has passed. */
export const listEndedOffers = (db: Queryable, now: number, limit: number) =>
  db
    .selectFrom('prereg_standby_offers')
    .select('id')
    .where('status', '=', 'open')
    .where('ends_at', '<=', now)
    .orderBy('ends_at')
    .limit(limit)
    .execute();

/** End an open offer once; unanswered texts expire with it. */
export async function endOffer(db: Queryable, id: string, now: number): Promise<boolean> {
  const r = await db
    .updateTable('prereg_standby_offers')
    .set({ status: 'ended', updated_at: now })
    .where('id', '=', id)
    .where('status', '=', 'open')
    .executeTakeFirst();
  if (Number(r.numUpdatedRows) !== 1) return false;
  await db
    .updateTable('prereg_standby_texts')
    .set({ status: 'expired', answered_at: now })
    .where('offer_id', '=', id)
    .where('status', '=', 'texted')
    .execute();
  return true;
}

/** The doses free at a site (on hand minus reserved), for the form's early refusal (the holds decide). */
export const freeDosesAt = (db: Queryable, siteId: string, productId: string) =>
  db
    .selectFrom('site_inventory')
    .select(['on_hand', 'reserved'])
    .where('site_id', '=', siteId)
    .where('product_id', '=', productId)
    .executeTakeFirst();

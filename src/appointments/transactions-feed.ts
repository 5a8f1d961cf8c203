/**
 * A read-only feed of finished transactions for other modules (feedback surveys), so the booking code never
 * needs to know who listens. Ordered by (at, bookingId): a caller keeps the last pair as its cursor.
 * (The query lives here rather than in repository.ts to keep this read model in one place.)
 */
import type { Queryable } from '../platform/db/index.js';

export const TRANSACTION_KINDS = ['booked', 'checked-in', 'administered', 'cancelled'] as const;
export type TransactionKind = (typeof TRANSACTION_KINDS)[number];

/** One transaction: what happened to which booking, when, in which context. Nothing that names the person. */
export interface Transaction {
  bookingId: string;
  /** Bookings of one series cancelled together share it. */
  seriesId: string;
  kind: TransactionKind;
  /** When the booking reached this state (epoch ms). */
  at: number;
  programId: string;
  siteId: string;
  channel: 'web' | 'phone' | 'api';
  /** The language of the booking's contact (or the person's); 'en' when there is none. */
  language: 'en' | 'es';
  /** Where messages about this booking go; null when no contact was given. */
  contactId: string | null;
}

/**
 * Transactions whose state was reached after the cursor `(since, afterId)` and no later than `until`, oldest
 * first. A booking's current state is what is reported (a checked-in booking later administered appears again
 * as administered), so consumers key their work by booking.
 */
export async function listTransactionsSince(
  db: Queryable,
  q: { since: number; afterId?: string; until?: number; kinds: readonly TransactionKind[]; limit?: number },
): Promise<Transaction[]> {
  const rows = await db
    .selectFrom('bookings')
    .innerJoin('people', 'people.id', 'bookings.person_id')
    .leftJoin('contacts', (join) =>
      join.on((eb) => eb('contacts.id', '=', eb.fn.coalesce('bookings.contact_id', 'people.contact_id'))),
    )
    .select([
      'bookings.id',
      'bookings.series_id',
      'bookings.status',
      'bookings.created_at',
      'bookings.updated_at',
      'bookings.program_id',
      'bookings.site_id',
      'bookings.channel',
      'contacts.id as contact_id',
      'contacts.locale',
    ])
    .where('bookings.status', 'in', [...q.kinds])
    .where((eb) =>
      eb.or([
        eb('bookings.updated_at', '>', q.since),
        eb.and([eb('bookings.updated_at', '=', q.since), eb('bookings.id', '>', q.afterId ?? '')]),
      ]),
    )
    .$if(q.until !== undefined, (qb) => qb.where('bookings.updated_at', '<=', q.until ?? 0))
    .orderBy('bookings.updated_at')
    .orderBy('bookings.id')
    .limit(q.limit ?? 500)
    .execute();
  return rows.map((r) => ({
    bookingId: r.id,
    seriesId: r.series_id,
    // 'no-show' is never selected: `kinds` only holds transaction kinds.
    kind: r.status as TransactionKind,
    at: r.updated_at,
    programId: r.program_id,
    siteId: r.site_id,
    channel: r.channel,
    language: r.locale === 'es' ? 'es' : 'en',
    contactId: r.contact_id,
  }));
}

/** Program names (both languages), for modules that report by service. */
export async function listProgramNames(db: Queryable): Promise<{ id: string; name: { en: string; es: string } }[]> {
  const rows = await db.selectFrom('programs').select(['id', 'name_en', 'name_es']).orderBy('name_en').execute();
  return rows.map((r) => ({ id: r.id, name: { en: r.name_en, es: r.name_es } }));
}

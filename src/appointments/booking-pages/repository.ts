/** The SQL the booking pages need beyond the module's core repository: what residents pick from and see. */
import type { Queryable } from '../../platform/db/index.js';
import type { BookingRow, ProductRow, ProgramRow, SlotRow } from '../repository.js';

/** Programs a resident can book without an invitation. */
export const listOpenPrograms = (db: Queryable): Promise<ProgramRow[]> =>
  db
    .selectFrom('programs')
    .selectAll()
    .where('status', '=', 'active')
    .where('booking_mode', '=', 'open')
    .orderBy('name_en')
    .execute();

/** The products a program offers, in a stable order. */
export const listProducts = (db: Queryable, programId: string): Promise<ProductRow[]> =>
  db.selectFrom('products').selectAll().where('program_id', '=', programId).orderBy('name').orderBy('id').execute();

/** A booking with the slot it sits in (for the manage and confirmation pages). */
export async function findBookingWithSlot(
  db: Queryable,
  id: string,
): Promise<{ booking: BookingRow; slot: SlotRow } | undefined> {
  const booking = await db.selectFrom('bookings').selectAll().where('id', '=', id).executeTakeFirst();
  if (!booking) return undefined;
  const slot = await db.selectFrom('slots').selectAll().where('id', '=', booking.slot_id).executeTakeFirst();
  return slot ? { booking, slot } : undefined;
}

/** The slots of a booking's series, in dose order. */
export const findSeriesSlots = (db: Queryable, seriesId: string) =>
  db
    .selectFrom('bookings')
    .innerJoin('slots', 'slots.id', 'bookings.slot_id')
    .select([
      'bookings.id',
      'bookings.dose_number',
      'bookings.status',
      'bookings.site_id',
      'slots.starts_at',
      'slots.ends_at',
    ])
    .where('bookings.series_id', '=', seriesId)
    .orderBy('bookings.dose_number')
    .execute();

/** The encrypted name of a booking's person (decrypted by the caller) and whether messages can reach them. */
export const findPersonName = (db: Queryable, personId: string) =>
  db
    .selectFrom('people')
    .select(['given_name_enc', 'family_name_enc', 'contact_id'])
    .where('id', '=', personId)
    .executeTakeFirst();

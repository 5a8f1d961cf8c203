/**
 * Find a booking for staff: by its confirmation code (typed or scanned from the QR code, which holds only the
 * code), or by the person's name and birth date through the identity blind index (no decryption of everyone).
 * Only bookings at sites the staff member may act at are found (`mayActAt`, ADR 0019); the others are neither
 * decrypted nor audited, as if they did not exist. Every lookup that finds someone is audited.
 */
import { recordAudit } from '../../platform/audit/index.js';
import { identityIndex, type PersonInput } from '../people.js';
import { bookingView, type BookingView } from './people-view.js';
import * as clinicRepo from './repository.js';
import type { ClinicDeps } from './roster.js';

/** A staff lookup: the clinic's deps and the sites the staff member may act at. */
export type LookupDeps = ClinicDeps & { mayActAt: (siteId: string) => boolean };

/** Codes are read aloud and typed: ignore case, spaces and dashes. */
export function normaliseCode(input: string): string {
  return input.toUpperCase().replace(/[\s-]/g, '');
}

async function audit(deps: ClinicDeps, method: 'code' | 'name', found: BookingView[]): Promise<void> {
  if (found.length === 0) return;
  await recordAudit(
    deps.db.kysely,
    deps.actor,
    {
      action: 'appointments.booking.looked-up',
      subjectType: 'booking',
      subjectId: found[0]?.id,
      details: { method, found: found.length },
    },
    deps.now(),
  );
}

export async function findBookingByCode(deps: LookupDeps, code: string): Promise<BookingView | null> {
  const row = await clinicRepo.findBookingByCode(deps.db.kysely, normaliseCode(code));
  const found = row && deps.mayActAt(row.site_id) ? [bookingView(deps.cipher, row)] : [];
  await audit(deps, 'code', found);
  return found[0] ?? null;
}

/** Every booking of the person with exactly this name and birth date (accents, case and spacing ignored). */
export async function findBookingsByPerson(deps: LookupDeps, person: PersonInput): Promise<BookingView[]> {
  const rows = await clinicRepo.findBookingsByIdentity(deps.db.kysely, identityIndex(deps.cipher, person));
  const found = rows.filter((r) => deps.mayActAt(r.site_id)).map((r) => bookingView(deps.cipher, r));
  await audit(deps, 'name', found);
  return found;
}

/** Read one booking for its staff page (audited as a read of the person's record). */
export async function viewBooking(deps: LookupDeps, id: string): Promise<BookingView | null> {
  const row = await clinicRepo.findClinicBooking(deps.db.kysely, id);
  if (!row || !deps.mayActAt(row.site_id)) return null;
  await recordAudit(
    deps.db.kysely,
    deps.actor,
    { action: 'appointments.booking.viewed', subjectType: 'booking', subjectId: id },
    deps.now(),
  );
  return bookingView(deps.cipher, row);
}

/**
 * Find a booking for staff: by its confirmation code (typed or scanned from the QR code, which holds only the
 * code), or by the person's name and birth date through the identity blind index (no decryption of everyone).
 * Every lookup that finds someone is audited.
 */
import { recordAudit } from '../../platform/audit/index.js';
import { identityIndex, type PersonInput } from '../people.js';
import { bookingView, type BookingView } from './people-view.js';
import * as clinicRepo from './repository.js';
import type { ClinicDeps } from './roster.js';

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

export async function findBookingByCode(deps: ClinicDeps, code: string): Promise<BookingView | null> {
  const row = await clinicRepo.findBookingByCode(deps.db.kysely, normaliseCode(code));
  const found = row ? [bookingView(deps.cipher, row)] : [];
  await audit(deps, 'code', found);
  return found[0] ?? null;
}

/** Every booking of the person with exactly this name and birth date (accents, case and spacing ignored). */
export async function findBookingsByPerson(deps: ClinicDeps, person: PersonInput): Promise<BookingView[]> {
  const rows = await clinicRepo.findBookingsByIdentity(deps.db.kysely, identityIndex(deps.cipher, person));
  const found = rows.map((r) => bookingView(deps.cipher, r));
  await audit(deps, 'name', found);
  return found;
}

/** Read one booking for its staff page (audited as a read of the person's record). */
export async function viewBooking(deps: ClinicDeps, id: string): Promise<BookingView | null> {
  const row = await clinicRepo.findClinicBooking(deps.db.kysely, id);
  if (!row) return null;
  await recordAudit(
    deps.db.kysely,
    deps.actor,
    { action: 'appointments.booking.viewed', subjectType: 'booking', subjectId: id },
    deps.now(),
  );
  return bookingView(deps.cipher, row);
}

/** A site's day: every booking starting that calendar day in the site's zone, by time, with counts per status. */
import { recordAudit, type AuditActor } from '../../platform/audit/index.js';
import type { FieldCipher } from '../../platform/crypto/index.js';
import type { Db } from '../../platform/db/index.js';
import type { Site } from '../../sites/index.js';
import type { BookingStatus } from '../repository.js';
import type { SiteDay } from './day.js';
import { bookingView, type BookingView } from './people-view.js';
import * as clinicRepo from './repository.js';

export type ClinicDeps = { db: Db; cipher: FieldCipher; now: () => number; actor: AuditActor };

export const STATUSES: BookingStatus[] = ['booked', 'checked-in', 'administered', 'no-show', 'cancelled'];

export interface Roster {
  entries: BookingView[];
  counts: Record<BookingStatus, number>;
}

function countStatuses(entries: { status: BookingStatus }[]): Record<BookingStatus, number> {
  const counts: Record<BookingStatus, number> = {
    booked: 0,
    'checked-in': 0,
    administered: 0,
    'no-show': 0,
    cancelled: 0,
  };
  for (const e of entries) counts[e.status] += 1;
  return counts;
}

/** Load the roster (names decrypted for staff); the read is audited. */
export async function loadRoster(deps: ClinicDeps, site: Site, day: SiteDay): Promise<Roster> {
  const rows = await clinicRepo.findSiteBookingsBetween(deps.db.kysely, site.id, day.from, day.to);
  // Names are encrypted, so people within one time are put in name order here, after decryption.
  const entries = rows
    .map((r) => bookingView(deps.cipher, r))
    .sort(
      (a, b) =>
        a.startsAt - b.startsAt ||
        a.person.familyName.localeCompare(b.person.familyName) ||
        a.person.givenName.localeCompare(b.person.givenName),
    );
  await recordAudit(
    deps.db.kysely,
    deps.actor,
    {
      action: 'appointments.roster.viewed',
      subjectType: 'site',
      subjectId: site.id,
      details: { date: day.date, bookings: entries.length },
    },
    deps.now(),
  );
  return { entries, counts: countStatuses(entries) };
}

/** Counts per status for one site's day (no personal data, so not audited). */
export async function countDay(db: Db, siteId: string, day: SiteDay): Promise<Record<BookingStatus, number>> {
  const byStatus = await clinicRepo.countSiteBookingsByStatus(db.kysely, siteId, day.from, day.to);
  const counts = countStatuses([]);
  for (const s of STATUSES) counts[s] = byStatus[s] ?? 0;
  return counts;
}

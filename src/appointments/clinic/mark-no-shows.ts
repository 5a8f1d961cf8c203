/**
 * No-shows: bookings still `booked` after their slot ended. Each is marked by `markNoShow` (a conditional status
 * change that returns the reserved dose to the doses available, audited), so a person checked in meanwhile is
 * never marked.
 */
import { recordAudit, systemActor } from '../../platform/audit/index.js';
import type { Db } from '../../platform/db/index.js';
import { markNoShow } from '../manage-booking.js';
import type { SiteDay } from './day.js';
import { bookingView, type BookingView } from './people-view.js';
import * as clinicRepo from './repository.js';
import type { ClinicDeps } from './roster.js';

/**
 * Bookings of a site's day still waiting although their slot has ended (for the confirmation step). Names are
 * decrypted for staff, so the read is audited, like the roster.
 */
export async function listDayNoShows(deps: ClinicDeps, siteId: string, day: SiteDay): Promise<BookingView[]> {
  const rows = await clinicRepo.findNoShowCandidates(deps.db.kysely, {
    endedBy: deps.now(),
    siteId,
    from: day.from,
    to: day.to,
  });
  const found = rows.map((r) => bookingView(deps.cipher, r));
  await recordAudit(
    deps.db.kysely,
    deps.actor,
    {
      action: 'appointments.no-shows.viewed',
      subjectType: 'site',
      subjectId: siteId,
      details: { date: day.date, bookings: found.length },
    },
    deps.now(),
  );
  return found;
}

/** Mark the confirmed ones (ids shown on the confirmation step) that are still no-shows now; returns how many. */
export async function markDayNoShows(
  deps: ClinicDeps,
  siteId: string,
  day: SiteDay,
  confirmedIds: string[],
): Promise<number> {
  const wanted = new Set(confirmedIds);
  const rows = await clinicRepo.findNoShowCandidates(deps.db.kysely, {
    endedBy: deps.now(),
    siteId,
    from: day.from,
    to: day.to,
  });
  let marked = 0;
  for (const r of rows) if (wanted.has(r.id) && (await markNoShow(r.id, deps))) marked += 1;
  return marked;
}

/** The recurring sweep: bookings whose slot ended more than `afterHours` ago, at every site, in batches. */
export async function sweepNoShows(deps: { db: Db; now: () => number }, afterHours: number): Promise<number> {
  const actor = systemActor('mark-no-shows');
  const endedBy = deps.now() - afterHours * 3_600_000;
  let marked = 0;
  for (;;) {
    const rows = await clinicRepo.findNoShowCandidates(deps.db.kysely, { endedBy, limit: 200 });
    let changed = 0;
    for (const r of rows) if (await markNoShow(r.id, { db: deps.db, now: deps.now, actor })) changed += 1;
    marked += changed;
    if (rows.length < 200 || changed === 0) return marked;
  }
}

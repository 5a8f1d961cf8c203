/**
 * Check a person in at the desk. The booking must be for this site (when the desk names one), for today in the
 * site's zone, and still booked; otherwise the answer says which of those it is not, and nothing changes.
 */
import { findSiteById } from '../../sites/index.js';
import { checkIn } from '../manage-booking.js';
import { todayAt } from './day.js';
import type { BookingView } from './people-view.js';
import * as clinicRepo from './repository.js';
import type { ClinicDeps } from './roster.js';

export type CheckInProblem =
  'not_found' | 'other_site' | 'other_day' | 'already_checked_in' | 'administered' | 'cancelled' | 'no_show';

const STATUS_PROBLEMS: Record<BookingView['status'], CheckInProblem | null> = {
  booked: null,
  'checked-in': 'already_checked_in',
  administered: 'administered',
  cancelled: 'cancelled',
  'no-show': 'no_show',
};

/** Why this booking cannot be checked in here today, or null when it can. */
export function checkInProblem(
  b: Pick<BookingView, 'siteId' | 'startsAt' | 'status'>,
  o: { siteId: string | null; zone: string; now: number },
): CheckInProblem | null {
  const statusProblem = STATUS_PROBLEMS[b.status];
  if (b.status === 'cancelled' || b.status === 'no-show') return statusProblem;
  if (o.siteId !== null && b.siteId !== o.siteId) return 'other_site';
  if (todayAt(o.zone, b.startsAt) !== todayAt(o.zone, o.now)) return 'other_day';
  return statusProblem;
}

/** The site's zone, for "today" at the booking's site. */
export async function siteZone(deps: ClinicDeps, siteId: string): Promise<string> {
  return (await findSiteById(deps.db.kysely, siteId))?.time_zone ?? 'UTC';
}

export async function checkInAtSite(
  deps: ClinicDeps,
  o: { bookingId: string; siteId: string | null },
): Promise<{ ok: true } | { ok: false; problem: CheckInProblem }> {
  const b = await clinicRepo.findClinicBooking(deps.db.kysely, o.bookingId);
  if (!b) return { ok: false, problem: 'not_found' };
  const view = { siteId: b.site_id, startsAt: b.starts_at, status: b.status };
  const problem = checkInProblem(view, { siteId: o.siteId, zone: await siteZone(deps, b.site_id), now: deps.now() });
  if (problem) return { ok: false, problem };
  // The status change is conditional: if someone checked them in a moment ago, say so.
  if (!(await checkIn(b.id, deps))) return { ok: false, problem: 'already_checked_in' };
  return { ok: true };
}

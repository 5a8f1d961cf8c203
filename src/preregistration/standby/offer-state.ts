/** What staff see of standby offers: texted, accepted, too late, no answer yet, doses remaining, open or ended. */
import type { Queryable } from '../../platform/db/index.js';
import * as repo from './repository.js';

export interface OfferState {
  offer: repo.OfferRow;
  siteName: string;
  timeZone: string;
  texted: number;
  booked: number;
  late: number;
  waiting: number;
  /** Seats still held for a YES (0 once the offer has ended). */
  remaining: number;
  open: boolean;
}

export async function offerState(
  db: Queryable,
  offer: repo.OfferRow,
  site: { name: string; time_zone: string } | undefined,
  now: number,
): Promise<OfferState> {
  const counts = new Map((await repo.countTexts(db, offer.id)).map((r) => [r.status, Number(r.n)]));
  const booked = counts.get('booked') ?? 0;
  const open = offer.status === 'open' && offer.ends_at > now;
  return {
    offer,
    siteName: site?.name ?? '',
    timeZone: site?.time_zone ?? 'UTC',
    texted: offer.texted,
    booked,
    late: counts.get('late') ?? 0,
    waiting: counts.get('texted') ?? 0,
    remaining: open ? Math.max(0, offer.held - booked) : 0,
    open,
  };
}

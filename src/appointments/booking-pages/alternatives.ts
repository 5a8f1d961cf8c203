/**
 * When a seat is gone: the nearest alternatives a person can take with one click — first other times at the same
 * site nearest the time they wanted, then the time nearest it at each of the closest other sites.
 */
import type { Db } from '../../platform/db/index.js';
import { listSites, type Site } from '../../sites/index.js';
import { bookableSlots } from './choose-time.js';
import { milesBetween } from './zip-centroids.js';

export interface Alternative {
  slotId: string;
  startsAt: number;
  remaining: number;
  site: Site;
  distanceMiles: number | null;
}

const SAME_SITE = 4;
const OTHER_SITES = 3;

/** `siteAllowed`: staff booking for a caller are offered only their own sites (ADR 0019); residents every site. */
export async function nearestAlternatives(
  deps: { db: Db; now: () => number },
  q: { site: Site; productId: string; wantedAt: number; excludeSlotId: string },
  siteAllowed: (siteId: string) => boolean = () => true,
): Promise<{ sameSite: Alternative[]; otherSites: Alternative[] }> {
  const now = deps.now();
  const near = (a: { startsAt: number }, b: { startsAt: number }) =>
    Math.abs(a.startsAt - q.wantedAt) - Math.abs(b.startsAt - q.wantedAt) || a.startsAt - b.startsAt;
  const here = (await bookableSlots(deps, q.site.id, q.productId, now)).filter((s) => s.id !== q.excludeSlotId);
  const sameSite = here
    .sort(near)
    .slice(0, SAME_SITE)
    .sort((a, b) => a.startsAt - b.startsAt)
    .map((s) => ({ slotId: s.id, startsAt: s.startsAt, remaining: s.remaining, site: q.site, distanceMiles: null }));

  const from = q.site.latitude !== null && q.site.longitude !== null ? q.site : null;
  const others = (await listSites(deps.db.kysely))
    .filter((s) => s.status === 'active' && s.id !== q.site.id && siteAllowed(s.id))
    .map((s) => ({
      site: s,
      distanceMiles:
        from && s.latitude !== null && s.longitude !== null
          ? milesBetween(
              { latitude: from.latitude ?? 0, longitude: from.longitude ?? 0 },
              { latitude: s.latitude, longitude: s.longitude },
            )
          : null,
    }))
    .sort(
      (a, b) => (a.distanceMiles ?? Infinity) - (b.distanceMiles ?? Infinity) || a.site.name.localeCompare(b.site.name),
    );
  const otherSites: Alternative[] = [];
  for (const o of others) {
    if (otherSites.length >= OTHER_SITES) break;
    const best = (await bookableSlots(deps, o.site.id, q.productId, now)).sort(near)[0];
    if (best) otherSites.push({ slotId: best.id, startsAt: best.startsAt, remaining: best.remaining, ...o });
  }
  return { sameSite, otherSites };
}

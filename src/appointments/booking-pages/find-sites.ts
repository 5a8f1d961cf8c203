/**
 * Find a site for a program: the active sites that run it and have a bookable seat (with doses, and for a
 * series a held seat for the next dose) within the booking window, each with its next available time, nearest
 * first from the centroid of the resident's ZIP code. Sites without coordinates are listed after the others.
 */
import type { Db } from '../../platform/db/index.js';
import { listSites, siteLists, type Site } from '../../sites/index.js';
import { findAvailability } from '../availability.js';
import { listProducts } from './repository.js';
import type { SiteSearch } from './schema.js';
import { milesBetween, zipCentroid, type Point } from './zip-centroids.js';

/** How far ahead residents can book. */
export const BOOKING_WINDOW_MS = 6 * 7 * 86_400_000;

export interface SiteResult {
  site: Site;
  accessibility: string[];
  languages: string[];
  distanceMiles: number | null;
  nextAvailable: number;
}

export type SiteSearchResult =
  | { ok: true; sites: SiteResult[]; languages: string[]; searchedZip: string | null }
  | { ok: false; error: 'search.error.zipUnknown'; languages: string[] };

/** The earliest bookable seat at a site for any of the program's products, or null. */
export async function nextAvailableAt(
  db: Db,
  o: { siteId: string; productIds: string[]; now: number; cacheMs?: number | undefined },
): Promise<number | null> {
  let best: number | null = null;
  for (const productId of o.productIds) {
    const slots = await findAvailability(
      db,
      { siteId: o.siteId, productId, from: o.now, to: o.now + BOOKING_WINDOW_MS },
      { cacheMs: o.cacheMs },
    );
    const first = slots[0]?.startsAt;
    if (first !== undefined && (best === null || first < best)) best = first;
  }
  return best;
}

function matches(site: Site, lists: { accessibility: string[]; languages: string[] }, q: SiteSearch): boolean {
  if (q.walkIns && site.walk_ins !== 1) return false;
  if (q.speaks && !lists.languages.includes(q.speaks)) return false;
  return q.access.every((f) => lists.accessibility.includes(f));
}

const point = (s: Site): Point | null =>
  s.latitude === null || s.longitude === null ? null : { latitude: s.latitude, longitude: s.longitude };

/** Sort nearest first (unknown distance last), then by the earliest time, then by name. */
export function byDistance(a: SiteResult, b: SiteResult): number {
  if (a.distanceMiles !== null && b.distanceMiles !== null && a.distanceMiles !== b.distanceMiles)
    return a.distanceMiles - b.distanceMiles;
  if ((a.distanceMiles === null) !== (b.distanceMiles === null)) return a.distanceMiles === null ? 1 : -1;
  return a.nextAvailable - b.nextAvailable || a.site.name.localeCompare(b.site.name);
}

/** `siteAllowed`: staff booking for a caller find only their own sites (ADR 0019); residents every site. */
export async function findSites(
  deps: { db: Db; now: () => number; config?: { availabilityCacheMs: number } },
  programId: string,
  q: SiteSearch,
  siteAllowed: (siteId: string) => boolean = () => true,
): Promise<SiteSearchResult> {
  const active = (await listSites(deps.db.kysely)).filter((s) => s.status === 'active' && siteAllowed(s.id));
  const languages = [...new Set(active.flatMap((s) => siteLists(s).languages))].sort();
  const origin = q.zip ? await zipCentroid(q.zip) : null;
  if (q.zip && !origin) return { ok: false, error: 'search.error.zipUnknown', languages };
  const productIds = (await listProducts(deps.db.kysely, programId)).map((p) => p.id);
  const now = deps.now();
  const sites: SiteResult[] = [];
  for (const site of active) {
    const lists = siteLists(site);
    if (!matches(site, lists, q)) continue;
    const next = await nextAvailableAt(deps.db, {
      siteId: site.id,
      productIds,
      now,
      cacheMs: deps.config?.availabilityCacheMs,
    });
    if (next === null) continue;
    const p = point(site);
    sites.push({
      site,
      ...lists,
      distanceMiles: origin && p ? milesBetween(origin, p) : null,
      nextAvailable: next,
    });
  }
  sites.sort(origin ? byDistance : (a, b) => a.site.name.localeCompare(b.site.name));
  return { ok: true, sites, languages, searchedZip: q.zip ?? null };
}

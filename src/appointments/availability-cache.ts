/**
 * What residents search is read far more often than it changes: in a surge thousands of people look at the same
 * sites' days and times each second. Each web process keeps an availability answer for at most
 * AVAILABILITY_CACHE_MS (≤ 5 s) per query, shares one database read among concurrent identical queries, and drops
 * a site's answers as soon as this process books, cancels or moves a seat there (or is refused one: the answer was
 * stale). Other processes' bookings show within the TTL; booking itself never trusts the cache — its transaction
 * checks every seat again.
 *
 * Queries whose window starts "now" differ at every millisecond, so an answer is kept per place, product and window
 * length, read for a window a little wider than asked, and reused for any query inside that window (cut back to
 * exactly what was asked).
 */
import type { Db } from '../platform/db/index.js';
import type { AvailableSlot } from './availability.js';

export interface AvailabilityQuery {
  siteId?: string | undefined;
  programId?: string | undefined;
  productId?: string | undefined;
  from: number;
  to: number;
}

interface Entry {
  siteId: string | undefined;
  /** The window read, which holds every query the entry may answer. */
  from: number;
  to: number;
  expires: number;
  value: Promise<AvailableSlot[]>;
}

const STEP = 5000;
const MAX_ENTRIES = 10_000;
/** One cache per database handle (a test process opens many). */
const caches = new WeakMap<Db, Map<string, Entry>>();

function cacheOf(db: Db): Map<string, Entry> {
  let c = caches.get(db);
  if (!c) caches.set(db, (c = new Map<string, Entry>()));
  return c;
}

function makeRoom(cache: Map<string, Entry>, now: number): void {
  if (cache.size < MAX_ENTRIES) return;
  for (const [k, e] of cache) if (e.expires <= now) cache.delete(k);
  if (cache.size >= MAX_ENTRIES) cache.clear();
}

/** The answer of `read` for `q`, reused for `ttlMs` (0: always read). */
export async function cachedAvailability(
  db: Db,
  q: AvailabilityQuery,
  ttlMs: number,
  read: (q: AvailabilityQuery) => Promise<AvailableSlot[]>,
): Promise<AvailableSlot[]> {
  if (ttlMs <= 0) return read(q);
  // Same place and product and the same window length; the window itself is checked below.
  const length = Math.ceil((q.to - q.from) / STEP);
  const key = JSON.stringify([q.siteId ?? null, q.programId ?? null, q.productId ?? null, length]);
  const cache = cacheOf(db);
  const now = performance.now();
  let entry = cache.get(key);
  if (!entry || entry.expires <= now || q.from < entry.from || q.to > entry.to) {
    makeRoom(cache, now);
    // Read one step more than asked: a query repeated later ("from now", a few seconds on) still fits in it.
    const from = Math.floor(q.from / STEP) * STEP;
    const to = Math.ceil(q.to / STEP) * STEP + STEP;
    const e: Entry = { siteId: q.siteId, from, to, expires: now + ttlMs, value: read({ ...q, from, to }) };
    e.value.catch(() => {
      if (cache.get(key) === e) cache.delete(key);
    });
    cache.set(key, e);
    entry = e;
  }
  return (await entry.value).filter((s) => s.startsAt >= q.from && s.startsAt < q.to);
}

/** Forget this process's answers about these sites (and every answer not limited to one site). */
export function invalidateAvailability(db: Db, siteIds: readonly string[]): void {
  const cache = caches.get(db);
  if (!cache) return;
  for (const [k, e] of cache) if (e.siteId === undefined || siteIds.includes(e.siteId)) cache.delete(k);
}

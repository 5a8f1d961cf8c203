/**
 * What can be booked: open slots with free seats, at sites holding the product. For dose 1 of a series, a slot is
 * offered only if a seat for the next dose exists inside the interval window at the same site (booking re-checks
 * and holds it in its own transaction). The rule itself lives in bookable.ts, shared with the publication.
 */
import type { Db } from '../platform/db/index.js';
import { cachedAvailability, type AvailabilityQuery } from './availability-cache.js';
import { bookableTest } from './bookable.js';
import * as repo from './repository.js';

const DAY = 86_400_000;

export interface AvailableSlot {
  id: string;
  siteId: string;
  startsAt: number;
  endsAt: number;
  remaining: number;
}

/**
 * The bookable slots for a query. With `o.cacheMs` (AVAILABILITY_CACHE_MS) the answer may be up to that old, except
 * for sites this process has booked in since (see availability-cache.ts); without it, it is read now.
 */
export function findAvailability(
  db: Db,
  q: AvailabilityQuery,
  o: { cacheMs?: number | undefined } = {},
): Promise<AvailableSlot[]> {
  return cachedAvailability(db, q, o.cacheMs ?? 0, (wide) => readAvailability(db, wide));
}

async function readAvailability(db: Db, q: AvailabilityQuery): Promise<AvailableSlot[]> {
  const product = q.productId ? await repo.findProduct(db.kysely, q.productId) : undefined;
  const programId = product?.program_id ?? q.programId;
  const slots = await repo.findOpenSlots(db.kysely, {
    siteId: q.siteId,
    programId,
    from: q.from,
    to: q.to,
    limit: 2000,
  });
  let usable = slots;
  if (product) {
    const free = await repo.findFreeDosesBySite(db.kysely, product.id);
    const later =
      product.doses > 1
        ? await repo.findOpenSlots(db.kysely, {
            siteId: q.siteId,
            programId,
            from: q.from + product.min_days_between * DAY,
            to: q.to + product.max_days_between * DAY + 1,
            limit: 10_000,
          })
        : [];
    usable = usable.filter(bookableTest(product, free, later));
  }
  return usable.map((s) => ({
    id: s.id,
    siteId: s.site_id,
    startsAt: s.starts_at,
    endsAt: s.ends_at,
    remaining: s.capacity - s.booked,
  }));
}

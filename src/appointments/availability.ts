/**
 * What can be booked: open slots with free seats, at sites holding the product. For dose 1 of a series, a slot is
 * offered only if a seat for the next dose exists inside the interval window at the same site (booking re-checks
 * and holds it in its own transaction).
 */
import type { Db } from '../platform/db/index.js';
import * as repo from './repository.js';

const DAY = 86_400_000;

export interface AvailableSlot {
  id: string;
  siteId: string;
  startsAt: number;
  endsAt: number;
  remaining: number;
}

export async function findAvailability(
  db: Db,
  q: {
    siteId?: string | undefined;
    programId?: string | undefined;
    productId?: string | undefined;
    from: number;
    to: number;
  },
): Promise<AvailableSlot[]> {
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
    const stock = await db.kysely
      .selectFrom('site_inventory')
      .select(['site_id', 'on_hand', 'reserved'])
      .where('product_id', '=', product.id)
      .execute();
    const free = new Map(stock.map((s) => [s.site_id, s.on_hand - s.reserved]));
    usable = usable.filter((s) => (free.get(s.site_id) ?? 0) >= product.doses);
    if (product.doses > 1) {
      const later = await repo.findOpenSlots(db.kysely, {
        siteId: q.siteId,
        programId,
        from: q.from + product.min_days_between * DAY,
        to: q.to + product.max_days_between * DAY + 1,
        limit: 10_000,
      });
      usable = usable.filter((s) =>
        later.some(
          (l) =>
            l.site_id === s.site_id &&
            l.starts_at >= s.starts_at + product.min_days_between * DAY &&
            l.starts_at <= s.starts_at + product.max_days_between * DAY,
        ),
      );
    }
  }
  return usable.map((s) => ({
    id: s.id,
    siteId: s.site_id,
    startsAt: s.starts_at,
    endsAt: s.ends_at,
    remaining: s.capacity - s.booked,
  }));
}

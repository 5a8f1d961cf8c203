/**
 * What the agency publishes to slot-discovery clients (SMART Scheduling Links): for each open program's products,
 * the sites that carry them and every open slot in a window, each marked bookable or not by the same rule
 * residents are held to (bookable.ts). Plain DTOs: the public API converts them, never the rows.
 */
import type { Db } from '../platform/db/index.js';
import { bookableTest } from './bookable.js';
import * as repo from './repository.js';

const DAY = 86_400_000;

/** A product residents can book (its program is active and open to everyone). */
export interface PublishedProduct {
  id: string;
  programId: string;
  name: string;
  manufacturer: string | null;
  cvxCode: string | null;
  doses: number;
}

/** A site carries a product (it has an inventory record for it, possibly with no doses left). */
export interface PublishedOffer {
  siteId: string;
  productId: string;
}

/** One slot as a dose-1 booking of one product: `bookable` says whether booking it can succeed now. */
export interface PublishedSlot {
  slotId: string;
  siteId: string;
  programId: string;
  productId: string;
  startsAt: number;
  endsAt: number;
  /** Seats not yet taken. */
  remaining: number;
  bookable: boolean;
}

export interface PublicationSnapshot {
  products: PublishedProduct[];
  offers: PublishedOffer[];
  /** Ordered by start, slot id, product id (stable, so unchanged data publishes identical bytes). */
  slots: PublishedSlot[];
}

/** Products, offers and slots starting in [from, to) at every site, in a stable order. */
export async function publicationSnapshot(db: Db, q: { from: number; to: number }): Promise<PublicationSnapshot> {
  const products = await repo.findOpenProgramsWithProducts(db.kysely);
  const inventory = await repo.listInventory(db.kysely);
  const known = new Set(products.map((p) => p.id));
  const offers = inventory.filter((i) => known.has(i.product_id));
  const reach = Math.max(0, ...products.filter((p) => p.doses > 1).map((p) => p.max_days_between));
  const rows = await repo.findOpenSlotsIncludingFull(db.kysely, { from: q.from, to: q.to + reach * DAY + 1 });
  const inWindow = rows.filter((r) => r.starts_at < q.to);

  const perProduct = products.map((p) => {
    const free = new Map(offers.filter((o) => o.product_id === p.id).map((o) => [o.site_id, o.on_hand - o.reserved]));
    return { product: p, carriedAt: free, test: bookableTest(p, free, rows) };
  });
  const slots: PublishedSlot[] = [];
  for (const s of inWindow) {
    for (const { product, carriedAt, test } of perProduct) {
      if (product.program_id !== s.program_id || !carriedAt.has(s.site_id)) continue;
      slots.push({
        slotId: s.id,
        siteId: s.site_id,
        programId: s.program_id,
        productId: product.id,
        startsAt: s.starts_at,
        endsAt: s.ends_at,
        remaining: s.capacity - s.booked,
        bookable: test(s),
      });
    }
  }
  return {
    products: products.map((p) => ({
      id: p.id,
      programId: p.program_id,
      name: p.name,
      manufacturer: p.manufacturer,
      cvxCode: p.cvx_code,
      doses: p.doses,
    })),
    offers: offers.map((o) => ({ siteId: o.site_id, productId: o.product_id })),
    slots,
  };
}

/**
 * The day-and-time step: the days with bookable seats at a site for a product (in the site's own calendar) and
 * the times on the chosen day with how many seats remain. "Bookable" is what booking will accept: a free seat,
 * doses on hand for the whole series and, for a series, a seat for the next dose within its interval
 * (findAvailability applies the same rules booking enforces in its transaction).
 */
import { calendarDateIn } from '../../platform/i18n/index.js';
import type { Db } from '../../platform/db/index.js';
import { findSiteById, type Site } from '../../sites/index.js';
import { findAvailability, type AvailableSlot } from '../availability.js';
import type { ProductRow } from '../repository.js';
import { BOOKING_WINDOW_MS } from './find-sites.js';
import { listProducts } from './repository.js';

export interface DayOption {
  date: string;
  seats: number;
}

export interface TimesView {
  site: Site;
  products: ProductRow[];
  product: ProductRow;
  days: DayOption[];
  /** The day shown (YYYY-MM-DD in the site's zone), or null when nothing is bookable. */
  date: string | null;
  times: AvailableSlot[];
}

/** The local calendar date of an instant at a site. */
/** The calendar date of an instant at the site (the platform's cached formatter). */
export const localDate = calendarDateIn;

/** What the resident pages may reuse of availability answers (AVAILABILITY_CACHE_MS); absent: read now. */
export type CacheConfig = { config?: { availabilityCacheMs: number } };

/** Open seats for one product at one site within the booking window. */
export const bookableSlots = (deps: { db: Db } & CacheConfig, siteId: string, productId: string, now: number) =>
  findAvailability(
    deps.db,
    { siteId, productId, from: now, to: now + BOOKING_WINDOW_MS },
    { cacheMs: deps.config?.availabilityCacheMs },
  );

export async function availableTimes(
  deps: { db: Db; now: () => number } & CacheConfig,
  q: {
    programId: string;
    siteId: string;
    productId?: string | undefined;
    date?: string | undefined;
    /** The seat a booking being moved holds now (not offered as a new time). */
    excludeSlotId?: string | undefined;
  },
): Promise<TimesView | null> {
  const site = await findSiteById(deps.db.kysely, q.siteId);
  const products = await listProducts(deps.db.kysely, q.programId);
  if (!site || site.status !== 'active' || products.length === 0) return null;
  const now = deps.now();
  let product = products.find((p) => p.id === q.productId);
  let slots: AvailableSlot[] = [];
  if (product) slots = await bookableSlots(deps, site.id, product.id, now);
  else
    for (const p of products) {
      // No choice yet: the first product with a seat here (or the first product, to say there is none).
      slots = await bookableSlots(deps, site.id, p.id, now);
      product ??= p;
      if (slots.length > 0) {
        product = p;
        break;
      }
    }
  if (!product) return null;
  slots = slots.filter((s) => s.id !== q.excludeSlotId);
  const days = new Map<string, number>();
  for (const s of slots) {
    const d = localDate(s.startsAt, site.time_zone);
    days.set(d, (days.get(d) ?? 0) + s.remaining);
  }
  const dayList = [...days].map(([date, seats]) => ({ date, seats }));
  const date = q.date && days.has(q.date) ? q.date : (dayList[0]?.date ?? null);
  const times = date ? slots.filter((s) => localDate(s.startsAt, site.time_zone) === date) : [];
  return { site, products, product, days: dayList, date, times };
}

/**
 * Which bookings can no longer be served if `take` doses leave a site's shelf. The rule: doses go first to people
 * already checked in, then by appointment time (earliest first), then by when they booked (earliest first). The
 * bookings beyond the doses that stay — the latest in time, and among equal times the latest booked — are the
 * ones affected. A later dose of a series is always later in time than its first dose, so when a first dose is
 * affected its later doses are too.
 */
import type { Queryable } from '../../platform/db/index.js';
import * as repo from './repository.js';

export interface Shortage {
  siteId: string;
  productId: string;
  onHand: number;
  reserved: number;
  /** Doses the entry takes off the shelf. */
  take: number;
  /** How many reserved doses the shelf would lack. */
  short: number;
  /** The bookings that would lose their dose, latest last. */
  bookings: repo.ReservingBooking[];
}

/** The shortage `take` doses would cause, or null when what stays still covers every reserved dose. */
export async function findShortage(
  db: Queryable,
  siteId: string,
  productId: string,
  take: number,
): Promise<Shortage | null> {
  const counter = await repo.findCounter(db, siteId, productId);
  const onHand = counter?.on_hand ?? 0;
  const reserved = counter?.reserved ?? 0;
  const stays = onHand - take;
  if (stays >= reserved) return null;
  const holding = await repo.listReservingBookings(db, siteId, productId);
  const keep = Math.max(0, stays);
  return { siteId, productId, onHand, reserved, take, short: reserved - stays, bookings: holding.slice(keep) };
}

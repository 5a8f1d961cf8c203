/**
 * Is this seat still bookable for this product? Every step after choosing a time asks again, because the URL is
 * the browser's to change and seats go while people type. A slot, product or site that does not belong to the
 * program in the URL is "not found" (tampered or stale links), a past slot is "past", and a seat that is full or
 * can no longer get its doses or its next-dose seat is "taken".
 */
import type { Db } from '../../platform/db/index.js';
import { findSiteById, type Site } from '../../sites/index.js';
import { findAvailability } from '../availability.js';
import * as core from '../repository.js';

export interface Seat {
  slot: core.SlotRow;
  site: Site;
  product: core.ProductRow;
  program: core.ProgramRow;
}

export type SeatCheck =
  { ok: true; seat: Seat } | { ok: false; reason: 'not_found' } | { ok: false; reason: 'past' | 'taken'; seat: Seat };

export async function checkSeat(
  deps: { db: Db; now: () => number },
  q: { programId: string; siteId: string; slotId: string; productId: string; programMode?: 'open' | 'any' },
): Promise<SeatCheck> {
  const db = deps.db.kysely;
  const slot = await core.findSlot(db, q.slotId);
  const product = await core.findProduct(db, q.productId);
  const program = await core.findProgram(db, q.programId);
  const site = await findSiteById(db, q.siteId);
  if (!slot || !product || !program || !site) return { ok: false, reason: 'not_found' };
  if (slot.program_id !== program.id || slot.site_id !== site.id || product.program_id !== program.id)
    return { ok: false, reason: 'not_found' };
  if (program.status !== 'active' || (program.booking_mode !== 'open' && q.programMode !== 'any'))
    return { ok: false, reason: 'not_found' };
  const seat = { slot, site, product, program };
  if (slot.starts_at <= deps.now()) return { ok: false, reason: 'past', seat };
  const open = await findAvailability(deps.db, {
    siteId: site.id,
    productId: product.id,
    from: slot.starts_at,
    to: slot.starts_at + 1,
  });
  if (site.status !== 'active' || !open.some((s) => s.id === slot.id)) return { ok: false, reason: 'taken', seat };
  return { ok: true, seat };
}

/**
 * What the inventory use cases share: who is acting, how an entry is refused, and the one transaction shape that
 * takes doses off a site's shelf and out of a lot, refusing (and rolling back) when reserved doses would not be
 * covered or the lot does not hold that many.
 */
import type { AuditActor } from '../../platform/audit/index.js';
import type { Db, Queryable } from '../../platform/db/index.js';
import { findSiteById } from '../../sites/index.js';
import * as appointments from '../repository.js';
import { findShortage, type Shortage } from './find-shortage.js';
import * as repo from './repository.js';

export type InventoryDeps = { db: Db; now: () => number; actor: AuditActor };

/** Why an entry was refused. Nothing was written. */
export type RefusalCode = 'not_found' | 'unknown_lot' | 'lot_too_small' | 'not_enough' | 'same_site';

export type EntryResult =
  { ok: true } | { ok: false; error: RefusalCode } | { ok: false; error: 'shortage'; shortage: Shortage };

/** Thrown inside a transaction to roll it back; turned into an EntryResult outside. */
export class EntryRefused extends Error {
  constructor(readonly code: RefusalCode | 'shortage') {
    super(code);
  }
}

/** The site, product and lot must exist; answers the lot's expiry. */
export async function requireLot(
  deps: InventoryDeps,
  siteId: string,
  productId: string,
  lot: string,
): Promise<{ expiresOn: string | null }> {
  const db = deps.db.kysely;
  if (!(await findSiteById(db, siteId)) || !(await appointments.findProduct(db, productId)))
    throw new EntryRefused('not_found');
  const found = await repo.findLot(db, siteId, productId, lot);
  if (!found) throw new EntryRefused('unknown_lot');
  return found;
}

/**
 * Take `n` doses of a lot off a site's shelf with a ledger row: the conditional UPDATE first (it refuses when
 * fewer than the reserved doses would stay, and locks the counter), then the ledger row only if the lot holds `n`.
 */
export async function takeFromLot(tx: Queryable, entry: repo.NewLedgerEntry): Promise<void> {
  const n = -entry.doses;
  if (!(await repo.takeDoses(tx, entry.site_id, entry.product_id, n))) throw new EntryRefused('shortage');
  if (!(await repo.insertLedgerTakingFromLot(tx, entry, n))) throw new EntryRefused('lot_too_small');
}

/**
 * Run an entry; a refusal becomes its result, and a shortage lists the bookings that would lose their dose. When
 * the counter moved between the refusal and that read (someone cancelled meanwhile), the entry is tried again.
 */
export async function runEntry(
  deps: InventoryDeps,
  at: { siteId: string; productId: string; take: number },
  work: () => Promise<void>,
): Promise<EntryResult> {
  for (let attempt = 0; ; attempt++) {
    try {
      await work();
      return { ok: true };
    } catch (err) {
      if (!(err instanceof EntryRefused)) throw err;
      if (err.code !== 'shortage') return { ok: false, error: err.code };
      const shortage = await findShortage(deps.db.kysely, at.siteId, at.productId, at.take);
      if (shortage && shortage.onHand < at.take) return { ok: false, error: 'not_enough' };
      if (shortage || attempt >= 2)
        return shortage ? { ok: false, error: 'shortage', shortage } : { ok: false, error: 'not_enough' };
    }
  }
}

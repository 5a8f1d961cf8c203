/**
 * Move doses of one lot from site A to site B in ONE transaction: A's counter and ledger row, B's counter and
 * ledger row, and the audit entry commit together or not at all. A's conditional UPDATE refuses the move when A
 * would keep fewer doses than its bookings reserve. The two counters are updated in site-id order, so two
 * opposite transfers at once queue instead of deadlocking on PostgreSQL.
 */
import { recordAudit } from '../../platform/audit/index.js';
import type { Queryable } from '../../platform/db/index.js';
import { findSiteById } from '../../sites/index.js';
import * as repo from './repository.js';
import {
  EntryRefused,
  requireLot,
  runEntry,
  takeFromLot,
  type EntryResult,
  type InventoryDeps,
} from './ledger-entry.js';
import type { TransferInput } from './schema.js';

export async function transferInventory(
  deps: InventoryDeps,
  fromSiteId: string,
  input: TransferInput,
): Promise<EntryResult> {
  return runEntry(deps, { siteId: fromSiteId, productId: input.productId, take: input.doses }, async () => {
    if (input.toSiteId === fromSiteId) throw new EntryRefused('same_site');
    const lot = await requireLot(deps, fromSiteId, input.productId, input.lot);
    if (!(await findSiteById(deps.db.kysely, input.toSiteId))) throw new EntryRefused('not_found');
    const now = deps.now();
    const row = (siteId: string, kind: 'transfer-in' | 'transfer-out', doses: number, other: string) => ({
      site_id: siteId,
      product_id: input.productId,
      kind,
      doses,
      lot: input.lot,
      expires_on: lot.expiresOn,
      reason: other,
      actor: deps.actor.label ?? null,
      created_at: now,
    });
    await deps.db.kysely.transaction().execute(async (tx) => {
      const out = () => takeFromLot(tx, row(fromSiteId, 'transfer-out', -input.doses, input.toSiteId));
      const into = (q: Queryable) => repo.addDoses(q, input.toSiteId, input.productId, input.doses);
      if (fromSiteId < input.toSiteId) {
        await out();
        await into(tx);
      } else {
        await into(tx);
        await out();
      }
      await repo.insertLedger(tx, row(input.toSiteId, 'transfer-in', input.doses, fromSiteId));
      await recordAudit(
        tx,
        deps.actor,
        {
          action: 'appointments.inventory.transferred',
          subjectType: 'site',
          subjectId: fromSiteId,
          details: { productId: input.productId, lot: input.lot, doses: input.doses, toSiteId: input.toSiteId },
        },
        now,
      );
    });
  });
}

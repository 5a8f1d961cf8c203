/**
 * Correct the count of a lot at a site (a recount, a found box): plus or minus, with a reason. Taking doses away
 * is refused when fewer than the reserved doses would stay; the caller then shows the shortage review.
 */
import { recordAudit } from '../../platform/audit/index.js';
import * as repo from './repository.js';
import { requireLot, runEntry, takeFromLot, type EntryResult, type InventoryDeps } from './ledger-entry.js';
import type { AdjustInput } from './schema.js';

export async function adjustInventory(deps: InventoryDeps, siteId: string, input: AdjustInput): Promise<EntryResult> {
  const take = Math.max(0, -input.doses);
  return runEntry(deps, { siteId, productId: input.productId, take }, async () => {
    const lot = await requireLot(deps, siteId, input.productId, input.lot);
    const now = deps.now();
    await deps.db.kysely.transaction().execute(async (tx) => {
      const entry = {
        site_id: siteId,
        product_id: input.productId,
        kind: 'adjust' as const,
        doses: input.doses,
        lot: input.lot,
        expires_on: lot.expiresOn,
        reason: input.reason,
        actor: deps.actor.label ?? null,
        created_at: now,
      };
      if (input.doses < 0) await takeFromLot(tx, entry);
      else {
        await repo.addDoses(tx, siteId, input.productId, input.doses);
        await repo.insertLedger(tx, entry);
      }
      await recordAudit(
        tx,
        deps.actor,
        {
          action: 'appointments.inventory.adjusted',
          subjectType: 'site',
          subjectId: siteId,
          details: { productId: input.productId, lot: input.lot, doses: input.doses },
        },
        now,
      );
    });
  });
}

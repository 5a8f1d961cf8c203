/**
 * Record doses wasted from a lot (expired, damaged, a temperature excursion, other): they leave the shelf with a
 * ledger entry. Refused when fewer than the reserved doses would stay; the caller then shows the shortage review.
 */
import { recordAudit } from '../../platform/audit/index.js';
import { requireLot, runEntry, takeFromLot, type EntryResult, type InventoryDeps } from './ledger-entry.js';
import type { WasteInput } from './schema.js';

export async function recordWaste(deps: InventoryDeps, siteId: string, input: WasteInput): Promise<EntryResult> {
  return runEntry(deps, { siteId, productId: input.productId, take: input.doses }, async () => {
    const lot = await requireLot(deps, siteId, input.productId, input.lot);
    const now = deps.now();
    await deps.db.kysely.transaction().execute(async (tx) => {
      await takeFromLot(tx, {
        site_id: siteId,
        product_id: input.productId,
        kind: 'waste',
        doses: -input.doses,
        lot: input.lot,
        expires_on: lot.expiresOn,
        reason: input.reason,
        actor: deps.actor.label ?? null,
        created_at: now,
      });
      await recordAudit(
        tx,
        deps.actor,
        {
          action: 'appointments.inventory.wasted',
          subjectType: 'site',
          subjectId: siteId,
          details: { productId: input.productId, lot: input.lot, doses: input.doses, reason: input.reason },
        },
        now,
      );
    });
  });
}

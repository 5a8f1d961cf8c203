/** The lots a dose can be given from: this site's lots of the product with a dose left and not expired today. */
import { findLotBalances, type LotBalance } from '../repository.js';
import { todayAt } from './day.js';
import type { ClinicDeps } from './roster.js';

export async function usableLots(
  deps: ClinicDeps,
  o: { siteId: string; productId: string; zone: string },
): Promise<LotBalance[]> {
  const today = todayAt(o.zone, deps.now());
  const lots = await findLotBalances(deps.db.kysely, o.siteId, o.productId);
  return lots.filter((l) => l.remaining > 0 && (l.expiresOn === null || l.expiresOn >= today));
}

/** The public facts of the sites residents can go to now, for modules that publish them (never the rows). */
import type { Db } from '../platform/db/index.js';
import { listSites } from './repository.js';

/** An active site as it may be shown to anyone. */
export interface PublicSite {
  id: string;
  name: string;
  /** Street address and city, as staff entered it (e.g. "173 Elm St, Pittsfield, MA"). */
  address: string;
  postalCode: string;
  timeZone: string;
  phone: string | null;
  latitude: number | null;
  longitude: number | null;
  /** The CDC VTrckS PIN, when the site has one. */
  vtrcksPin: string | null;
}

/** Every active site, by name. */
export async function listActiveSites(db: Db): Promise<PublicSite[]> {
  const rows = await listSites(db.kysely);
  return rows
    .filter((r) => r.status === 'active')
    .map((r) => ({
      id: r.id,
      name: r.name,
      address: r.address,
      postalCode: r.postal_code,
      timeZone: r.time_zone,
      phone: r.phone,
      latitude: r.latitude,
      longitude: r.longitude,
      vtrcksPin: r.vtrcks_pin,
    }));
}

/** Three demo sites for an empty database. */
import { systemActor } from '../platform/audit/index.js';
import type { ModuleDeps } from '../platform/module.js';
import { createSite } from './manage-sites.js';
import { countSites } from './repository.js';
import type { SiteInput } from './schema.js';

export async function seedDemoSites(deps: ModuleDeps): Promise<void> {
  if ((await countSites(deps.db.kysely)) > 0) return;
  const tz = deps.config.agencyTimeZone;
  const sites: Omit<SiteInput, 'timeZone' | 'status'>[] = [
    {
      name: 'Central Library Health Site',
      address: '100 Main Street, Springfield',
      postalCode: '12345',
      phone: '555-010-0100',
      latitude: 40.7128,
      longitude: -74.006,
      accessibility: ['wheelchair', 'asl'],
      languages: ['en', 'es'],
      walkIns: false,
      vtrcksPin: 'DEMO1001',
    },
    {
      name: 'Eastside Community Center',
      address: '42 Oak Avenue, Springfield',
      postalCode: '12347',
      phone: '555-010-0200',
      latitude: 40.7306,
      longitude: -73.9352,
      accessibility: ['wheelchair', 'parking'],
      languages: ['en', 'es', 'zh'],
      walkIns: true,
      vtrcksPin: undefined,
    },
    {
      name: 'County Fairgrounds Drive-Through',
      address: '9 Fair Road, Shelbyville',
      postalCode: '12360',
      latitude: 40.6501,
      longitude: -73.9496,
      accessibility: ['drive-through', 'parking'],
      languages: ['en'],
      walkIns: false,
      vtrcksPin: undefined,
      phone: undefined,
    },
  ];
  for (const s of sites) {
    await createSite(
      { ...s, timeZone: tz, status: 'active' },
      { db: deps.db, now: deps.now, actor: systemActor('seed') },
    );
  }
}

/** Site → FHIR Location (SMART Scheduling Links Location file). */
import type { PublicSite } from '../../sites/index.js';
import { URI_IDENTIFIER, VTRCKS } from './codes.js';
import { fhirId } from './ids.js';
import { toUsAddress, type UsAddress } from './us-address.js';

export interface FhirLocation {
  resourceType: 'Location';
  id: string;
  identifier: { system: string; value: string }[];
  name: string;
  telecom: { system: 'phone' | 'url'; value: string }[];
  address: UsAddress;
  position?: { latitude: number; longitude: number };
}

export interface LocationContext {
  /** The page residents start booking from (the Location's `url` contact). */
  bookingUrl: string;
  /** Used when the site has no phone of its own. */
  fallbackPhone: string | undefined;
}

export function toLocation(site: PublicSite, c: LocationContext): FhirLocation {
  const phone = site.phone ?? c.fallbackPhone;
  return {
    resourceType: 'Location',
    id: fhirId(site.id),
    identifier: [
      ...(site.vtrcksPin ? [{ system: VTRCKS, value: site.vtrcksPin }] : []),
      { system: URI_IDENTIFIER, value: `urn:uuid:${site.id}` },
    ],
    name: site.name,
    telecom: [...(phone ? [{ system: 'phone' as const, value: phone }] : []), { system: 'url', value: c.bookingUrl }],
    address: toUsAddress(site.address, site.postalCode),
    ...(site.latitude !== null && site.longitude !== null
      ? { position: { latitude: site.latitude, longitude: site.longitude } }
      : {}),
  };
}

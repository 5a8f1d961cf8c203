/**
 * The one rule for "dose 1 can be booked in this slot now": the slot is open with a seat left, the site holds
 * enough unreserved doses for the whole series, and — for a series — an open seat for dose 2 exists at the same
 * site and program inside the product's interval window. What residents are offered (findAvailability) and what
 * SMART Scheduling Links clients see as `free` (publicationSnapshot) both use it; bookAppointment then enforces
 * the same rule with conditional writes in its transaction.
 */
import type { SlotRow } from './repository.js';

const DAY = 86_400_000;

/** What the rule needs of a product. */
export interface SeriesShape {
  doses: number;
  min_days_between: number;
  max_days_between: number;
}

type SlotFacts = Pick<SlotRow, 'site_id' | 'program_id' | 'starts_at' | 'capacity' | 'booked' | 'status'>;

const key = (s: Pick<SlotRow, 'site_id' | 'program_id'>) => `${s.site_id}|${s.program_id}`;

/** Index of the first element >= value in an ascending array. */
function lowerBound(sorted: readonly number[], value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] ?? Infinity) < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Build the test for one product.
 * @param freeDoses unreserved doses of this product by site id
 * @param laterSlots candidate dose-2 slots (any site or program; only open ones with a seat left count)
 */
export function bookableTest(
  product: SeriesShape,
  freeDoses: ReadonlyMap<string, number>,
  laterSlots: readonly SlotFacts[],
): (slot: SlotFacts) => boolean {
  const starts = new Map<string, number[]>();
  if (product.doses > 1) {
    for (const l of laterSlots) {
      if (l.status !== 'open' || l.booked >= l.capacity) continue;
      const list = starts.get(key(l));
      if (list) list.push(l.starts_at);
      else starts.set(key(l), [l.starts_at]);
    }
    for (const list of starts.values()) list.sort((a, b) => a - b);
  }
  return (slot) => {
    if (slot.status !== 'open' || slot.booked >= slot.capacity) return false;
    if ((freeDoses.get(slot.site_id) ?? 0) < product.doses) return false;
    if (product.doses <= 1) return true;
    const list = starts.get(key(slot)) ?? [];
    const i = lowerBound(list, slot.starts_at + product.min_days_between * DAY);
    const next = list[i];
    return next !== undefined && next <= slot.starts_at + product.max_days_between * DAY;
  };
}

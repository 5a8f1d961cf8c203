import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { bookableTest } from './bookable.js';

const DAY = 86_400_000;
const t0 = Date.UTC(2030, 0, 6, 14);
const slot = (over: Partial<{ site_id: string; program_id: string; starts_at: number; capacity: number; booked: number; status: 'open' | 'closed' }> = {}) => ({
  site_id: 'A',
  program_id: 'P',
  starts_at: t0,
  capacity: 2,
  booked: 0,
  status: 'open' as const,
  ...over,
}); // prettier-ignore
const series = { doses: 2, min_days_between: 21, max_days_between: 28 };
const stock = new Map([['A', 2]]);

describe('the bookable rule (shared by findAvailability and the publication)', () => {
  it('needs a free seat in the slot and the whole series on hand at the site', () => {
    const single = { doses: 1, min_days_between: 0, max_days_between: 0 };
    assert.equal(bookableTest(single, stock, [])(slot()), true);
    assert.equal(bookableTest(single, stock, [])(slot({ booked: 2 })), false, 'full');
    assert.equal(bookableTest(single, stock, [])(slot({ status: 'closed' })), false, 'closed');
    assert.equal(bookableTest(single, new Map([['A', 0]]), [])(slot()), false, 'no doses');
    const later = [slot({ starts_at: t0 + 21 * DAY })];
    assert.equal(bookableTest(series, new Map([['A', 1]]), later)(slot()), false, 'one dose for a two-dose series');
  });

  it('for a series, needs an open dose-2 seat at the same site and program, min to max days later inclusive', () => {
    const ok = (later: ReturnType<typeof slot>[]) => bookableTest(series, stock, later)(slot());
    assert.equal(ok([]), false);
    assert.equal(ok([slot({ starts_at: t0 + 21 * DAY })]), true, 'the earliest day counts');
    assert.equal(ok([slot({ starts_at: t0 + 28 * DAY })]), true, 'the latest day counts');
    assert.equal(ok([slot({ starts_at: t0 + 21 * DAY - 1 })]), false, 'too early');
    assert.equal(ok([slot({ starts_at: t0 + 28 * DAY + 1 })]), false, 'too late');
    assert.equal(ok([slot({ starts_at: t0 + 22 * DAY, site_id: 'B' })]), false, 'another site');
    assert.equal(ok([slot({ starts_at: t0 + 22 * DAY, program_id: 'Q' })]), false, 'another program');
    assert.equal(ok([slot({ starts_at: t0 + 22 * DAY, booked: 2 })]), false, 'a full dose-2 slot');
    assert.equal(ok([slot({ starts_at: t0 + 5 * DAY }), slot({ starts_at: t0 + 40 * DAY }), slot({ starts_at: t0 + 25 * DAY })]), true); // prettier-ignore
  });
});

/** The admission rate is measured, never assumed; no measurement, no estimate. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { etaMinutes, measuredRatePerMinute, RATE_WINDOW_MS } from './eta.js';

const NOW = 1_800_000_000_000;

describe('waiting room ETA', () => {
  it('has no rate before the room has been open a minute, or with nobody admitted', () => {
    assert.equal(measuredRatePerMinute({ admittedInWindow: 10, activeSince: NOW - 30_000, now: NOW }), null);
    assert.equal(measuredRatePerMinute({ admittedInWindow: 0, activeSince: NOW - 600_000, now: NOW }), null);
    assert.equal(measuredRatePerMinute({ admittedInWindow: 5, activeSince: null, now: NOW }), null);
  });

  it('measures admissions per minute over the time open, up to the sliding window', () => {
    assert.equal(measuredRatePerMinute({ admittedInWindow: 20, activeSince: NOW - 120_000, now: NOW }), 10);
    // Open for an hour: only the last five minutes count.
    assert.equal(measuredRatePerMinute({ admittedInWindow: 50, activeSince: NOW - 3_600_000, now: NOW }), 10);
    assert.equal(RATE_WINDOW_MS, 300_000);
  });

  it('turns people ahead and a rate into whole minutes, and says nothing without a rate', () => {
    assert.equal(etaMinutes(25, 10), 3);
    assert.equal(etaMinutes(1, 60), 1);
    assert.equal(etaMinutes(25, null), null);
  });
});

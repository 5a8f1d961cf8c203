import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isShowable, MIN_PULSE_RESPONSES, MIN_RESPONSES, suppress } from './suppression.js';

describe('small-cell suppression', () => {
  it('hides a resident cell under 10 responses and keeps one of 10', () => {
    assert.equal(MIN_RESPONSES, 10);
    assert.deepEqual(
      suppress(9, () => ({ mean: 4.2 })),
      { suppressed: true },
    );
    assert.deepEqual(
      suppress(10, () => ({ mean: 4.2 })),
      { suppressed: false, n: 10, mean: 4.2 },
    );
  });

  it('never computes a suppressed value', () => {
    let called = false;
    suppress(3, () => {
      called = true;
      return {};
    });
    assert.equal(called, false);
  });

  it('uses 5 for the staff pulse', () => {
    assert.equal(isShowable(4, MIN_PULSE_RESPONSES), false);
    assert.equal(isShowable(5, MIN_PULSE_RESPONSES), true);
  });
});

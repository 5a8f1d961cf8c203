import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DateTime } from 'luxon';
import { localTimeFormatter } from './local-time.js';

describe('local ISO times for published slots', () => {
  it('agrees with Luxon every 5 minutes across the March and November changes', () => {
    for (const zone of ['America/New_York', 'America/Phoenix', 'Pacific/Honolulu', 'Asia/Kathmandu', 'UTC']) {
      const format = localTimeFormatter(zone);
      for (const [from, to] of [
        [Date.UTC(2030, 2, 9), Date.UTC(2030, 2, 12)],
        [Date.UTC(2030, 10, 2), Date.UTC(2030, 10, 5)],
      ] as const) {
        for (let ms = from; ms < to; ms += 5 * 60_000) {
          const expected = DateTime.fromMillis(ms, { zone }).toISO({ suppressMilliseconds: true, extendedZone: false });
          assert.equal(format(ms), expected?.replace(/Z$/, '+00:00'), `${zone} ${new Date(ms).toISOString()}`);
        }
      }
    }
  });

  it('writes the offset in force at that instant, and milliseconds only when there are some', () => {
    const ny = localTimeFormatter('America/New_York');
    assert.equal(ny(Date.UTC(2030, 2, 10, 6, 59)), '2030-03-10T01:59:00-05:00');
    assert.equal(ny(Date.UTC(2030, 2, 10, 7, 0)), '2030-03-10T03:00:00-04:00');
    assert.equal(ny(Date.UTC(2030, 10, 3, 5, 30)), '2030-11-03T01:30:00-04:00');
    assert.equal(ny(Date.UTC(2030, 10, 3, 6, 30)), '2030-11-03T01:30:00-05:00');
    assert.equal(ny(Date.UTC(2030, 0, 1, 12, 0, 0, 250)), '2030-01-01T07:00:00.250-05:00');
  });
});

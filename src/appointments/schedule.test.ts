import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DateTime } from 'luxon';
import { generateSlotTimes } from './schedule.js';

const local = (ms: number) => DateTime.fromMillis(ms, { zone: 'America/New_York' }).toFormat('yyyy-MM-dd HH:mm');

describe('slot generation from a schedule template', () => {
  it('keeps 9:00 local on both sides of the March change (UTC moves, local time does not)', () => {
    const slots = generateSlotTimes({
      timeZone: 'America/New_York',
      fromDate: '2026-03-07',
      toDate: '2026-03-09',
      weekdays: [1, 2, 3, 4, 5, 6, 7],
      opens: '09:00',
      closes: '10:00',
      slotMinutes: 30,
    });
    assert.deepEqual(
      slots.map((s) => local(s.startsAt)),
      [
        '2026-03-07 09:00',
        '2026-03-07 09:30',
        '2026-03-08 09:00',
        '2026-03-08 09:30',
        '2026-03-09 09:00',
        '2026-03-09 09:30',
      ],
    );
    assert.equal(new Date(slots[0]?.startsAt ?? 0).toISOString(), '2026-03-07T14:00:00.000Z');
    assert.equal(new Date(slots[2]?.startsAt ?? 0).toISOString(), '2026-03-08T13:00:00.000Z');
  });
  it('keeps 9:00 local across the November change', () => {
    const slots = generateSlotTimes({
      timeZone: 'America/New_York',
      fromDate: '2026-10-31',
      toDate: '2026-11-01',
      weekdays: [6, 7],
      opens: '09:00',
      closes: '09:15',
      slotMinutes: 15,
    });
    assert.deepEqual(
      slots.map((s) => new Date(s.startsAt).toISOString()),
      ['2026-10-31T13:00:00.000Z', '2026-11-01T14:00:00.000Z'],
    );
  });
  it('skips the local hour that does not exist, and does not double the hour that repeats', () => {
    const spring = generateSlotTimes({
      timeZone: 'America/New_York',
      fromDate: '2026-03-08',
      toDate: '2026-03-08',
      weekdays: [7],
      opens: '01:00',
      closes: '04:00',
      slotMinutes: 60,
    });
    assert.deepEqual(
      spring.map((s) => local(s.startsAt)),
      ['2026-03-08 01:00', '2026-03-08 03:00'],
    );
    const fall = generateSlotTimes({
      timeZone: 'America/New_York',
      fromDate: '2026-11-01',
      toDate: '2026-11-01',
      weekdays: [7],
      opens: '00:00',
      closes: '03:00',
      slotMinutes: 60,
    });
    assert.equal(fall.length, 3);
    assert.equal(new Set(fall.map((s) => s.startsAt)).size, 3);
  });
  it('honours weekdays and closures', () => {
    const slots = generateSlotTimes({
      timeZone: 'America/Chicago',
      fromDate: '2026-06-01',
      toDate: '2026-06-07',
      weekdays: [1, 3, 5],
      opens: '09:00',
      closes: '09:30',
      slotMinutes: 30,
      closures: ['2026-06-03'],
    });
    assert.deepEqual(
      slots.map((s) => DateTime.fromMillis(s.startsAt, { zone: 'America/Chicago' }).toISODate()),
      ['2026-06-01', '2026-06-05'],
    );
  });
});

/**
 * Messages across the daylight-saving changes: a 9:00 appointment in New York reads 9:00 in the text, the SMS and
 * the calendar file on both sides of the March and November changes, though its UTC instant moves by an hour.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import ICAL from 'ical.js';
import { DateTime } from 'luxon';
import { generateSlotTimes } from './schedule.js';
import { cancelledTemplate, changedTemplate, confirmationTemplate, reminderTemplate } from './templates.js';

const zone = 'America/New_York';
const ctx = { agencyName: 'Demo County', agencyPhone: '(555) 010-0100' };
const nineOn = (date: string) => DateTime.fromISO(`${date}T09:00`, { zone }).toMillis();

function calendarStart(content: string | Buffer): { hour: number; tzid: string | undefined } {
  // ical.js types parse() as any; it returns a jCal array.
  const comp = new ICAL.Component(ICAL.parse(String(content)) as unknown[]);
  for (const tz of comp.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(tz);
  const event = new ICAL.Event(comp.getFirstSubcomponent('vevent') ?? assert.fail('no event'));
  return { hour: event.startDate.hour, tzid: event.startDate.zone?.tzid };
}

describe('appointment messages across daylight-saving changes (America/New_York)', () => {
  const cases = [
    ['2026-03-07', 'Saturday before the March change (EST, UTC−5)', 14],
    ['2026-03-09', 'Monday after the March change (EDT, UTC−4)', 13],
    ['2026-10-31', 'Saturday before the November change (EDT)', 13],
    ['2026-11-02', 'Monday after the November change (EST)', 14],
  ] as const;
  for (const [date, label, utcHour] of cases) {
    it(`${label}: 9:00 local everywhere, ${utcHour}:00 UTC underneath`, () => {
      const start = nineOn(date);
      assert.equal(new Date(start).getUTCHours(), utcHour);
      const data = {
        ...confirmationTemplate.example,
        site: { ...confirmationTemplate.example.site, timeZone: zone },
        start,
        end: start + 15 * 60_000,
        secondDoseStart: null,
      };
      for (const locale of ['en', 'es'] as const) {
        const m = confirmationTemplate.render(data, locale, ctx);
        assert.match(m.text, /\b9:00\b/, `${locale} text says 9:00`);
        assert.match(m.sms ?? '', /\b9:00\b/, `${locale} SMS says 9:00`);
        assert.doesNotMatch(m.text, /\b(8|10|13|14):00\b/);
        const r = reminderTemplate.render(data, locale, ctx);
        assert.match(r.text, /\b9:00\b/);
        for (const t of [changedTemplate, cancelledTemplate]) {
          const n = t.render({ ...data, sequence: 1, reason: 'requested', laterDoses: 0 }, locale, ctx);
          assert.match(n.text, /\b9:00\b/, `${t.type} ${locale}`);
        }
      }
      const ics = confirmationTemplate.attachments?.(data, 'en')[0] ?? assert.fail('no calendar file');
      assert.deepEqual(calendarStart(ics.content), { hour: 9, tzid: zone });
    });
  }

  it('a weekly 9:00 template published over both changes gives slots whose messages all read 9:00', () => {
    const slots = generateSlotTimes({
      timeZone: zone,
      fromDate: '2026-03-02',
      toDate: '2026-11-06',
      weekdays: [1],
      opens: '09:00',
      closes: '09:15',
      slotMinutes: 15,
      closures: [],
    });
    assert.ok(slots.length > 30);
    for (const s of slots) {
      const m = confirmationTemplate.render(
        {
          ...confirmationTemplate.example,
          site: { ...confirmationTemplate.example.site, timeZone: zone },
          start: s.startsAt,
          end: s.endsAt,
          secondDoseStart: null,
        },
        'en',
        ctx,
      );
      assert.match(m.text, /\b9:00\b/);
    }
  });
});

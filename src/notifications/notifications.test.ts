import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import ICAL from 'ical.js';
import { modules } from '../app.js';
import { LOCALES } from '../platform/i18n/index.js';
import { buildCalendarFile } from './calendar.js';
import { createRateLimiter } from './rate-limiter.js';
import { keywordOf } from './inbound-sms.js';
import { normalizePhone } from './phone.js';
import { nextSendableTime } from './quiet-hours.js';
import { countSegments } from './sms-segments.js';
import { signWebhook, verifyWebhook } from './twilio-signature.js';

describe('SMS segments', () => {
  it('counts GSM-7 text in 160/153-character segments, extension characters twice', () => {
    assert.deepEqual(countSegments('a'.repeat(160)), { encoding: 'GSM-7', units: 160, segments: 1, remaining: 0 });
    assert.equal(countSegments('a'.repeat(161)).segments, 2);
    assert.equal(countSegments('a'.repeat(306)).segments, 2);
    assert.equal(countSegments('a'.repeat(307)).segments, 3);
    assert.equal(countSegments('€'.repeat(80)).units, 160);
    assert.equal(countSegments('ñ é ü à Ñ').encoding, 'GSM-7', 'Spanish letters in the GSM set stay GSM-7');
  });
  it('switches to UCS-2 (70/67) for characters outside GSM-7', () => {
    const s = countSegments(`Cita confirmada ✅ ${'a'.repeat(60)}`);
    assert.equal(s.encoding, 'UCS-2');
    assert.equal(s.segments, 2);
    assert.equal(countSegments('á'.repeat(70)).segments, 1, 'á is not in GSM-7');
  });
});

describe('phone numbers', () => {
  it('normalise to E.164', () => {
    assert.equal(normalizePhone('(555) 010-0100'), '+15550100100');
    assert.equal(normalizePhone('1-555-010-0100'), '+15550100100');
    assert.equal(normalizePhone('+52 55 1234 5678'), '+525512345678');
    assert.equal(normalizePhone('12345'), null);
    assert.equal(normalizePhone('055 010 0100'), null);
  });
});

describe('quiet hours', () => {
  const q = { start: 21, end: 8 };
  it('hold a 23:30 text until 08:00 local the next morning, across the November DST change', () => {
    // 2026-10-31 23:30 EDT = 2026-11-01 03:30 UTC; clocks fall back that night; 08:00 EST = 13:00 UTC.
    const at = Date.UTC(2026, 10, 1, 3, 30);
    assert.equal(new Date(nextSendableTime(at, 'America/New_York', q)).toISOString(), '2026-11-01T13:00:00.000Z');
  });
  it('hold an early-morning text until 08:00 the same day, across the March change', () => {
    // 2026-03-08 03:30 EDT (just after spring forward) = 07:30 UTC; 08:00 EDT = 12:00 UTC.
    const at = Date.UTC(2026, 2, 8, 7, 30);
    assert.equal(new Date(nextSendableTime(at, 'America/New_York', q)).toISOString(), '2026-03-08T12:00:00.000Z');
  });
  it('let daytime texts go at once, in the recipient’s zone', () => {
    const noonChicago = Date.UTC(2026, 5, 1, 17, 0);
    assert.equal(nextSendableTime(noonChicago, 'America/Chicago', q), noonChicago);
  });
});

describe('calendar files', () => {
  const base = {
    uid: 'booking-42@frontdoor.test',
    start: Date.UTC(2026, 2, 9, 14, 0), // 09:00 CDT in Chicago (after the March change)
    end: Date.UTC(2026, 2, 9, 14, 15),
    timeZone: 'America/Chicago',
    summary: 'Vaccination appointment',
    location: '1 North Road, Springfield 12345',
    description: 'Bring your card. Wear a short-sleeved shirt.',
    organizer: { name: 'Test County', email: 'no-reply@county.example' },
    productName: 'Frontdoor',
  };
  it('carry the site time zone, a stable UID and the address; parsed back, the local time is 09:00', () => {
    const text = buildCalendarFile({ ...base, sequence: 0, method: 'request' });
    assert.match(text, /METHOD:REQUEST/);
    assert.match(text, /BEGIN:VTIMEZONE\r?\nTZID:America\/Chicago/);
    assert.match(text, /DTSTART;TZID=America\/Chicago:20260309T090000/);
    // ical.js types parse() as any; it returns a jCal array.
    const comp = new ICAL.Component(ICAL.parse(text) as unknown[]);
    for (const tz of comp.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(tz);
    const event = new ICAL.Event(comp.getFirstSubcomponent('vevent') ?? assert.fail('no event'));
    assert.equal(event.uid, 'booking-42@frontdoor.test');
    assert.equal(event.startDate.hour, 9);
    assert.equal(event.startDate.toJSDate().toISOString(), '2026-03-09T14:00:00.000Z');
    assert.equal(event.location, base.location);
    assert.match(event.description, /short-sleeved/);
  });
  it('a change raises SEQUENCE; a cancellation says METHOD:CANCEL with the same UID', () => {
    const moved = buildCalendarFile({ ...base, sequence: 1, method: 'request' });
    const cancelled = buildCalendarFile({ ...base, sequence: 2, method: 'cancel' });
    assert.match(moved, /SEQUENCE:1/);
    assert.match(cancelled, /METHOD:CANCEL/);
    assert.match(cancelled, /STATUS:CANCELLED/);
    assert.match(cancelled, /UID:booking-42@frontdoor\.test/);
  });
});

describe('webhook signatures', () => {
  it('verify only the exact URL, parameters and token', () => {
    const params = { From: '+15550100100', Body: 'STOP', MessageSid: 'SM1' };
    const sig = signWebhook('token', 'https://x.gov/webhooks/sms', params);
    assert.equal(verifyWebhook('token', 'https://x.gov/webhooks/sms', params, sig), true);
    assert.equal(verifyWebhook('token', 'https://x.gov/webhooks/sms', { ...params, Body: 'START' }, sig), false);
    assert.equal(verifyWebhook('other', 'https://x.gov/webhooks/sms', params, sig), false);
    assert.equal(verifyWebhook('token', 'https://x.gov/webhooks/sms', params, undefined), false);
  });
});

describe('reply keywords', () => {
  it('ignore case, spaces, punctuation and accents', () => {
    assert.equal(keywordOf('  stop. '), 'STOP');
    assert.equal(keywordOf('Álto'), 'ALTO');
    assert.equal(keywordOf('Ayuda!'), 'AYUDA');
  });
});

describe('every registered message template', () => {
  const templates = modules().flatMap((m) => m.messageTemplates ?? []);
  it('exists', () => assert.ok(templates.length >= 1));
  for (const tpl of templates) {
    for (const locale of LOCALES) {
      it(`${tpl.type} (${locale}): its example renders, in ≤ 2 SMS segments, with a subject and both e-mail bodies`, () => {
        const r = tpl.render(tpl.schema.parse(tpl.example), locale, {
          agencyName: 'Springfield County Department of Health',
          agencyPhone: '(555) 010-0100',
          preferencesUrl: 'https://x.gov/preferences/abc',
        });
        assert.ok(r.subject && r.text && r.html && r.sms);
        assert.ok(countSegments(r.sms).segments <= 2, `${countSegments(r.sms).segments} segments`);
      });
    }
  }
});

describe('send rate', () => {
  it('hands over at most the configured number per second', async () => {
    const limiter = createRateLimiter(20);
    const start = Date.now();
    for (let i = 0; i < 30; i++) await limiter.take();
    const elapsed = Date.now() - start;
    // A burst of 20, then 10 more at 20/s: about half a second.
    assert.ok(elapsed >= 450, `took ${elapsed} ms`);
  });
});

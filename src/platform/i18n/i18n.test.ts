import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { calendarDateIn, defineCatalog, formatDateTime, localeFromAcceptLanguage, negotiateLocale } from './index.js';

describe('locale negotiation', () => {
  it('prefers ?lang=, then the cookie, then Accept-Language, then the default', () => {
    const base = { query: undefined, cookie: undefined, acceptLanguage: undefined, fallback: 'en' as const };
    assert.equal(negotiateLocale({ ...base, query: 'es', cookie: 'en', acceptLanguage: 'en' }), 'es');
    assert.equal(negotiateLocale({ ...base, cookie: 'es', acceptLanguage: 'en' }), 'es');
    assert.equal(negotiateLocale({ ...base, acceptLanguage: 'fr-CA, es-MX;q=0.8, en;q=0.5' }), 'es');
    assert.equal(negotiateLocale({ ...base, query: 'xx', acceptLanguage: 'de' }), 'en');
  });
  it('reads quality values and ignores q=0', () => {
    assert.equal(localeFromAcceptLanguage('es;q=0, en;q=0.1'), 'en');
    assert.equal(localeFromAcceptLanguage('en;q=0.4, es;q=0.9'), 'es');
    assert.equal(localeFromAcceptLanguage(''), undefined);
  });
});

describe('catalogs', () => {
  it('interpolate and pluralise per language', () => {
    const c = defineCatalog(
      'x',
      { 'n.people': '{count, plural, one {# person} other {# people}} in {place}' },
      { 'n.people': '{count, plural, one {# persona} other {# personas}} en {place}' },
    );
    assert.equal(c.for('en')('n.people', { count: 1, place: 'line' }), '1 person in line');
    assert.equal(c.for('es')('n.people', { count: 3, place: 'fila' }), '3 personas en fila');
  });
});

describe('dates', () => {
  it('always format in the explicit zone, across daylight-saving changes', () => {
    // 2026-03-08 is the US spring-forward day; 15:00 UTC is 11:00 EDT, and the day before 10:00 EST.
    assert.match(formatDateTime(Date.UTC(2026, 2, 8, 15, 0), 'en', 'America/New_York', 'time'), /11:00\sAM/);
    assert.match(formatDateTime(Date.UTC(2026, 2, 7, 15, 0), 'en', 'America/New_York', 'time'), /10:00\sAM/);
    assert.match(formatDateTime(Date.UTC(2026, 10, 1, 15, 0), 'es', 'America/Los_Angeles', 'time'), /7:00/);
  });
});

describe('calendarDateIn', () => {
  it('gives the date in the zone, not the server’s: the same instant is two days on either side of midnight', () => {
    const instant = Date.UTC(2026, 2, 1, 3, 30); // 2026-03-01 03:30 UTC
    assert.equal(calendarDateIn(instant, 'UTC'), '2026-03-01');
    assert.equal(calendarDateIn(instant, 'America/Los_Angeles'), '2026-02-28');
    assert.equal(calendarDateIn(instant, 'Pacific/Kiritimati'), '2026-03-01');
    assert.equal(calendarDateIn(Date.UTC(2024, 1, 29, 12), 'America/New_York'), '2024-02-29');
    assert.equal(calendarDateIn(Date.UTC(2026, 11, 31, 23, 59), 'Asia/Tokyo'), '2027-01-01');
    // Either side of midnight in a zone offset by 5:45, and again from the cache.
    for (let i = 0; i < 2; i++) {
      assert.equal(calendarDateIn(Date.UTC(2026, 5, 1, 18, 14, 59), 'Asia/Kathmandu'), '2026-06-01');
      assert.equal(calendarDateIn(Date.UTC(2026, 5, 1, 18, 15), 'Asia/Kathmandu'), '2026-06-02');
    }
  });
});

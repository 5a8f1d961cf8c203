/** Unit checks of the booking pages' pure parts: distances, ZIP lookups and the details form. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseDetails } from './schema.js';
import { milesBetween, zipCentroid } from './zip-centroids.js';

describe('ZIP centroids and distance', () => {
  it('knows real ZIP codes (and ZIP+4), not made-up ones', async () => {
    const nyc = await zipCentroid('10001');
    assert.ok(nyc && Math.abs(nyc.latitude - 40.75) < 0.05 && Math.abs(nyc.longitude + 74) < 0.05);
    assert.deepEqual(await zipCentroid('10001-2345'), nyc);
    assert.equal(await zipCentroid('00000'), null);
    assert.equal(await zipCentroid('1000'), null);
  });
  it('measures great-circle miles', () => {
    const nyc = { latitude: 40.7128, longitude: -74.006 };
    const la = { latitude: 34.0522, longitude: -118.2437 };
    assert.ok(Math.abs(milesBetween(nyc, la) - 2445) < 10);
    assert.equal(milesBetween(nyc, nyc), 0);
  });
});

describe('the details form', () => {
  const good = {
    forWhom: 'other',
    givenName: ' Rosa ',
    familyName: 'Núñez',
    birthMonth: '7',
    birthDay: '4',
    birthYear: '1951',
    email: '',
    phone: '(555) 010-0100',
    language: 'es',
  };
  const opts = { contactRequired: true, today: '2026-11-23' };

  it('normalises what it accepts: trimmed names, ISO birth date, E.164 phone', () => {
    const r = parseDetails(good, opts);
    assert.ok(r.ok);
    assert.equal(r.value.givenName, 'Rosa');
    assert.equal(r.value.birthDate, '1951-07-04');
    assert.equal(r.value.phone, '+15550100100');
    assert.equal(r.value.email, undefined);
  });
  it('reports every problem at once: impossible and future dates, bad contacts, missing answers', () => {
    const r = parseDetails({ ...good, forWhom: '', givenName: '', birthMonth: '2', birthDay: '30' }, opts);
    assert.ok(!r.ok);
    assert.deepEqual(Object.keys(r.errors).sort(), ['birthDate', 'forWhom', 'givenName']);
    const future = parseDetails({ ...good, birthYear: '2027' }, opts);
    assert.ok(!future.ok && future.errors.birthDate === 'details.error.birthDateRange');
    const phone = parseDetails({ ...good, phone: '12' }, opts);
    assert.ok(!phone.ok && phone.errors.phone === 'details.error.phone');
  });
  it('asks residents for an e-mail or a mobile; staff may leave both empty', () => {
    const none = { ...good, phone: '' };
    const r = parseDetails(none, opts);
    assert.ok(!r.ok && r.errors.email === 'details.error.contactNeeded');
    assert.ok(parseDetails(none, { ...opts, contactRequired: false }).ok);
  });
});

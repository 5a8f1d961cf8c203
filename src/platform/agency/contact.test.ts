import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  callUs as call,
  formatOpeningHours as formatHours,
  parseOpeningHours,
  parsePhone,
  phoneForDisplay,
} from './contact.js';

describe('the county phone line', () => {
  it('reads a phone number in international form, with or without separators', () => {
    assert.equal(parsePhone('+1 (617) 555-0100'), '+16175550100');
    assert.equal(parsePhone('+509 2813 0000'), '+50928130000');
    for (const bad of ['617-555-0100', 'call us', '+0123456789', '+1 555', ''])
      assert.equal(parsePhone(bad), null, bad);
    assert.equal(phoneForDisplay('+16175550100'), '(617) 555-0100');
    assert.equal(phoneForDisplay('+50928130000'), '+50928130000');
  });

  it('reads opening hours as day ranges, lists and one time range per rule', () => {
    assert.deepEqual(parseOpeningHours('Mo-Fr 08:00-18:00; Sa 09:00-13:00'), [
      { days: [0, 1, 2, 3, 4], from: 480, to: 1080 },
      { days: [5], from: 540, to: 780 },
    ]);
    assert.deepEqual(parseOpeningHours('mo,we,fr 09:30-16:00'), [{ days: [0, 2, 4], from: 570, to: 960 }]);
    assert.deepEqual(parseOpeningHours('Su 00:00-24:00'), [{ days: [6], from: 0, to: 1440 }]);
    for (const bad of ['', 'weekdays 9-5', 'Fr-Mo 08:00-18:00', 'Mo 18:00-08:00', 'Mo 25:00-26:00', 'Xx 08:00-09:00'])
      assert.equal(parseOpeningHours(bad), null, bad);
  });

  it('says the hours in the reader’s language', () => {
    // ICU versions differ on the space before AM/PM (U+202F in newer ones): compare with plain spaces.
    const formatOpeningHours = (...a: Parameters<typeof formatHours>) => formatHours(...a).replace(/\u202f/g, ' ');
    const callUs = (...a: Parameters<typeof call>) => call(...a).replace(/\u202f/g, ' ');
    const hours = parseOpeningHours('Mo-Fr 08:00-18:00; Sa 09:00-13:00') ?? [];
    assert.equal(formatOpeningHours(hours, 'en'), 'Monday to Friday, 8:00 AM – 6:00 PM; Saturday, 9:00 AM – 1:00 PM');
    assert.match(formatOpeningHours(hours, 'es'), /^de lunes a viernes, de 8:00 a 18:00; sábado, de 9:00 a 13:00$/);
    const split = parseOpeningHours('Mo-We,Fr 08:00-12:00') ?? [];
    assert.equal(formatOpeningHours(split, 'en'), 'Monday to Wednesday and Friday, 8:00 AM – 12:00 PM');
    assert.equal(
      callUs({ phone: '+16175550100', hours: split }, 'en'),
      'Call (617) 555-0100, Monday to Wednesday and Friday, 8:00 AM – 12:00 PM.',
    );
  });
});

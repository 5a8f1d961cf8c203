import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  birthDateProblem,
  birthDateSchema,
  calendarDateSchema,
  isCalendarDate,
  latestDateAt,
  nameProblem,
  normaliseName,
  personNameSchema,
} from './index.js';

describe('calendar dates', () => {
  const good = ['2024-02-29', '2000-02-29', '1900-01-01', '1980-12-31', '2023-02-28', '2999-12-31', '2026-04-30'];
  const bad = [
    '2023-02-29', // not a leap year
    '1900-02-29', // century, not a leap year
    '1971-02-30',
    '1980-13-45',
    '2024-04-31',
    '2024-00-10',
    '2024-01-00',
    '0000-01-01', // a year no input means
    '1899-12-31',
    '3000-01-01',
    '2024-1-01',
    '24-01-01',
    '2024/01/01',
    '2024-01-01T00:00:00Z',
    ' 2024-01-01x',
    '',
    '２０２４-01-01', // full-width digits
  ];
  for (const d of good) it(`accepts ${d}`, () => assert.equal(isCalendarDate(d), true));
  for (const d of bad) it(`refuses ${JSON.stringify(d)}`, () => assert.equal(isCalendarDate(d), false));
  it('refuses what is not a string', () => {
    for (const v of [undefined, null, 20240101, new Date(0)]) assert.equal(isCalendarDate(v), false);
  });

  it('its zod schema trims, then gives the caller’s message', () => {
    const s = calendarDateSchema('form.error.date');
    assert.equal(s.parse(' 2024-02-29 '), '2024-02-29');
    const r = s.safeParse('1971-02-30');
    assert.equal(r.success, false);
    assert.equal(r.error?.issues[0]?.message, 'form.error.date');
    assert.equal(s.safeParse(undefined).error?.issues[0]?.message, 'form.error.date');
  });
});

describe('birth dates', () => {
  const today = '2026-03-10';
  const table: [string, ReturnType<typeof birthDateProblem>][] = [
    ['2024-02-29', null],
    ['1900-01-01', null],
    ['2026-03-10', null], // born today
    ['1971-02-28', null],
    ['2023-02-29', 'invalid'],
    ['1971-02-30', 'invalid'],
    ['1980-13-45', 'invalid'],
    ['0000-01-01', 'range'],
    ['1899-12-31', 'range'],
    ['2026-03-11', 'range'], // tomorrow
    ['2999-01-01', 'range'],
    ['1980-5-1', 'invalid'],
    ['', 'invalid'],
  ];
  for (const [d, problem] of table)
    it(`${JSON.stringify(d)} → ${problem ?? 'accepted'}`, () => assert.equal(birthDateProblem(d, today), problem));

  it('“today” is the latest date anywhere on Earth (UTC+14)', () => {
    assert.equal(latestDateAt(Date.UTC(2026, 2, 10, 9, 59)), '2026-03-10');
    assert.equal(latestDateAt(Date.UTC(2026, 2, 10, 10, 0)), '2026-03-11');
  });

  it('its zod schema reads today at each parse and names the problem with the caller’s keys', () => {
    let now = '2026-03-10';
    const s = birthDateSchema({ today: () => now, invalid: 'e.invalid', range: 'e.range' });
    assert.equal(s.parse('2026-03-10'), '2026-03-10');
    assert.equal(s.safeParse('1971-02-30').error?.issues[0]?.message, 'e.invalid');
    assert.equal(s.safeParse('2026-03-11').error?.issues[0]?.message, 'e.range');
    assert.equal(s.safeParse(42).error?.issues[0]?.message, 'e.invalid');
    now = '2026-03-11';
    assert.equal(s.parse('2026-03-11'), '2026-03-11');
  });
});

describe('names', () => {
  const welcome = [
    'José Ñúñez',
    'Nguyễn Thị Minh Khai',
    "Zoë O'Brien-Smith",
    'محمد عبد الله',
    'فاطمة الزهراء',
    '王秀英',
    '欧阳 娜娜',
    'देवनागरी शर्मा',
    'Jean-Baptiste Dérilus', // Haitian Creole
    'Wideline Pòl',
    'Mikaël Jean-Pierre Louis',
    'مریم‌السادات', // Persian: the zero-width non-joiner belongs to the name
    'Łukasz Żółć',
    'Þórunn Ægisdóttir',
    '山田\u3000太郎', // ideographic space
  ];
  for (const n of welcome) it(`welcomes ${n}`, () => assert.equal(nameProblem(normaliseName(n), 100), null));

  const refused: [string, string][] = [
    ['NUL', 'Ana\u0000Lopez'],
    ['a bell', '\u0007'],
    ['a bell inside', 'Ana\u0007'],
    ['a tab', 'Ana\tLopez'],
    ['a new line', 'Ana\nLopez'],
    ['zero-width spaces only', '\u200B\u200B'],
    ['a zero-width space inside', 'An\u200Ba'],
    ['joiners only', '\u200C\u200D'],
    ['a lone high surrogate', '\uD800'],
    ['a lone low surrogate inside', 'Ana\uDC00'],
    ['a right-to-left override', 'Ana\u202Egnal'],
    ['a left-to-right isolate', '\u2066Ana'],
    ['a pop directional isolate', 'Ana\u2069'],
    ['a right-to-left mark', 'Ana\u200F'],
    ['a soft hyphen', 'An\u00ADa'],
    ['a word joiner', 'An\u2060a'],
    ['a line separator', 'Ana\u2028Lopez'],
    ['private use', 'Ana\uE000'],
    ['a non-character', 'Ana\uFFFF'],
    ['a language tag', 'Ana\u{E0041}'],
    ['no letter at all', '12345'],
    ['punctuation only', "-'-"],
  ];
  for (const [what, n] of refused)
    it(`refuses ${what}`, () => assert.equal(nameProblem(normaliseName(n), 100), 'characters'));

  it('refuses empty and too long names', () => {
    assert.equal(nameProblem(normaliseName('   '), 100), 'required');
    assert.equal(nameProblem('a'.repeat(101), 100), 'too-long');
  });

  it('stores names in NFC, trimmed', () => {
    const decomposed = 'Jose\u0301 N\u0303u\u0301n\u0303ez';
    assert.equal(normaliseName(`  ${decomposed} `), 'José Ñúñez');
    assert.equal(normaliseName(decomposed).length, 'José Ñúñez'.length);
  });

  it('its zod schema normalises and gives the caller’s keys', () => {
    const s = personNameSchema({ required: 'e.required', characters: 'e.characters', max: 10 });
    assert.equal(s.parse(' Zoe\u0308 '), 'Zoë');
    assert.equal(s.safeParse('').error?.issues[0]?.message, 'e.required');
    assert.equal(s.safeParse(undefined).error?.issues[0]?.message, 'e.required');
    assert.equal(s.safeParse('Ana\u0000').error?.issues[0]?.message, 'e.characters');
    assert.equal(s.safeParse('Abcdefghijk').error?.issues[0]?.message, 'e.required');
  });
});

/* Hostile values for tests of what the server must refuse. */

/** Values an attacker puts in `next=` to leave the site, break the Location header or make us answer 500. */
export const HOSTILE_NEXT: string[] = [
  '//evil.example',
  '//evil.example/path',
  '///evil.example',
  '/\\evil.example',
  '\\\\evil.example',
  '/\t/evil.example',
  '/\n/evil.example',
  '/\r\n/evil.example',
  '\n',
  '\0',
  '/\0',
  '/staff\0',
  '/staff\n',
  '\u3002',
  '/\u3002evil.example',
  '/staff/\u3002',
  '/\u202e/evil',
  'https://evil.example',
  'http:evil.example',
  'HTTPS://evil.example/staff',
  '//%2F%2Fevil.example',
  '/%2F%2Fevil.example',
  '/%2f%2fevil.example',
  '/%5C%5Cevil.example',
  '/%5cevil.example',
  '/%09/evil.example',
  '/%0A/evil.example',
  '/%00',
  '/%zz',
  '/./evil',
  '/x/../../evil',
  '/%2e%2e/evil',
  '/staff#//evil.example',
  'javascript:alert(1)',
  'JaVaScRiPt:alert(1)',
  ' /staff',
  'staff',
  '',
  '/' + 'a'.repeat(3000),
];

const hex = (c: string) => `%${c.charCodeAt(0).toString(16)}`;

/**
 * Other spellings of `path` (plain lower-case letters, digits, dashes and slashes) that a router decoding
 * percent-escapes, or a proxy resolving dot-segments, could take for it.
 */
export function otherSpellings(path: string): string[] {
  const [first = '', ...rest] = path.slice(1).split('/');
  const tail = rest.length > 0 ? `/${rest.join('/')}` : '';
  const encodeAll = (s: string) => [...s].map((c) => (/[a-z]/.test(c) ? hex(c).toUpperCase() : c)).join('');
  return [
    `/${hex(first[0] ?? '')}${first.slice(1)}${tail}`, // /%62ook
    `/${encodeAll(first)}${tail}`, // /%62%6F%6F%6B
    `/${[...first].map(hex).join('')}${tail}`, // lower-case hex
    `/${first.slice(0, -1)}${hex(first.slice(-1))}${tail}`, // /boo%6b
    `/%25${hex(first[0] ?? '').slice(1)}${first.slice(1)}${tail}`, // double encoding: /%2562ook
    `/${first}%2F${rest.join('%2F')}`, // an encoded slash
    `//${first}${tail}`,
    `///${first}${tail}`,
    `/${first}/${tail}`.replace(/\/$/, '//'),
    `/./${first}${tail}`,
    `/x/../${first}${tail}`,
    `/x/y/../../${first}${tail}`,
    `/../${first}${tail}`,
    `/%2e/${first}${tail}`,
    `/x/%2e%2e/${first}${tail}`,
    `/x/%2E%2E/${first}${tail}`,
    `/${first}/./${rest.join('/')}`,
    `/${first.toUpperCase()}${tail}`,
    `/${first[0]?.toUpperCase() ?? ''}${first.slice(1)}${tail}`,
    `/${first};x${tail}`,
    `/${first}${tail}/`,
    `http://evil.example/${first}${tail}`,
    `http://evil.example//${first}${tail}`,
  ];
}

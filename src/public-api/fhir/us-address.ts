/**
 * A site's address as a USPS address: Frontdoor keeps "street, city" (optionally ", ST" or ", ST 12345") in one
 * field and the ZIP code in another. The state comes from the address when it names one; otherwise from the ZIP
 * code's first three digits (USPS assigns each 3-digit prefix to one state), so every site with a real ZIP code
 * has a state for the manifest's `state` hints without a new column.
 */

const STATES = new Set(
  (
    'AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY NC ND OH OK ' +
    'OR PA RI SC SD TN TX UT VT VA WA WV WI WY PR VI GU AS MP'
  ).split(' '),
);

/** USPS 3-digit ZIP prefixes, as [first, last, state]. Military (AA/AE/AP) prefixes are left out. */
const PREFIXES: [number, number, string][] = [
  [5, 5, 'NY'], [6, 7, 'PR'], [8, 8, 'VI'], [9, 9, 'PR'], [10, 27, 'MA'], [28, 29, 'RI'], [30, 38, 'NH'],
  [39, 49, 'ME'], [50, 54, 'VT'], [55, 55, 'MA'], [56, 59, 'VT'], [60, 69, 'CT'], [70, 89, 'NJ'], [100, 149, 'NY'],
  [150, 196, 'PA'], [197, 199, 'DE'], [200, 200, 'DC'], [201, 201, 'VA'], [202, 205, 'DC'], [206, 219, 'MD'],
  [220, 246, 'VA'], [247, 268, 'WV'], [270, 289, 'NC'], [290, 299, 'SC'], [300, 319, 'GA'], [320, 339, 'FL'],
  [341, 349, 'FL'], [350, 369, 'AL'], [370, 385, 'TN'], [386, 397, 'MS'], [398, 399, 'GA'], [400, 427, 'KY'],
  [430, 459, 'OH'], [460, 479, 'IN'], [480, 499, 'MI'], [500, 528, 'IA'], [530, 549, 'WI'], [550, 567, 'MN'],
  [569, 569, 'DC'], [570, 577, 'SD'], [580, 588, 'ND'], [590, 599, 'MT'], [600, 629, 'IL'], [630, 658, 'MO'],
  [660, 679, 'KS'], [680, 693, 'NE'], [700, 715, 'LA'], [716, 729, 'AR'], [730, 732, 'OK'], [733, 733, 'TX'],
  [734, 749, 'OK'], [750, 799, 'TX'], [800, 816, 'CO'], [820, 831, 'WY'], [832, 838, 'ID'], [840, 847, 'UT'],
  [850, 865, 'AZ'], [870, 884, 'NM'], [885, 885, 'TX'], [889, 898, 'NV'], [900, 961, 'CA'], [967, 968, 'HI'],
  [969, 969, 'GU'], [970, 979, 'OR'], [980, 994, 'WA'], [995, 999, 'AK'],
]; // prettier-ignore

/** The state a US ZIP code belongs to, by its 3-digit prefix. */
export function stateForZip(postalCode: string): string | undefined {
  const m = /^(\d{3})\d{2}(-\d{4})?$/.exec(postalCode.trim());
  if (!m?.[1]) return undefined;
  const prefix = Number(m[1]);
  return PREFIXES.find(([lo, hi]) => prefix >= lo && prefix <= hi)?.[2];
}

export interface UsAddress {
  line: string[];
  city?: string;
  state?: string;
  postalCode: string;
}

/** "173 Elm St, Suite 2, Pittsfield, MA 01201" → lines, city, state (named, else from the ZIP code). */
export function toUsAddress(address: string, postalCode: string): UsAddress {
  const parts = address
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean);
  let state: string | undefined;
  let city: string | undefined;
  const last = (parts.at(-1) ?? '').replace(/\s+\d{5}(-\d{4})?$/, '');
  const named = /^(?:(.*\S)\s+)?([A-Za-z]{2})$/.exec(last);
  if (parts.length > 1 && named?.[2] && STATES.has(named[2].toUpperCase())) {
    state = named[2].toUpperCase();
    parts.pop();
    if (named[1]) city = named[1];
  }
  if (!city && parts.length > 1) city = parts.pop();
  state ??= stateForZip(postalCode);
  return {
    line: parts.length > 0 ? parts : [address.trim()],
    ...(city ? { city } : {}),
    ...(state ? { state } : {}),
    postalCode: postalCode.trim(),
  };
}

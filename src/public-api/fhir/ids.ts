/**
 * FHIR ids for published resources. The specification allows up to 64 characters from [A-Za-z0-9_.]; our ids are
 * UUIDs (with hyphens, 36 characters), and a Schedule or Slot is named by two of them (site and product, slot and
 * product). Each UUID's 16 bytes are written in base 64 over exactly that alphabet (base64url with "." for "-"),
 * 22 characters, parts joined by ".": a pair takes 45 characters, is stable across publications, and since every
 * part has the same length, different pairs never share an id.
 */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Sites, products and slots recur across lines (each slot once per product): encode each once. Bounded. */
const memo = new Map<string, string>();

function part(id: string): string {
  const known = memo.get(id);
  if (known !== undefined) return known;
  if (memo.size >= 500_000) memo.clear();
  const encoded = encode(id);
  memo.set(id, encoded);
  return encoded;
}

function encode(id: string): string {
  if (UUID.test(id)) return Buffer.from(id.replaceAll('-', ''), 'hex').toString('base64url').replaceAll('-', '.');
  // Not a UUID (never written by Frontdoor): keep its letters and digits.
  return id.replace(/[^A-Za-z0-9]/g, '');
}

/** The FHIR id for a resource named by one or more of our ids. */
export function fhirId(...ids: string[]): string {
  return ids.map(part).join('.');
}

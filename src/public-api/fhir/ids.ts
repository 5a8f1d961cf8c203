/**
 * FHIR ids for published resources. The specification allows up to 64 characters from [A-Za-z0-9_.] and FHIR
 * itself [A-Za-z0-9.-]; our ids are UUIDs (36 characters with hyphens), and a Schedule or Slot is named by two of
 * them (site and product, slot and product). Each UUID is written as its 128-bit value in base 36 ([0-9a-z], valid
 * under both rules), padded to 25 characters, parts joined by ".": a pair takes 51 characters, is stable across
 * publications, and since every part has the same length, different pairs never share an id.
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
  if (UUID.test(id))
    return BigInt(`0x${id.replaceAll('-', '')}`)
      .toString(36)
      .padStart(25, '0');
  // Not a UUID (never written by Frontdoor): keep its letters and digits.
  return id.replace(/[^A-Za-z0-9]/g, '');
}

/** The FHIR id for a resource named by one or more of our ids. */
export function fhirId(...ids: string[]): string {
  return ids.map(part).join('.');
}

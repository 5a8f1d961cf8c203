/**
 * The SMART Scheduling Links specification's rules, as checks a publication must pass (written from the
 * specification's field tables; each rule is one line so a failure names it). `checkPublication` returns the
 * problems found, so a passing publication yields [].
 */

export type Json = Record<string, unknown>;
export interface PublicationFiles {
  manifest: unknown;
  Location: unknown[];
  Schedule: unknown[];
  Slot: unknown[];
}

const SD = 'http://fhir-registry.smarthealthit.org/StructureDefinition';
export const RULES = {
  hl7ServiceType: 'http://terminology.hl7.org/CodeSystem/service-type',
  smartServiceType: 'http://fhir-registry.smarthealthit.org/CodeSystem/service-type',
  cvx: 'http://hl7.org/fhir/sid/cvx',
  vtrcks: 'https://cdc.gov/vaccines/programs/vtrcks',
  vaccineProduct: `${SD}/vaccine-product`,
  vaccineDose: `${SD}/vaccine-dose`,
  deepLink: `${SD}/booking-deep-link`,
  bookingPhone: `${SD}/booking-phone`,
  capacity: `${SD}/slot-capacity`,
} as const;

/** Ids: up to 64 characters, letters, digits, "_" and "." only. */
const ID = /^[A-Za-z0-9_.]{1,64}$/;
/** ISO 8601 date-time with an explicit offset ("Z", "±hh:mm" or "±hh"). */
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}(:?\d{2})?)$/;
const JURISDICTIONS = new Set(
  (
    'AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY NC ND OH OK ' +
    'OR PA RI SC SD TN TX UT VT VA WA WV WI WY PR VI GU AS MP FM MH PW'
  ).split(' '),
);

/** A JSON object (not an array or null). */
export const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const isStr = (v: unknown): v is string => typeof v === 'string' && v.length > 0;
const isUrl = (v: unknown) => {
  if (!isStr(v)) return false;
  try {
    return ['http:', 'https:'].includes(new URL(v).protocol);
  } catch {
    return false;
  }
};
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
/** The JSON objects in a value that should be an array of them ([] otherwise). */
export const objects = (v: unknown): Json[] => arr(v).filter(isObj);
/** A value that must be a JSON object (throws otherwise, failing the test that relies on it). */
export function obj(v: unknown): Json {
  if (!isObj(v)) throw new Error(`expected a JSON object, got ${JSON.stringify(v)}`);
  return v;
}

/** Milliseconds of an instant with an offset, or NaN ("-05" offsets are widened for Date.parse). */
export function instantMs(v: unknown): number {
  if (!isStr(v) || !INSTANT.test(v)) return NaN;
  return Date.parse(v.replace(/([+-]\d{2})$/, '$1:00'));
}

function checkManifest(m: unknown, p: string[]): void {
  if (!isObj(m)) return void p.push('manifest: not a JSON object');
  if (Number.isNaN(instantMs(m.transactionTime))) p.push('manifest.transactionTime: not an ISO 8601 instant');
  if (!isUrl(m.request) || !String(m.request).endsWith('$bulk-publish'))
    p.push('manifest.request: not the full URL of a $bulk-publish manifest');
  if (!Array.isArray(m.output) || m.output.length === 0) p.push('manifest.output: not a non-empty array');
  for (const [i, o] of arr(m.output).entries()) {
    if (!isObj(o)) {
      p.push(`manifest.output[${i}]: not an object`);
      continue;
    }
    if (!['Location', 'Schedule', 'Slot'].includes(String(o.type))) p.push(`manifest.output[${i}].type: unknown`);
    if (!isUrl(o.url)) p.push(`manifest.output[${i}].url: not a full URL`);
    const ext = o.extension;
    if (!isObj(ext) || !Array.isArray(ext.state)) p.push(`manifest.output[${i}].extension.state: not an array`);
    else if (!ext.state.every((s) => JURISDICTIONS.has(String(s))))
      p.push(`manifest.output[${i}].extension.state: not US state or jurisdiction abbreviations`);
  }
}

function checkId(r: Json, where: string, p: string[]): void {
  if (!isStr(r.id) || !ID.test(r.id)) p.push(`${where}.id: not 1–64 of [A-Za-z0-9_.]`);
}

function checkLocation(r: Json, where: string, p: string[]): void {
  if (r.resourceType !== 'Location') p.push(`${where}.resourceType: not "Location"`);
  checkId(r, where, p);
  if (!isStr(r.name)) p.push(`${where}.name: missing`);
  const telecom = arr(r.telecom);
  if (telecom.length === 0) p.push(`${where}.telecom: missing`);
  for (const t of telecom)
    if (!isObj(t) || !['phone', 'url'].includes(String(t.system)) || !isStr(t.value))
      p.push(`${where}.telecom: each entry needs system phone|url and a value`);
  const a = r.address;
  if (!isObj(a)) p.push(`${where}.address: missing`);
  else {
    if (!Array.isArray(a.line) || a.line.length === 0 || !a.line.every(isStr)) p.push(`${where}.address.line: missing`);
    for (const f of ['city', 'state', 'postalCode']) if (!isStr(a[f])) p.push(`${where}.address.${f}: missing`);
  }
  if (r.position !== undefined) {
    const pos = r.position;
    if (!isObj(pos) || typeof pos.latitude !== 'number' || typeof pos.longitude !== 'number')
      p.push(`${where}.position: needs numeric latitude and longitude`);
  }
  if (!Array.isArray(r.identifier)) p.push(`${where}.identifier: not an array`);
  for (const id of arr(r.identifier))
    if (!isObj(id) || !isStr(id.system) || !isStr(id.value)) p.push(`${where}.identifier: needs system and value`);
}

function checkSchedule(r: Json, where: string, locations: Set<string>, p: string[]): void {
  if (r.resourceType !== 'Schedule') p.push(`${where}.resourceType: not "Schedule"`);
  checkId(r, where, p);
  const actor = arr(r.actor);
  const ref = isObj(actor[0]) ? actor[0].reference : undefined;
  if (actor.length !== 1 || !isStr(ref) || !ref.startsWith('Location/')) p.push(`${where}.actor: not one Location`);
  else if (!locations.has(ref.slice('Location/'.length))) p.push(`${where}.actor: unknown ${ref}`);
  const codings = arr(r.serviceType)
    .flatMap((s) => (isObj(s) ? arr(s.coding) : []))
    .filter(isObj);
  if (!codings.some((c) => c.system === RULES.hl7ServiceType && c.code === '57'))
    p.push(`${where}.serviceType: no HL7 "57" Immunization coding`);
  if (!codings.some((c) => c.system === RULES.smartServiceType && c.code === 'covid19-immunization'))
    p.push(`${where}.serviceType: no SMART "covid19-immunization" coding`);
  const ext = arr(r.extension).filter(isObj);
  const products = ext.filter((e) => e.url === RULES.vaccineProduct);
  if (products.length > 1) p.push(`${where}.extension: vaccine-product repeats (one product per Schedule)`);
  for (const e of products) {
    const c = e.valueCoding;
    if (!isObj(c) || c.system !== RULES.cvx || !/^\d+$/.test(String(c.code)) || !isStr(c.display))
      p.push(`${where}.extension: vaccine-product needs a CVX valueCoding with code and display`);
  }
  for (const e of ext.filter((x) => x.url === RULES.vaccineDose))
    if (!Number.isInteger(e.valueInteger) || Number(e.valueInteger) < 1)
      p.push(`${where}.extension: vaccine-dose needs a positive valueInteger`);
}

function checkSlot(r: Json, where: string, schedules: Set<string>, p: string[]): void {
  if (r.resourceType !== 'Slot') p.push(`${where}.resourceType: not "Slot"`);
  checkId(r, where, p);
  const ref = isObj(r.schedule) ? r.schedule.reference : undefined;
  if (!isStr(ref) || !ref.startsWith('Schedule/')) p.push(`${where}.schedule.reference: not a Schedule`);
  else if (!schedules.has(ref.slice('Schedule/'.length))) p.push(`${where}.schedule: unknown ${ref}`);
  if (!['free', 'busy'].includes(String(r.status))) p.push(`${where}.status: not free|busy`);
  const start = instantMs(r.start);
  const end = instantMs(r.end);
  if (Number.isNaN(start) || Number.isNaN(end)) p.push(`${where}.start/end: not instants with an offset`);
  else if (start >= end) p.push(`${where}.start: not before end`);
  for (const e of arr(r.extension)) {
    if (!isObj(e)) continue;
    if (e.url === RULES.deepLink && !isUrl(e.valueUrl)) p.push(`${where}.extension: booking-deep-link needs valueUrl`);
    if (e.url === RULES.bookingPhone && !isStr(e.valueString))
      p.push(`${where}.extension: booking-phone needs valueString`);
    if (e.url === RULES.capacity && !(Number.isInteger(e.valueInteger) && Number(e.valueInteger) >= 0))
      p.push(`${where}.extension: slot-capacity needs a non-negative valueInteger`);
  }
}

/** Every problem in a publication: the manifest, each resource, and references between the files. */
export function checkPublication(f: PublicationFiles): string[] {
  const p: string[] = [];
  checkManifest(f.manifest, p);
  const ids = (rs: unknown[]) => new Set(rs.filter(isObj).map((r) => String(r.id)));
  const locations = ids(f.Location);
  const schedules = ids(f.Schedule);
  for (const [type, rs] of Object.entries({ Location: f.Location, Schedule: f.Schedule, Slot: f.Slot }))
    if (ids(rs).size !== rs.length) p.push(`${type}: ids are not unique`);
  f.Location.forEach((r, i) =>
    isObj(r) ? checkLocation(r, `Location[${i}]`, p) : p.push(`Location[${i}]: not an object`),
  );
  f.Schedule.forEach((r, i) =>
    isObj(r) ? checkSchedule(r, `Schedule[${i}]`, locations, p) : p.push(`Schedule[${i}]: not an object`),
  );
  f.Slot.forEach((r, i) => (isObj(r) ? checkSlot(r, `Slot[${i}]`, schedules, p) : p.push(`Slot[${i}]: not an object`)));
  return p;
}

/** Parse NDJSON: one JSON value per line (a final newline is allowed); throws naming a line that does not parse. */
export function parseNdjson(text: string): unknown[] {
  return text
    .split('\n')
    .filter((line, i, all) => line !== '' || i !== all.length - 1)
    .map((line, i) => {
      try {
        const value: unknown = JSON.parse(line);
        return value;
      } catch {
        throw new Error(`NDJSON line ${i + 1} is not JSON`);
      }
    });
}

/**
 * The SMART Scheduling Links publisher against the specification's rules (test/support/smart-scheduling.ts), on
 * both engines: the manifest and its links, every NDJSON line, Locations, one-product Schedules, free/busy Slots
 * by the booking rule, and conditional GET. A fixture written after the specification's examples passes the same
 * checks, and broken copies of it fail them, so the checks are known to bite.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { startTestApp, type TestApp } from '../../../test/support/app.js';
import { engines } from '../../../test/support/db.js';
import {
  checkPublication,
  parseNdjson,
  obj,
  objects,
  RULES,
  type Json,
} from '../../../test/support/smart-scheduling.js';
import { systemActor } from '../../platform/audit/index.js';
import { createApiToken } from '../../staff/index.js';
import { fhirId } from './ids.js';

const DAY = 86_400_000;
const MIN = 60_000;
const PUBLIC_URL = 'https://vaccines.county.example';

type Call = (method: string, p: string, body?: unknown) => Promise<{ status: number; body: Json }>;
const caller =
  (base: string, token?: string): Call =>
  async (method, p, body) => {
    const res = await fetch(base + p, {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    return { status: res.status, body: obj(await res.json()) };
  };

const ext = (r: Json | undefined, url: string): Json | undefined => objects(r?.extension).find((e) => e.url === url);

interface Publication {
  manifest: Json;
  Location: Json[];
  Schedule: Json[];
  Slot: Json[];
}

async function fetchPublication(base: string): Promise<Publication> {
  const manifest = obj(await (await fetch(`${base}/fhir/$bulk-publish`)).json());
  const files: Record<string, Json[]> = { Location: [], Schedule: [], Slot: [] };
  for (const o of objects(manifest.output)) {
    // The manifest's URLs are absolute under PUBLIC_URL; fetch their paths from the test server.
    const text = await (await fetch(base + new URL(String(o.url)).pathname)).text();
    files[String(o.type)]?.push(...parseNdjson(text).map(obj));
  }
  return { manifest, Location: files.Location ?? [], Schedule: files.Schedule ?? [], Slot: files.Slot ?? [] };
}

for (const { engine, skip } of engines()) {
  describe(`SMART Scheduling Links publisher (${engine})`, { skip }, () => {
    let app: TestApp;
    let staff: Call;
    let clock = Math.floor(Date.now() / MIN) * MIN;
    const ids = {
      program: '',
      twoDose: '',
      oneDose: '',
      noCvx: '',
      flynn: '',
      oak: '',
      closed: '',
      first: '',
      full: '',
      soon: '',
      oakSlot: '',
    };

    const site = async (body: Json, stock: string[]) => {
      const r = await staff('POST', '/api/v1/sites', { timeZone: 'America/New_York', ...body });
      assert.equal(r.status, 201, JSON.stringify(r.body));
      const id = String(r.body.id);
      for (const productId of stock) {
        const inv = await staff('POST', `/api/v1/sites/${id}/inventory`, {
          productId,
          doses: 10,
          lot: 'L1',
          expiresOn: '2099-12-31',
        });
        assert.equal(inv.status, 201);
      }
      return id;
    };
    const slot = async (siteId: string, startsAt: number, capacity: number) => {
      const r = await staff('POST', `/api/v1/sites/${siteId}/slots`, {
        startsAt: new Date(startsAt).toISOString(),
        durationMinutes: 20,
        capacity,
        programId: ids.program,
      });
      assert.equal(r.status, 201, JSON.stringify(r.body));
      return String(r.body.id);
    };
    const product = async (body: Json) => {
      const r = await staff('POST', '/api/v1/products', { programId: ids.program, minAgeYears: 0, ...body });
      assert.equal(r.status, 201, JSON.stringify(r.body));
      return String(r.body.id);
    };
    const slotOf = (pub: Publication, slotId: string, productId: string) =>
      pub.Slot.find((s) => s.id === fhirId(slotId, productId));

    before(async () => {
      app = await startTestApp(engine, { PUBLIC_URL, SMART_BOOKING_PHONE: '555-010-0999' }, { now: () => clock });
      const { token } = await createApiToken(
        { name: 'setup', role: 'admin' },
        { db: app.tdb.db, now: () => clock, actor: systemActor('test') },
      );
      staff = caller(app.url, token);
      const p = await staff('POST', '/api/v1/programs', { name: 'COVID-19 vaccination', bookingMode: 'open' });
      ids.program = String(p.body.id);
      ids.twoDose = await product({
        name: 'Two-dose mRNA',
        cvxCode: '208',
        doses: 2,
        minDaysBetweenDoses: 21,
        maxDaysBetweenDoses: 28,
      });
      ids.oneDose = await product({ name: 'One-dose vector', cvxCode: '212', doses: 1, minDaysBetweenDoses: 0 });
      ids.noCvx = await product({ name: 'Uncoded product', doses: 1, minDaysBetweenDoses: 0 });
      ids.flynn = await site(
        {
          name: 'Flynn Pharmacy',
          address: '173 Elm St, Pittsfield, MA',
          postalCode: '01201',
          phone: '413-555-0100',
          vtrcksPin: 'CV1654321',
          latitude: 42.45,
          longitude: -73.25,
        },
        [ids.twoDose, ids.oneDose, ids.noCvx],
      );
      ids.oak = await site({ name: 'Oak Hall', address: '2 Oak Ave, Springfield', postalCode: '12345' }, [ids.oneDose]);
      ids.closed = await site(
        { name: 'Closed Depot', address: '9 Dock Rd, Pittsfield, MA', postalCode: '01201', status: 'inactive' },
        [ids.oneDose],
      );
      const t = clock;
      ids.first = await slot(ids.flynn, t + DAY, 3);
      ids.full = await slot(ids.flynn, t + 2 * DAY, 1);
      ids.soon = await slot(ids.flynn, t + 10 * MIN, 2);
      ids.oakSlot = await slot(ids.oak, t + DAY + 60 * MIN, 2);
      await slot(ids.flynn, t + 40 * DAY, 5); // beyond the 28-day window
      await slot(ids.closed, t + DAY, 5); // an inactive site
      const booked = await caller(app.url)('POST', '/api/v1/bookings', {
        slotId: ids.full,
        productId: ids.oneDose,
        dose: 1,
        person: { givenName: 'Ada', familyName: 'Full', birthDate: '1960-01-01', language: 'en' },
      });
      assert.equal(booked.status, 201, JSON.stringify(booked.body));
    });
    after(() => app.close());

    it('publishes a manifest with transactionTime, its own URL and absolute file URLs tagged with states', async () => {
      const res = await fetch(`${app.url}/fhir/$bulk-publish`);
      assert.equal(res.status, 200);
      assert.match(res.headers.get('content-type') ?? '', /^application\/json/);
      const m = obj(await res.json());
      assert.equal(m.transactionTime, new Date(clock).toISOString());
      assert.equal(m.request, `${PUBLIC_URL}/fhir/$bulk-publish`);
      assert.deepEqual(
        objects(m.output).map((o) => [o.type, o.url, o.extension]),
        ['Location', 'Schedule', 'Slot'].map((t) => [t, `${PUBLIC_URL}/fhir/${t}.ndjson`, { state: ['MA', 'NY'] }]),
      );
    });

    it('serves NDJSON whose every line parses and passes the specification checks', async () => {
      const pub = await fetchPublication(app.url);
      for (const t of ['Location', 'Schedule', 'Slot']) {
        const res = await fetch(`${app.url}/fhir/${t}.ndjson`);
        assert.equal(res.headers.get('content-type'), 'application/fhir+ndjson');
        const lines = (await res.text()).split('\n');
        assert.equal(lines.pop(), '', 'every line ends with a newline');
        for (const line of lines) assert.equal(JSON.stringify(JSON.parse(line)), line, 'one minified object per line');
      }
      assert.deepEqual(checkPublication(pub), []);
    });

    it('publishes active sites as Locations with the VTrckS PIN, telecom and a USPS address', async () => {
      const pub = await fetchPublication(app.url);
      const byId = new Map(pub.Location.map((l) => [l.id, l]));
      assert.deepEqual([...byId.keys()].sort(), [fhirId(ids.flynn), fhirId(ids.oak)].sort(), 'not the inactive site');
      const flynn = byId.get(fhirId(ids.flynn));
      assert.deepEqual(flynn?.identifier, [
        { system: RULES.vtrcks, value: 'CV1654321' },
        { system: 'urn:ietf:rfc:3986', value: `urn:uuid:${ids.flynn}` },
      ]);
      assert.deepEqual(flynn?.telecom, [
        { system: 'phone', value: '413-555-0100' },
        { system: 'url', value: `${PUBLIC_URL}/book` },
      ]);
      assert.deepEqual(flynn?.address, { line: ['173 Elm St'], city: 'Pittsfield', state: 'MA', postalCode: '01201' });
      assert.deepEqual(flynn?.position, { latitude: 42.45, longitude: -73.25 });
      const oak = byId.get(fhirId(ids.oak));
      // No state in the address: it comes from the ZIP code; no site phone: the configured booking phone.
      assert.deepEqual(oak?.address, { line: ['2 Oak Ave'], city: 'Springfield', state: 'NY', postalCode: '12345' });
      assert.deepEqual(oak?.identifier, [{ system: 'urn:ietf:rfc:3986', value: `urn:uuid:${ids.oak}` }]);
      assert.deepEqual(objects(oak?.telecom)[0], { system: 'phone', value: '555-010-0999' });
    });

    it('publishes one Schedule per site and vaccine, with both service codings and product/dose extensions', async () => {
      const pub = await fetchPublication(app.url);
      const schedules = pub.Schedule;
      assert.deepEqual(
        schedules.map((s) => s.id).sort(),
        [fhirId(ids.flynn, ids.twoDose), fhirId(ids.flynn, ids.oneDose), fhirId(ids.oak, ids.oneDose)].sort(),
        'one per (site, product) carried, vaccines only, active sites only',
      );
      const s = schedules.find((x) => x.id === fhirId(ids.flynn, ids.twoDose));
      assert.deepEqual(s?.actor, [{ reference: `Location/${fhirId(ids.flynn)}`, display: 'Flynn Pharmacy' }]);
      assert.deepEqual(s?.serviceType, [
        {
          coding: [
            { system: RULES.hl7ServiceType, code: '57', display: 'Immunization' },
            {
              system: RULES.smartServiceType,
              code: 'covid19-immunization',
              display: 'COVID-19 Immunization Appointment',
            },
          ],
        },
      ]);
      for (const x of schedules) {
        const products = objects(x.extension).filter((e) => e.url === RULES.vaccineProduct);
        assert.equal(products.length, 1, 'exactly one product per Schedule');
        assert.deepEqual(ext(x, RULES.vaccineDose), { url: RULES.vaccineDose, valueInteger: 1 });
      }
      assert.deepEqual(ext(s, RULES.vaccineProduct), {
        url: RULES.vaccineProduct,
        valueCoding: { system: RULES.cvx, code: '208', display: 'Two-dose mRNA' },
      });
    });

    it('marks a full slot busy, and publishes only future slots inside the window at active sites', async () => {
      const pub = await fetchPublication(app.url);
      for (const productId of [ids.oneDose, ids.twoDose]) {
        const full = slotOf(pub, ids.full, productId);
        assert.equal(full?.status, 'busy');
        assert.deepEqual(ext(full, RULES.capacity), { url: RULES.capacity, valueInteger: 0 });
        assert.equal(ext(full, RULES.deepLink), undefined, 'a busy slot offers no booking link');
      }
      // Flynn: first, full, soon; Oak: one slot. Two products at Flynn, one at Oak.
      assert.equal(pub.Slot.length, 3 * 2 + 1);
    });

    it('gives a free slot its capacity, a deep link into our booking flow, the booking phone and local times', async () => {
      const pub = await fetchPublication(app.url);
      const s = obj(slotOf(pub, ids.first, ids.oneDose));
      assert.equal(s.status, 'free');
      assert.deepEqual(s.schedule, { reference: `Schedule/${fhirId(ids.flynn, ids.oneDose)}` });
      assert.deepEqual(ext(s, RULES.capacity), { url: RULES.capacity, valueInteger: 3 });
      assert.deepEqual(ext(s, RULES.deepLink), {
        url: RULES.deepLink,
        valueUrl: `${PUBLIC_URL}/book/${ids.program}/sites/${ids.flynn}/slots/${ids.first}?product=${ids.oneDose}`,
      });
      assert.deepEqual(ext(s, RULES.bookingPhone), { url: RULES.bookingPhone, valueString: '413-555-0100' });
      assert.match(String(s.start), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d-0[45]:00$/, 'New York offset');
      assert.equal(Date.parse(String(s.start)), clock + DAY);
      assert.equal(Date.parse(String(s.end)), clock + DAY + 20 * MIN);
      const oak = slotOf(pub, ids.oakSlot, ids.oneDose);
      assert.deepEqual(ext(oak, RULES.bookingPhone), { url: RULES.bookingPhone, valueString: '555-010-0999' });
    });

    it('lists the publisher in the OpenAPI description as public', async () => {
      const doc = obj(await (await fetch(`${app.url}/api/openapi.json`)).json());
      const paths = obj(doc.paths);
      for (const p of ['/fhir/$bulk-publish', '/fhir/Location.ndjson', '/fhir/Schedule.ndjson', '/fhir/Slot.ndjson'])
        assert.deepEqual(obj(obj(paths[p]).get).security, [], p);
    });

    it('answers If-None-Match with 304 and sends Cache-Control max-age and a strong ETag', async () => {
      for (const p of ['/fhir/$bulk-publish', '/fhir/Location.ndjson', '/fhir/Schedule.ndjson', '/fhir/Slot.ndjson']) {
        const first = await fetch(app.url + p);
        const etag = first.headers.get('etag') ?? '';
        assert.match(etag, /^"[A-Za-z0-9_-]{43}"$/, `${p}: strong ETag`);
        assert.equal(first.headers.get('cache-control'), 'public, max-age=300');
        for (const tag of [etag, `W/${etag}`, `"other", ${etag}`, '*']) {
          const again = await fetch(app.url + p, { headers: { 'if-none-match': tag } });
          assert.equal(again.status, 304, `${p} with ${tag}`);
          assert.equal(await again.text(), '');
          assert.equal(again.headers.get('etag'), etag);
          assert.equal(again.headers.get('cache-control'), 'public, max-age=300');
        }
        const stale = await fetch(app.url + p, { headers: { 'if-none-match': '"not-it"' } });
        assert.equal(stale.status, 200);
        await stale.text();
      }
    });

    it('keeps transactionTime and ETags when a rebuild finds nothing changed', async () => {
      const before = await fetch(`${app.url}/fhir/$bulk-publish`);
      const tag = before.headers.get('etag');
      const time = obj(await before.json()).transactionTime;
      clock += 5 * MIN + 1000; // past max-age: rebuilt ("soon" is still ahead)
      const afterwards = await fetch(`${app.url}/fhir/$bulk-publish`);
      assert.equal(afterwards.headers.get('etag'), tag);
      assert.equal(obj(await afterwards.json()).transactionTime, time);
    });

    it('publishes a dose-1 slot of a series busy until a dose-2 seat can be held, then free', async () => {
      let pub = await fetchPublication(app.url);
      const tag = (await fetch(`${app.url}/fhir/Slot.ndjson`)).headers.get('etag');
      assert.equal(slotOf(pub, ids.first, ids.twoDose)?.status, 'busy', 'no dose-2 seat in 21–28 days');
      assert.equal(slotOf(pub, ids.first, ids.oneDose)?.status, 'free', 'the single-dose product needs none');
      const second = await slot(ids.flynn, clock + 23 * DAY, 4);
      // Within max-age the same publication is served.
      assert.equal((await fetch(`${app.url}/fhir/Slot.ndjson`)).headers.get('etag'), tag);
      clock += 11 * MIN; // past max-age, and past "soon"
      pub = await fetchPublication(app.url);
      assert.equal(slotOf(pub, ids.first, ids.twoDose)?.status, 'free');
      assert.equal(slotOf(pub, second, ids.twoDose)?.status, 'busy', 'its own dose 2 would fall outside any slot');
      assert.equal(slotOf(pub, ids.soon, ids.oneDose), undefined, 'a slot that has started is no longer published');
      assert.notEqual((await fetch(`${app.url}/fhir/Slot.ndjson`)).headers.get('etag'), tag);
      assert.equal(pub.manifest.transactionTime, new Date(clock).toISOString());
      assert.deepEqual(checkPublication(pub), []);
    });

    it('keeps serving the last good publication when a rebuild fails', async () => {
      const good = await fetch(`${app.url}/fhir/Slot.ndjson`);
      const tag = good.headers.get('etag');
      await good.text();
      await sql`ALTER TABLE slots RENAME TO slots_away`.execute(app.tdb.db.kysely);
      try {
        clock += 6 * MIN; // past max-age: this request rebuilds, and the read fails
        const res = await fetch(`${app.url}/fhir/Slot.ndjson`);
        assert.equal(res.status, 200);
        assert.equal(res.headers.get('etag'), tag);
      } finally {
        await sql`ALTER TABLE slots_away RENAME TO slots`.execute(app.tdb.db.kysely);
      }
    });
  });
}

describe('the specification checks, on a fixture written after the specification examples', () => {
  const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), '../../../test/fixtures/smart-scheduling');
  const read = (f: string) => readFileSync(path.join(dir, f), 'utf8');
  const fixture = (): Publication => ({
    manifest: obj(JSON.parse(read('$bulk-publish'))),
    Location: parseNdjson(read('locations.ndjson')).map(obj),
    Schedule: parseNdjson(read('schedules.ndjson')).map(obj),
    Slot: [...parseNdjson(read('slots-RI.ndjson')), ...parseNdjson(read('slots-CT.ndjson'))].map(obj),
  });
  const first = (list: Json[]) => obj(list[0]);

  it('accepts the fixture', () => {
    assert.deepEqual(checkPublication(fixture()), []);
  });

  it('rejects each broken rule, naming it', () => {
    const cases: [string, (f: Publication) => void, RegExp][] = [
      ['manifest state', (f) => (first(objects(f.manifest.output)).extension = { state: ['Massachusetts'] }), /extension\.state/],
      ['manifest request', (f) => (f.manifest.request = '/fhir/$bulk-publish'), /manifest\.request/],
      ['id with a hyphen', (f) => (first(f.Location).id = 'harbor-01'), /Location\[0\]\.id/],
      ['city', (f) => delete obj(obj(f.Location[1]).address).city, /address\.city/],
      ['telecom system', (f) => (first(f.Location).telecom = [{ system: 'fax', value: '1' }]), /telecom/],
      ['COVID coding', (f) => (first(f.Schedule).serviceType = [{ coding: [] }]), /covid19-immunization/],
      ['two products', (f) => (obj(f.Schedule[1]).extension = [...objects(obj(f.Schedule[1]).extension), ...objects(obj(f.Schedule[1]).extension)]), /repeats/],
      ['unknown schedule', (f) => (first(f.Slot).schedule = { reference: 'Schedule/nope' }), /unknown Schedule\/nope/],
      ['status', (f) => (first(f.Slot).status = 'open'), /status/],
      ['offset', (f) => (first(f.Slot).start = '2021-04-12T09:00:00'), /start\/end/],
      ['capacity', (f) => (first(f.Slot).extension = [{ url: RULES.capacity, valueInteger: '12' }]), /slot-capacity/],
      ['deep link', (f) => (first(f.Slot).extension = [{ url: RULES.deepLink, valueUrl: 'book?slot=1' }]), /booking-deep-link/],
    ]; // prettier-ignore
    for (const [name, breakIt, expected] of cases) {
      const f = fixture();
      breakIt(f);
      const problems = checkPublication(f);
      assert.ok(
        problems.some((p) => expected.test(p)),
        `${name}: ${problems.join('; ') || 'no problem found'}`,
      );
    }
  });
});

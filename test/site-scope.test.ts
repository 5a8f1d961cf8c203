/**
 * Staff see only their sites (ADR 0019): every staff route × every role × own and other site, on both engines.
 *
 * The routes come from the app itself (Fastify's onRoute hook), not from a hand list:
 * - a route whose path names a site-bound object — `:siteId`, `:slotId`, `:templateId`, `:offerId`,
 *   `:registrantId`, or a booking's `:id` — is called by each role (a user or token assigned to site Alpha) with
 *   Alpha's objects and with Bravo's. Own site: the role policy decides as before (403 where the route's policy
 *   refuses the role, never 401/403/404/5xx where it allows it). Other site: site managers and site staff hear
 *   404, exactly as for something that does not exist, with none of Bravo's people or codes in the body, and
 *   nothing of Bravo's changes; county-wide roles are answered as for their own site.
 * - every other staff or API route must be classified below: public, county-wide (with why), or a probe that sends
 *   another site's id in a query or body. An unclassified route fails the test, so a new route must be classified.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { RouteOptions } from 'fastify';
import { addSlot, bookAppointment, createProduct, createProgram, receiveInventory } from '../src/appointments/index.js';
import { systemActor } from '../src/platform/audit/index.js';
import { ROLES, SITE_SCOPED_ROLES, type PolicyCheck, type Role } from '../src/platform/auth/index.js';
import {
  addGroup,
  addPhase,
  openStandbyOffer,
  preRegister,
  runMatching,
  saveSettings,
  setPhase,
} from '../src/preregistration/index.js';
import { importSites, listSites } from '../src/sites/index.js';
import { createApiToken, createUserWithOneTimePassword } from '../src/staff/index.js';
import { signedInClient, startTestApp, TestClient, type Answer, type TestApp } from './support/app.js';
import { engines } from './support/db.js';

const DAY = 86_400_000;
const PASSWORD = 'a long enough password';
/** Monday 7 January 2030, 10:00 in New York. */
const START = Date.UTC(2030, 0, 7, 15);

/** A registered route, one method at a time, with the policy of its `authorize` preHandler when it has one. */
interface Route {
  method: string;
  url: string;
  policy: PolicyCheck | null;
}

/** What one site holds: every site-bound object a route can name, and what must never leak to other sites' staff. */
interface SiteObjects {
  name: string;
  site: string;
  /** A free future slot (for the schedule pages and moving a booking). */
  slot: string;
  /** A full slot no route names (the "just taken" page offers alternatives for it). */
  fullSlot: string;
  template: string;
  booking: string;
  code: string;
  person: { givenName: string; familyName: string; birthDate: string };
  lot: string;
  offer: string;
  caller: string;
  callerName: string;
}

const isStaffRoute = (url: string) => url === '/staff' || url.startsWith('/staff/') || url.startsWith('/api/');

/** Path parameters that name something belonging to one site. */
function siteBoundParams(url: string): string[] {
  const params = [...url.matchAll(/:(\w+)/g)].map((m) => m[1] ?? '');
  const bookingId = /\/(bookings|book\/[a-z]+)\/:id\b/.test(url);
  return params.filter(
    (p) => ['siteId', 'slotId', 'templateId', 'offerId', 'registrantId'].includes(p) || (p === 'id' && bookingId),
  );
}

/**
 * Staff and API routes that name no site-bound object in their path. `county`: nothing site-bound (or county-wide
 * by design), with why. `probe`: lists or takes site ids through a query or body; each has a probe below.
 */
const CLASSIFIED: Record<string, { public: string } | { county: string } | { probe: string }> = {
  'GET /api/docs': { public: 'API documentation' },
  'GET /api/openapi.json': { public: 'API description' },
  'GET /api/v1/availability': { public: 'open seats, as on the resident pages' },
  'POST /api/v1/bookings': { public: 'resident booking (anyone may book at any site)' },
  'GET /staff/sign-in': { public: 'sign-in' },
  'POST /staff/sign-in': { public: 'sign-in' },
  'POST /staff/sign-out': { public: 'sign-out' },
  'GET /staff/forgot-password': { public: 'password reset' },
  'POST /staff/forgot-password': { public: 'password reset' },
  'GET /staff/password/:token': { public: 'password link' },
  'POST /staff/password/:token': { public: 'password link' },
  'GET /api/v1/audit': { county: 'admins only' },
  'GET /api/v1/staff/users': { county: 'admins only' },
  'GET /api/v1/me': { county: 'the token itself (with its sites)' },
  'GET /api/v1/feedback/a11-export': { county: 'analysts: suppressed county-wide statistics' },
  'POST /api/v1/programs': { county: 'programs are county-wide' },
  'POST /api/v1/products': { county: 'products are county-wide' },
  'POST /api/v1/sites': { county: 'adding sites: admins only' },
  'GET /staff': { county: 'console home (names the reader’s own sites)' },
  'GET /staff/account/password': { county: 'own password' },
  'POST /staff/account/password': { county: 'own password' },
  'GET /staff/appointments/slots/import': { county: 'the upload form' },
  'GET /staff/audit': { county: 'admins only' },
  'GET /staff/book': { county: 'programs are county-wide' },
  'GET /staff/contacts/:id': { county: 'admins and call agents (county-wide roles)' },
  'GET /staff/feedback': { county: 'admins and analysts' },
  'GET /staff/feedback/comments': { county: 'analysts' },
  'GET /staff/feedback/comments.csv': { county: 'analysts' },
  'GET /staff/feedback/exports': { county: 'admins and analysts' },
  'GET /staff/feedback/exports/a11.csv': { county: 'admins and analysts' },
  'GET /staff/feedback/exports/responses.csv': { county: 'admins and analysts' },
  'GET /staff/feedback/pulse/questions/new': { county: 'staff pulse settings' },
  'POST /staff/feedback/pulse/questions/new': { county: 'staff pulse settings' },
  'GET /staff/feedback/pulse/results': { county: 'staff pulse (groups of 5 or more)' },
  'GET /staff/feedback/pulse/settings': { county: 'staff pulse settings' },
  'POST /staff/feedback/pulse/settings': { county: 'staff pulse settings' },
  'POST /staff/feedback/questions/:id/:action': { county: 'survey wording' },
  'GET /staff/feedback/questions/:id/edit': { county: 'survey wording' },
  'POST /staff/feedback/questions/:id/edit': { county: 'survey wording' },
  'GET /staff/feedback/questions/new': { county: 'survey wording' },
  'POST /staff/feedback/questions/new': { county: 'survey wording' },
  'GET /staff/feedback/settings': { county: 'survey settings' },
  'GET /staff/feedback/settings/:id': { county: 'survey settings' },
  'POST /staff/feedback/settings/:id': { county: 'survey settings' },
  'GET /staff/jobs': { county: 'admins only' },
  'POST /staff/jobs/:id/retry': { county: 'admins only' },
  'GET /staff/messages': { county: 'admins only' },
  'GET /staff/messages/:id': { county: 'admins only' },
  'GET /staff/preregistration': { county: 'programs are county-wide' },
  'GET /staff/privacy': { county: 'a person’s rights: admins only (county-wide)' },
  'POST /staff/privacy/search': { county: 'a person’s rights: admins only (county-wide)' },
  'POST /staff/privacy/export': { county: 'a person’s rights: admins only (county-wide)' },
  'POST /staff/privacy/correct': { county: 'a person’s rights: admins only (county-wide)' },
  'POST /staff/privacy/correct/save': { county: 'a person’s rights: admins only (county-wide)' },
  'POST /staff/privacy/erase': { county: 'a person’s rights: admins only (county-wide)' },
  'POST /staff/privacy/erase/confirm': { county: 'a person’s rights: admins only (county-wide)' },
  'GET /staff/privacy/done': { county: 'a person’s rights: admins only (county-wide)' },
  'GET /staff/privacy/retention': { county: 'retention figures: admins only' },
  'GET /staff/preregistration/setup': { county: 'programs are county-wide' },
  'GET /staff/preregistration/:programId/eligibility': { county: 'eligibility is program-wide' },
  'GET /staff/preregistration/:programId/eligibility/groups/:groupId': { county: 'eligibility is program-wide' },
  'POST /staff/preregistration/:programId/eligibility/groups/:groupId': { county: 'eligibility is program-wide' },
  'POST /staff/preregistration/:programId/eligibility/groups/:groupId/move': {
    county: 'eligibility is program-wide',
  },
  'GET /staff/preregistration/:programId/eligibility/groups/new': { county: 'eligibility is program-wide' },
  'POST /staff/preregistration/:programId/eligibility/groups/new': { county: 'eligibility is program-wide' },
  'GET /staff/preregistration/:programId/eligibility/phases/:phaseId': { county: 'eligibility is program-wide' },
  'POST /staff/preregistration/:programId/eligibility/phases/:phaseId': { county: 'eligibility is program-wide' },
  'POST /staff/preregistration/:programId/eligibility/phases/:phaseId/move': {
    county: 'eligibility is program-wide',
  },
  'GET /staff/preregistration/:programId/eligibility/phases/new': { county: 'eligibility is program-wide' },
  'POST /staff/preregistration/:programId/eligibility/phases/new': { county: 'eligibility is program-wide' },
  'GET /staff/preregistration/:programId/eligibility/settings': { county: 'eligibility is program-wide' },
  'POST /staff/preregistration/:programId/eligibility/settings': { county: 'eligibility is program-wide' },
  'GET /staff/preregistration/:programId/eligibility/zip-weights': { county: 'eligibility is program-wide' },
  'POST /staff/preregistration/:programId/eligibility/zip-weights': { county: 'eligibility is program-wide' },
  'POST /staff/preregistration/:programId/eligibility/zip-weights/clear': { county: 'eligibility is program-wide' },
  'GET /staff/preregistration/:programId/export.csv': {
    county: 'pseudonymous, program-wide: no names, birth dates, contacts or sites',
  },
  'POST /staff/preregistration/:programId/phases/:phaseId': { county: 'phases are program-wide' },
  'GET /staff/preregistration/:programId/register': {
    county: 'registering a caller (their preferred sites are any public site)',
  },
  'POST /staff/preregistration/:programId/register': { county: 'registering a caller' },
  'GET /staff/pulse': { county: 'own pulse answer' },
  'POST /staff/pulse': { county: 'own pulse answer' },
  'GET /staff/sites/import': { county: 'adding sites: admins only' },
  'POST /staff/sites/import': { county: 'adding sites: admins only' },
  'GET /staff/sites/import/sample.csv': { county: 'adding sites: admins only' },
  'GET /staff/sites/new': { county: 'adding sites: admins only' },
  'POST /staff/sites/new': { county: 'adding sites: admins only' },
  'GET /staff/templates': { county: 'message templates' },
  'GET /staff/templates/:type': { county: 'message templates' },
  'POST /staff/templates/:type/test': { county: 'message templates' },
  'GET /staff/tokens': { county: 'admins only' },
  'POST /staff/tokens': { county: 'admins only' },
  'POST /staff/tokens/:id/revoke': { county: 'admins only' },
  'GET /staff/users': { county: 'admins only' },
  'GET /staff/users/invite': { county: 'admins only' },
  'POST /staff/users/invite': { county: 'admins only' },
  'POST /staff/users/:id/role': { county: 'admins only' },
  'GET /staff/users/:id/sites': { county: 'admins only' },
  'POST /staff/users/:id/sites': { county: 'admins only' },
  'POST /staff/users/:id/status': { county: 'admins only' },
  'GET /staff/waiting-room': { county: 'the waiting room is not site-bound' },
  'POST /staff/waiting-room': { county: 'the waiting room is not site-bound' },
  'GET /staff/waiting-room/figures': { county: 'the waiting room is not site-bound' },
  'GET /api/v1/sites': { probe: 'lists sites' },
  'GET /staff/sites': { probe: 'lists sites' },
  'GET /staff/clinic': { probe: 'lists sites with today’s counts' },
  'GET /staff/schedule': { probe: 'lists sites' },
  'GET /staff/inventory': { probe: 'lists sites with doses' },
  'GET /staff/bookings': { probe: 'finds a booking by code (query)' },
  'POST /staff/bookings/search': { probe: 'finds bookings by name and birth date (body)' },
  'GET /staff/book/:programId': { probe: 'lists sites to book at' },
  'GET /staff/appointments/slots/import/sample.csv': { probe: 'names a site' },
  'POST /staff/appointments/slots/import': { probe: 'rows name sites (body)' },
  'GET /staff/preregistration/:programId': { probe: '"invite now" site picker' },
  'POST /staff/preregistration/:programId/match': { probe: 'site in the body' },
  'GET /staff/preregistration/:programId/standby': { probe: 'offers and the site picker' },
  'POST /staff/preregistration/:programId/standby': { probe: 'site in the body' },
  'GET /staff/preregistration/:programId/call-list': { probe: 'people holding seats at sites' },
};

/** The probes' routes (a site id or a site's person in a query or body); the test fails if one is missing. */
const PROBED = new Set(
  Object.entries(CLASSIFIED)
    .filter(([, c]) => 'probe' in c)
    .map(([k]) => k),
);

for (const { engine, skip } of engines()) {
  describe(`staff see only their sites: every route × role × own/other site (${engine})`, { skip }, () => {
    let app: TestApp;
    const clock = START;
    const routes: Route[] = [];
    const pages = new Map<Role, TestClient>();
    const apis = new Map<Role, TestClient>();
    let A: SiteObjects;
    let B: SiteObjects;
    let openProgram = '';
    let product = '';
    let prereg = '';
    let preregProduct = '';
    const db = () => app.tdb.db.kysely;
    const sys = () => ({ ...app.built.deps, now: () => clock, actor: systemActor('test') });

    const onRoute = (r: RouteOptions) => {
      const pre = [r.preHandler ?? []].flat() as unknown[];
      const hook = pre.find((h): h is { policy: PolicyCheck } => typeof h === 'function' && 'policy' in h);
      for (const method of [r.method].flat())
        if (method !== 'HEAD' && isStaffRoute(r.url)) routes.push({ method, url: r.url, policy: hook?.policy ?? null });
    };

    async function makeSite(name: string, prefix: string): Promise<SiteObjects> {
      const csv = `name,address,postalCode,timeZone,status\n${name},1 ${name} Road Springfield,02108,America/New_York,active\n`;
      assert.ok((await importSites(csv, sys())).ok);
      const site = (await listSites(db())).find((s) => s.name === name)?.id ?? assert.fail('no site');
      const lot = `${prefix.toUpperCase()}-LOT`;
      await receiveInventory(site, { productId: product, doses: 20, lot, expiresOn: '2031-12-31' }, sys());
      await receiveInventory(site, { productId: preregProduct, doses: 5, lot, expiresOn: '2031-12-31' }, sys());
      const bookedSlot = await addSlot(
        site,
        { programId: openProgram, startsAt: START + 2 * DAY, durationMinutes: 15, capacity: 1 },
        sys(),
      );
      const fullSlot = await addSlot(
        site,
        { programId: openProgram, startsAt: START + 2 * DAY + 7_200_000, durationMinutes: 15, capacity: 1 },
        sys(),
      );
      const slot = await addSlot(
        site,
        { programId: openProgram, startsAt: START + 2 * DAY + 3_600_000, durationMinutes: 15, capacity: 5 },
        sys(),
      );
      const person = { givenName: `${prefix}person`, familyName: 'Tester', birthDate: '1961-02-03' };
      const b = await bookAppointment(
        { ...app.built.deps, now: () => clock },
        {
          slotId: bookedSlot,
          productId: product,
          dose: 1,
          person: { ...person, email: `${prefix}@example.com`, language: 'en' },
          channel: 'web',
        },
      );
      await bookAppointment(
        { ...app.built.deps, now: () => clock },
        {
          slotId: fullSlot,
          productId: product,
          dose: 1,
          person: { givenName: `${prefix}full`, familyName: 'Tester', birthDate: '1962-02-03', language: 'en' },
          channel: 'web',
        },
      );
      const admin = apis.get('admin') ?? assert.fail('no admin token');
      const t = await admin.request(
        'POST',
        `/api/v1/sites/${site}/schedule-templates`,
        JSON.stringify({
          name: `${prefix} template`,
          programId: openProgram,
          weekdays: [1, 2, 3],
          opens: '09:00',
          closes: '12:00',
          slotMinutes: 15,
          capacity: 1,
          validFrom: '2030-02-01',
          validTo: '2030-02-28',
        }),
        { 'content-type': 'application/json' },
      );
      assert.equal(t.status, 201, t.text);
      // Pre-registration: a landline caller invited to a seat here, and a same-day standby offer here.
      const preregSlot = await addSlot(
        site,
        { programId: prereg, startsAt: START + 3 * DAY, durationMinutes: 15, capacity: 1 },
        sys(),
      );
      assert.ok(preregSlot);
      const callerName = `${prefix}caller`;
      const reg = await preRegister(
        sys(),
        prereg,
        {
          birthDate: '1950-03-04',
          zip: '02109',
          county: undefined,
          yes: [],
          forWhom: 'self',
          givenName: callerName,
          familyName: 'Landline',
          email: undefined,
          phone: prefix === 'Alpha' ? '617-555-0142' : '617-555-0143',
          callMe: true,
          language: 'en',
          needs: [],
          languageNeed: undefined,
          maxMiles: 25,
          preferredSites: [],
          unavailable: [],
        },
        'phone',
      );
      assert.ok(reg.ok);
      assert.equal((await runMatching(sys(), { programId: prereg, trigger: 'test', siteId: site })).invited, 1);
      const offer = await openStandbyOffer(sys(), prereg, { siteId: site, doses: 1, arriveBy: '13:00', multiplier: 1 });
      assert.ok(offer.ok, JSON.stringify(offer));
      return {
        name,
        site,
        slot,
        fullSlot,
        template: (JSON.parse(t.text) as { id: string }).id,
        booking: b.id,
        code: b.confirmationCode,
        person,
        lot,
        offer: offer.offerId,
        caller: reg.id,
        callerName,
      };
    }

    /** What Bravo's staff hold that no one else at another site may see. */
    const secretsOf = (s: SiteObjects) => [
      s.person.givenName,
      s.code,
      s.callerName,
      s.lot,
      `${s.name.split(' ')[0]} template`,
    ];

    /** Bravo's state, to show that other-site calls changed nothing. */
    const stateOf = async (s: SiteObjects) => ({
      bookings: await db()
        .selectFrom('bookings')
        .select(['id', 'status', 'slot_id'])
        .where('site_id', '=', s.site)
        .orderBy('id')
        .execute(),
      slots: await db()
        .selectFrom('slots')
        .select(['id', 'capacity', 'booked', 'status'])
        .where('site_id', '=', s.site)
        .orderBy('id')
        .execute(),
      inventory: await db()
        .selectFrom('site_inventory')
        .select(['on_hand', 'reserved'])
        .where('site_id', '=', s.site)
        .execute(),
      templates: await db()
        .selectFrom('schedule_templates')
        .select(['id', 'name'])
        .where('site_id', '=', s.site)
        .execute(),
      offers: await db()
        .selectFrom('prereg_standby_offers')
        .select(['id', 'status'])
        .where('site_id', '=', s.site)
        .execute(),
      sites: await db().selectFrom('sites').select(['name', 'phone', 'status']).where('id', '=', s.site).execute(),
    });

    before(async () => {
      app = await startTestApp(
        engine,
        { RATE_LIMITS: 'off', QUIET_HOURS: '0-0', SESSION_IDLE_MINUTES: '1440' },
        { now: () => clock, onRoute },
      );
      const d = sys();
      openProgram = await createProgram({ name: { en: 'Flu shots', es: 'Vacuna' }, bookingMode: 'open' }, d);
      product = await createProduct(
        { programId: openProgram, name: 'Flu', doses: 1, minDaysBetweenDoses: 0, minAgeYears: 0 },
        d,
      );
      prereg = await createProgram({ name: { en: 'Invited', es: 'Invitados' }, bookingMode: 'invitation' }, d);
      preregProduct = await createProduct(
        { programId: prereg, name: 'Invited dose', doses: 1, minDaysBetweenDoses: 0, minAgeYears: 0 },
        d,
      );
      await saveSettings(
        prereg,
        {
          minAge: 16,
          referenceDate: '2030-01-01',
          zips: [],
          counties: [],
          holdHours: 24,
          horizonDays: 14,
          smsYes: false,
          productId: preregProduct,
        },
        d,
      );
      const phase = await addPhase(prereg, { nameEn: 'Phase 1', nameEs: 'Fase 1' }, d);
      await addGroup(
        prereg,
        { phaseId: phase, nameEn: 'Everyone', nameEs: 'Todos', questionEn: '', questionEs: '', minAge: null },
        d,
      );
      await setPhase(prereg, phase, 'open', d);
      const adminToken = await createApiToken({ name: 'setup', role: 'admin' }, d);
      apis.set('admin', new TestClient(app.url, { authorization: `Bearer ${adminToken.token}` }));
      A = await makeSite('Alpha Site', 'Alpha');
      B = await makeSite('Bravo Site', 'Bravo');
      for (const role of ROLES) {
        const email = `${role}@county.example`;
        const u = await createUserWithOneTimePassword({ email, displayName: role, role, sites: [A.site] }, d);
        assert.ok(u.ok);
        const c = await signedInClient(app.url, email, u.oneTimePassword);
        await c.get('/staff/account/password');
        const changed = await c.post('/staff/account/password', {
          current: u.oneTimePassword,
          password: PASSWORD,
          confirm: PASSWORD,
        });
        assert.equal(changed.status, 303);
        pages.set(role, c);
        const tok = await createApiToken({ name: role, role, sites: [A.site] }, d);
        apis.set(role, new TestClient(app.url, { authorization: `Bearer ${tok.token}` }));
      }
    });
    after(() => app.close());

    /** The URL of a route for one site's objects (null when a parameter cannot be filled). */
    function urlFor(r: Route, s: SiteObjects): string | null {
      const program = r.url.startsWith('/staff/book') ? openProgram : prereg;
      const values: Record<string, string> = {
        siteId: s.site,
        slotId: s.slot,
        templateId: s.template,
        offerId: s.offer,
        registrantId: s.caller,
        id: s.booking,
        programId: program,
        kind: 'receive',
      };
      let missing = false;
      const path = r.url.replace(/:(\w+)/g, (_m, p: string) => {
        const v = values[p];
        if (v === undefined) missing = true;
        return encodeURIComponent(v ?? '');
      });
      if (missing) return null;
      return r.url.startsWith('/staff/book/') ? `${path}?product=${encodeURIComponent(product)}` : path;
    }

    /** Call a route as a role: pages with the session (and CSRF token), the API with the role's token. */
    async function call(role: Role, method: string, url: string, body: Record<string, string> = {}): Promise<Answer> {
      if (url.startsWith('/api/')) {
        const c = apis.get(role) ?? assert.fail(`no token for ${role}`);
        return method === 'GET'
          ? c.get(url)
          : c.request(method, url, JSON.stringify(body), { 'content-type': 'application/json' });
      }
      const c = pages.get(role) ?? assert.fail(`no session for ${role}`);
      if (method === 'GET') return c.get(url);
      if (!c.lastCsrf) await c.get('/staff/account/password');
      return c.post(url, body);
    }

    const scoped = (role: Role) => SITE_SCOPED_ROLES.includes(role);
    /** `typed`: what the reader typed (a searched code is shown back in its field; that reveals nothing). */
    const noSecretsOf = (s: SiteObjects, a: Answer, where: string, typed: string[] = []) => {
      for (const secret of secretsOf(s).filter((x) => !typed.includes(x)))
        assert.ok(!a.text.includes(secret), `${where} shows ${secret}`);
      assert.ok(!(a.location ?? '').includes(s.booking), `${where} redirects to the other site's booking`);
    };
    const siteRoutes = () => routes.filter((r) => siteBoundParams(r.url).length > 0);

    it('every staff and API route is either site-bound by its path or classified', () => {
      assert.ok(routes.length > 150, `only ${routes.length} routes seen`);
      const unclassified = routes
        .filter((r) => siteBoundParams(r.url).length === 0 && !(`${r.method} ${r.url}` in CLASSIFIED))
        .map((r) => `${r.method} ${r.url}`);
      assert.deepEqual(unclassified, [], 'classify these routes in test/site-scope.test.ts');
      const seen = new Set(routes.map((r) => `${r.method} ${r.url}`));
      const stale = Object.keys(CLASSIFIED).filter((k) => !seen.has(k));
      assert.deepEqual(stale, [], 'these classified routes no longer exist');
      const boundButListed = routes
        .filter((r) => siteBoundParams(r.url).length > 0 && `${r.method} ${r.url}` in CLASSIFIED)
        .map((r) => `${r.method} ${r.url}`);
      assert.deepEqual(boundButListed, [], 'site-bound routes are checked by the matrix, not listed');
      // Every staff route but the booking API (which checks its own callers) is behind authorize.
      const open = routes.filter((r) => !r.policy && !(`${r.method} ${r.url}` in CLASSIFIED));
      assert.deepEqual(
        open.map((r) => `${r.method} ${r.url}`).filter((k) => !k.includes('/api/v1/bookings/:id')),
        [],
      );
    });

    it('other site: site managers and site staff hear 404 on every site-bound route, see nothing and change nothing', async () => {
      const before = await stateOf(B);
      const checked: string[] = [];
      for (const role of ROLES.filter(scoped))
        for (const r of siteRoutes()) {
          const url = urlFor(r, B) ?? assert.fail(`cannot fill ${r.url}`);
          const own = urlFor(r, A) ?? '';
          const a = await call(role, r.method, url);
          const where = `${role} ${r.method} ${r.url}`;
          const allowed = r.policy ? r.policy({ role }) : a.status !== 403;
          if (!allowed) {
            assert.equal(a.status, 403, `${where}: a role the policy refuses hears 403 wherever the site`);
            continue;
          }
          assert.equal(a.status, 404, `${where} answered ${a.status} for another site`);
          noSecretsOf(B, a, where);
          checked.push(`${role} ${r.method} ${own}`);
        }
      assert.ok(checked.length > 40, `only ${checked.length} other-site calls were allowed by role at all`);
      assert.deepEqual(await stateOf(B), before, 'other-site calls changed something');
    });

    it('own site (and any site for county-wide roles): the role policy decides, as before', async () => {
      for (const role of ROLES)
        for (const r of siteRoutes())
          for (const s of scoped(role) ? [A] : [A, B]) {
            const url = urlFor(r, s) ?? assert.fail(`cannot fill ${r.url}`);
            const a = await call(role, r.method, url);
            const where = `${role} ${r.method} ${url}`;
            assert.ok(a.status < 500, `${where} answered ${a.status}`);
            if (r.policy && !r.policy({ role })) {
              assert.equal(a.status, 403, `${where}: the policy refuses ${role}`);
              continue;
            }
            if (!r.policy && a.status === 403) continue; // the booking API refuses roles that may not manage bookings
            assert.ok(![401, 403, 404].includes(a.status), `${where} answered ${a.status}`);
          }
    });

    it('lists, pickers and searches name only the reader’s sites and people', async () => {
      const probed = new Set<string>();
      const look = async (key: string, role: Role, url: string, body?: Record<string, string>) => {
        probed.add(key);
        const [method = 'GET'] = key.split(' ');
        return call(role, method, url, body);
      };
      const bravoPerson = {
        givenName: B.person.givenName,
        familyName: B.person.familyName,
        birthDate: B.person.birthDate,
      };
      for (const role of ROLES) {
        const other = scoped(role);
        const check = (a: Answer, where: string, showsOwn?: string, typed: string[] = []) => {
          if (a.status === 403) return;
          assert.ok(a.status < 500, `${role} ${where}: ${a.status}`);
          if (other) {
            noSecretsOf(B, a, `${role} ${where}`, typed);
            assert.ok(!a.text.includes(B.name), `${role} ${where} names ${B.name}`);
            if (showsOwn)
              assert.ok(a.text.includes(showsOwn) || (a.location ?? '').includes(A.site), `${role} ${where}`);
          }
        };
        for (const [key, url] of [
          ['GET /api/v1/sites', '/api/v1/sites'],
          ['GET /staff/sites', '/staff/sites'],
          ['GET /staff/clinic', '/staff/clinic'],
          ['GET /staff/schedule', '/staff/schedule'],
          ['GET /staff/inventory', '/staff/inventory'],
          ['GET /staff/book/:programId', `/staff/book/${openProgram}`],
          ['GET /staff/appointments/slots/import/sample.csv', '/staff/appointments/slots/import/sample.csv'],
          ['GET /staff/preregistration/:programId', `/staff/preregistration/${prereg}`],
          ['GET /staff/preregistration/:programId/standby', `/staff/preregistration/${prereg}/standby`],
        ] as const)
          check(await look(key, role, url), key, A.name);
        const calls = await look(
          'GET /staff/preregistration/:programId/call-list',
          role,
          `/staff/preregistration/${prereg}/call-list`,
        );
        check(calls, 'call list', A.callerName);
        // Searches: another site's booking is not found.
        const byCode = await look('GET /staff/bookings', role, `/staff/bookings?code=${B.code}`);
        check(byCode, 'lookup by code', undefined, [B.code]);
        if (other && byCode.status !== 403) assert.equal(byCode.status, 404);
        if (!other && byCode.status !== 403) assert.equal(byCode.location, `/staff/bookings/${B.booking}`);
        check(
          await look('POST /staff/bookings/search', role, '/staff/bookings/search', bravoPerson),
          'search by name',
          undefined,
          [B.person.givenName],
        );
        const desk = await call(role, 'GET', `/staff/sites/${A.site}/check-in?code=${B.code}`);
        check(desk, 'desk lookup by code', undefined, [B.code]);
        if (other && desk.status !== 403) assert.equal(desk.status, 404);
        const deskSearch = await call(role, 'POST', `/staff/sites/${A.site}/check-in/search`, bravoPerson);
        check(deskSearch, 'desk search', undefined, [B.person.givenName]);
        if (other && deskSearch.status !== 403) assert.equal(deskSearch.status, 404);
        // Pickers of the move and transfer forms; the "just taken" page's alternatives.
        check(await call(role, 'GET', `/staff/book/reschedule/${A.booking}/sites`), 'move: sites');
        check(await call(role, 'GET', `/staff/sites/${A.site}/inventory/transfer`), 'transfer form');
        const taken = await call(
          role,
          'GET',
          `/staff/book/${openProgram}/sites/${A.site}/slots/${A.fullSlot}?product=${product}`,
        );
        check(taken, 'just taken');
        if (role === 'call-agent') assert.ok(taken.text.includes(B.name), 'county-wide roles are offered every site');
      }
      for (const key of PROBED)
        if (
          ![
            'POST /staff/appointments/slots/import',
            'POST /staff/preregistration/:programId/match',
            'POST /staff/preregistration/:programId/standby',
          ].includes(key)
        )
          assert.ok(probed.has(key), `no probe for ${key}`);
    });

    it('another site in a body is refused as if it did not exist, and nothing changes there', async () => {
      const before = await stateOf(B);
      const manager = 'site-manager' as const;
      const transfer = await call(manager, 'POST', `/staff/sites/${A.site}/inventory/transfer`, {
        lotKey: `${product}::${A.lot}`,
        doses: '1',
        toSiteId: B.site,
      });
      assert.equal(transfer.status, 409);
      const apiTransfer = await call(manager, 'POST', `/api/v1/sites/${A.site}/inventory/transfers`, {
        productId: product,
        lot: A.lot,
        doses: '1',
        toSiteId: B.site,
      });
      assert.equal(apiTransfer.status, 404);
      const move = await call('site-staff', 'POST', `/api/v1/bookings/${A.booking}/reschedule`, { slotId: B.slot });
      assert.equal(move.status, 404);
      const csv = `site,program,date,time,durationMinutes,capacity\n${B.name},${openProgram},2030-02-04,09:00,15,4\n`;
      await call(manager, 'GET', '/staff/appointments/slots/import');
      assert.equal((await call(manager, 'POST', '/staff/appointments/slots/import', { csv })).status, 400);
      assert.equal(
        (await call(manager, 'POST', `/staff/preregistration/${prereg}/match`, { siteId: B.site })).status,
        400,
      );
      assert.equal((await call(manager, 'POST', `/staff/preregistration/${prereg}/match`, {})).status, 400);
      const standby = await call(manager, 'POST', `/staff/preregistration/${prereg}/standby`, {
        siteId: B.site,
        doses: '1',
        arriveBy: '14:00',
      });
      assert.equal(standby.status, 422);
      assert.deepEqual(await stateOf(B), before);
      // The same transfer to the reader's own other site would go through: the refusal is the scope, not the form.
      const admin = await call('admin', 'POST', `/api/v1/sites/${A.site}/inventory/transfers`, {
        productId: product,
        lot: A.lot,
        doses: '1',
        toSiteId: B.site,
      });
      assert.equal(admin.status, 201, admin.text);
    });
  });
}

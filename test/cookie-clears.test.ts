/**
 * Over HTTPS every cookie is cleared with the attributes it was set with (Path, Secure, HttpOnly, SameSite): a
 * browser refuses a `__Host-` cookie without `Secure`, so a clearing without it leaves the cookie in place (and a
 * clearing with another path clears another cookie). Walks every clearing: staff sign-out, the call agent's
 * read-out link, the booking details after booking, the waiting-room ticket when a pass replaces it.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { addGroup, addPhase, saveSettings, setPhase } from '../src/preregistration/index.js';
import { systemActor } from '../src/platform/audit/index.js';
import { createUserWithOneTimePassword } from '../src/staff/index.js';
import { signedInClient, startTestApp, TestClient, type Answer, type TestApp } from './support/app.js';
import { catalog } from './support/catalog-fixtures.js';
import { engines } from './support/db.js';

const NOW = Date.UTC(2030, 0, 7, 15);
const DAY = 86_400_000;
const PASSWORD = 'a long enough password';

interface SetCookie {
  name: string;
  value: string;
  /** Attributes (lower-case names) that must match between setting and clearing. */
  attributes: Record<string, string>;
  clears: boolean;
}

function setCookies(a: Answer): SetCookie[] {
  return a.headers.getSetCookie().map((line) => {
    const [pair = '', ...rest] = line.split(';').map((p) => p.trim());
    const i = pair.indexOf('=');
    const all = Object.fromEntries(
      rest.map((p) => {
        const j = p.indexOf('=');
        return j < 0 ? [p.toLowerCase(), 'yes'] : [p.slice(0, j).toLowerCase(), p.slice(j + 1)];
      }),
    );
    const { 'max-age': maxAge, expires, ...attributes } = all;
    if (attributes.samesite) attributes.samesite = attributes.samesite.toLowerCase();
    const clears = maxAge === '0' || /1970/.test(expires ?? '');
    return { name: pair.slice(0, i), value: pair.slice(i + 1), attributes, clears };
  });
}

const setting = (a: Answer, name: string) =>
  setCookies(a).find((c) => c.name === name && !c.clears) ?? assert.fail(`${name} is not set`);
const clearing = (a: Answer, name: string) =>
  setCookies(a).find((c) => c.name === name && c.clears) ?? assert.fail(`${name} is not cleared`);

for (const { engine, skip } of engines()) {
  describe(`cookies are cleared as they were set, over HTTPS (${engine})`, { skip }, () => {
    let app: TestApp;
    const ids = { program: '', product: '', site: '', slot: '' };
    const staff = async (email: string, role: 'admin' | 'call-agent') => {
      const r = await createUserWithOneTimePassword(
        { email, displayName: email, role },
        { db: app.tdb.db, now: () => NOW, actor: systemActor('test') },
      );
      assert.ok(r.ok);
      const c = await signedInClient(app.url, email, r.oneTimePassword);
      await c.get('/staff/account/password');
      await c.post('/staff/account/password', { current: r.oneTimePassword, password: PASSWORD, confirm: PASSWORD });
      return c;
    };

    before(async () => {
      app = await startTestApp(
        engine,
        {
          PUBLIC_URL: 'https://frontdoor.example.gov',
          RATE_LIMITS: 'off',
          WAITING_ROOM_MODE: 'auto',
          WAITING_ROOM_CAPACITY: '50',
        },
        { now: () => NOW },
      );
      const c = catalog({ db: app.tdb.db, now: () => NOW });
      ids.program = await c.program('open');
      ids.product = await c.product(ids.program);
      ids.site = await c.site({ doses: { [ids.product]: 10 } });
      ids.slot = await c.slot(ids.site, ids.program, NOW + 2 * DAY, 5);
    });
    after(() => app.close());

    it('staff sign-out clears the __Host- session cookie with Secure, Path=/, HttpOnly and SameSite', async () => {
      await staff(`out-${engine}@county.example`, 'admin');
      const c = new TestClient(app.url);
      await c.get('/staff/sign-in');
      const signedIn = await c.post('/staff/sign-in', { email: `out-${engine}@county.example`, password: PASSWORD });
      assert.equal(signedIn.status, 303);
      const set = setting(signedIn, '__Host-fd_staff');
      assert.deepEqual(set.attributes, { path: '/', httponly: 'yes', samesite: 'lax', secure: 'yes' });
      await c.get('/staff');
      const out = await c.post('/staff/sign-out', {});
      assert.equal(out.location, '/staff/sign-in?done=signed-out');
      const cleared = clearing(out, '__Host-fd_staff');
      assert.deepEqual(cleared.attributes, set.attributes, 'cleared with the attributes it was set with');
      assert.equal(cleared.value, '');
    });

    it('the call agent’s read-out link cookie is cleared as it was set', async () => {
      const program = await catalog({ db: app.tdb.db, now: () => NOW }).program('invitation');
      const product = await catalog({ db: app.tdb.db, now: () => NOW }).product(program);
      const deps = { ...app.built.deps, actor: systemActor('test') };
      await saveSettings(
        program,
        {
          minAge: 16,
          referenceDate: '2030-01-01',
          zips: [],
          counties: [],
          holdHours: 24,
          horizonDays: 14,
          smsYes: false,
          productId: product,
        },
        deps,
      );
      const phase = await addPhase(program, { nameEn: 'Phase 1', nameEs: 'Fase 1' }, deps);
      await addGroup(
        program,
        { phaseId: phase, nameEn: 'Everyone', nameEs: 'Todos', questionEn: '', questionEs: '', minAge: null },
        deps,
      );
      await setPhase(program, phase, 'open', deps);
      const agent = await staff(`agent-${engine}@county.example`, 'call-agent');
      const form = `/staff/preregistration/${program}/register`;
      await agent.get(form);
      const registered = await agent.post(form, {
        forWhom: 'self',
        givenName: 'Rosa',
        familyName: 'Caller',
        birthYear: '1950',
        birthMonth: '3',
        birthDay: '4',
        zip: '02109',
        phone: '617-555-0142',
        callMe: 'yes',
        language: 'en',
        maxMiles: '25',
      });
      assert.equal(registered.status, 303, registered.text.slice(0, 300));
      const set = setting(registered, 'fd_prereg_readout');
      assert.equal(set.attributes.secure, 'yes');
      const shown = await agent.get(registered.location ?? assert.fail());
      assert.match(shown.text, /https:\/\/frontdoor\.example\.gov\/preregister\/status\//, 'the link is read out once');
      assert.deepEqual(clearing(shown, 'fd_prereg_readout').attributes, set.attributes);
    });

    it('the booking details are cleared after booking, and the waiting-room ticket when a pass replaces it', async () => {
      const resident = new TestClient(app.url);
      const entered = await resident.get('/book');
      const pass = setting(entered, 'fd_wr_pass');
      assert.equal(pass.attributes.secure, 'yes');
      // The ticket (set like the pass) is cleared as the pass is given.
      assert.deepEqual(clearing(entered, 'fd_wr_ticket').attributes, pass.attributes);

      const seat = `/book/${ids.program}/sites/${ids.site}/slots/${ids.slot}`;
      await resident.get(`${seat}?product=${ids.product}`);
      const details = await resident.post(`${seat}?product=${ids.product}`, {
        forWhom: 'self',
        givenName: 'Ana',
        familyName: 'García',
        birthYear: '1980',
        birthMonth: '4',
        birthDay: '28',
        email: 'ana@example.com',
        language: 'en',
      });
      assert.equal(details.status, 303, details.text.slice(0, 300));
      const draft = setting(details, 'fd_booking');
      assert.equal(draft.attributes.secure, 'yes');
      const review = await resident.get(details.location ?? assert.fail());
      const key = /name="bookingKey" value="([^"]+)"/.exec(review.text)?.[1] ?? assert.fail('no key');
      const booked = await resident.post(`${seat}/confirm?product=${ids.product}`, {
        product: ids.product,
        bookingKey: key,
      });
      assert.equal(booked.status, 303, booked.text.slice(0, 300));
      assert.deepEqual(clearing(booked, 'fd_booking').attributes, draft.attributes);
      assert.equal(setting(booked, 'fd_manage').attributes.secure, 'yes');
    });
  });
}

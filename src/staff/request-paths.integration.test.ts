/**
 * The staff side of request paths (issue #15): a session cookie never authenticates the API however `/api` is
 * spelled (so the API's missing CSRF check cannot be used with cookies), and sign-in's `next=` always ends on a local
 * path — never another host, never a 500 — whatever it holds.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { signedInClient, startTestApp, TestClient, type TestApp } from '../../test/support/app.js';
import { engines } from '../../test/support/db.js';
import { HOSTILE_NEXT, otherSpellings } from '../../test/support/hostile-input.js';
import { systemActor } from '../platform/audit/index.js';
import { createUserWithOneTimePassword } from './index.js';

const EMAIL = 'admin@county.example';
const PASSWORD = 'a long enough password';

for (const { engine, skip } of engines()) {
  describe(`staff request paths (${engine})`, { skip }, () => {
    let app: TestApp;
    let admin: TestClient;
    const programs = async () =>
      Number(
        (
          await app.tdb.db.kysely
            .selectFrom('programs')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );

    before(async () => {
      app = await startTestApp(engine, { RATE_LIMITS: 'off' });
      const r = await createUserWithOneTimePassword(
        { email: EMAIL, displayName: 'Admin', role: 'admin' },
        { db: app.tdb.db, now: Date.now, actor: systemActor('test') },
      );
      assert.ok(r.ok);
      admin = await signedInClient(app.url, EMAIL, r.oneTimePassword);
      await admin.get('/staff/account/password');
      const changed = await admin.post('/staff/account/password', {
        current: r.oneTimePassword,
        password: PASSWORD,
        confirm: PASSWORD,
      });
      assert.equal(changed.status, 303);
      assert.equal((await admin.get('/staff')).status, 200, 'the cookie opens the console');
    });
    after(async () => app.close());

    it('never lets the session cookie into the API, however /api is spelled', async () => {
      assert.equal((await admin.raw('GET', '/api/v1/me')).status, 401);
      for (const variant of otherSpellings('/api/v1/me')) {
        const r = await admin.raw('GET', variant);
        const what = `GET ${variant} → ${r.status} ${r.location ?? ''}`;
        assert.notEqual(r.status, 200, what);
        // Not found, or the API itself (a trailing slash, an absolute-form target): no token, 401.
        if (r.status === 404 || r.status === 401) continue;
        assert.deepEqual([r.status, r.location], [308, '/api/v1/me'], what);
        assert.equal((await admin.raw('GET', r.location ?? '')).status, 401, what);
      }
      const before = await programs();
      const body = JSON.stringify({ name: 'Sneaky', bookingMode: 'open' });
      const json = { 'content-type': 'application/json' };
      assert.equal((await admin.raw('POST', '/api/v1/programs', json, body)).status, 401);
      for (const variant of otherSpellings('/api/v1/programs')) {
        const r = await admin.raw('POST', variant, json, body);
        // Not found (another spelling), refused for the missing CSRF token (a path that is not the API), or the API
        // itself (a trailing slash, an absolute-form target) without a token.
        assert.ok([401, 403, 404].includes(r.status), `POST ${variant} → ${r.status}`);
      }
      assert.equal(await programs(), before, 'nothing was created');
    });

    it('ends sign-in on a local path whatever next= holds, and never answers 500', async () => {
      const origin = new URL(app.url).origin;
      for (const next of HOSTILE_NEXT) {
        const c = new TestClient(app.url);
        const page = await c.get(`/staff/sign-in?next=${encodeURIComponent(next)}`);
        assert.equal(page.status, 200, JSON.stringify(next));
        const kept = /name="next" value="([^"]*)"/.exec(page.text)?.[1];
        assert.equal(kept, undefined, `the page keeps no hostile next (${JSON.stringify(next)} → ${kept ?? ''})`);
      }
      // Signing in costs a password hash: the values that broke the Location header or left the site, and a few more.
      const posted = [
        '\u3002',
        '\n',
        '\0',
        '/\t/evil.example',
        '//evil.example',
        '/\\evil.example',
        'https://evil.example',
        '/%2F%2Fevil.example',
        'javascript:alert(1)',
        '/' + 'a'.repeat(5000),
      ];
      for (const next of posted) {
        const c = new TestClient(app.url);
        await c.get('/staff/sign-in');
        const r = await c.post('/staff/sign-in', { email: EMAIL, password: PASSWORD, next });
        assert.equal(r.status, 303, JSON.stringify(next));
        assert.equal(
          new URL(r.location ?? '', app.url).origin,
          origin,
          `${JSON.stringify(next)} → ${r.location ?? ''}`,
        );
        assert.equal(r.location, '/staff', JSON.stringify(next));
      }
      const wrong = new TestClient(app.url);
      await wrong.get('/staff/sign-in');
      const refused = await wrong.post('/staff/sign-in', { email: EMAIL, password: 'wrong', next: '/\u3002\n\0' });
      assert.equal(refused.status, 400, 'a failed sign-in with a hostile next shows the form again');
      // A real next, as the console's own sign-in redirect writes it, still leads back to the page asked for.
      const c = new TestClient(app.url);
      const asked = await c.get('/staff/users?page=1');
      assert.equal(asked.status, 303);
      const signIn = new URL(asked.location ?? '', app.url);
      const next = signIn.searchParams.get('next') ?? '';
      assert.equal(next, '/staff/users?page=1');
      await c.get(signIn.pathname + signIn.search);
      const r = await c.post('/staff/sign-in', { email: EMAIL, password: PASSWORD, next });
      assert.equal(r.location, '/staff/users?page=1');
    });
  });
}

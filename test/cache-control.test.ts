/**
 * No answer that may hold personal data or a secret link is kept by a browser or a shared cache (issue #15): API JSON
 * (a booking with its manage token, a booking read back, who a token is, errors), staff downloads and redirects all
 * carry `Cache-Control: no-store`; routes that chose their own caching (assets, the FHIR publication) keep it.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { signedInClient, startTestApp, TestClient, type TestApp } from './support/app.js';
import { catalog } from './support/catalog-fixtures.js';
import { engines } from './support/db.js';
import { createApiToken, createUserWithOneTimePassword } from '../src/staff/index.js';
import { systemActor } from '../src/platform/audit/index.js';
import { IMMUTABLE } from '../src/platform/http/assets.js';

const DAY = 86_400_000;

for (const { engine, skip } of engines()) {
  describe(`Cache-Control (${engine})`, { skip }, () => {
    let app: TestApp;
    let token = '';
    let slotId = '';
    let productId = '';

    before(async () => {
      app = await startTestApp(engine, { RATE_LIMITS: 'off', WAITING_ROOM_MODE: 'off' });
      const deps = { db: app.tdb.db, now: Date.now, actor: systemActor('test') };
      token = (await createApiToken({ name: 'integration', role: 'admin' }, deps)).token;
      const c = catalog({ db: app.tdb.db, now: Date.now });
      const programId = await c.program('open');
      productId = await c.product(programId);
      const siteId = await c.site({ doses: { [productId]: 5 } });
      slotId = await c.slot(siteId, programId, Math.ceil((Date.now() + 2 * DAY) / 3_600_000) * 3_600_000, 5);
    });
    after(async () => app.close());

    const api = async (method: string, path: string, o: { bearer?: string; body?: unknown } = {}) =>
      fetch(`${app.url}${path}`, {
        method,
        headers: {
          ...(o.bearer ? { authorization: `Bearer ${o.bearer}` } : {}),
          ...(o.body ? { 'content-type': 'application/json' } : {}),
        },
        ...(o.body ? { body: JSON.stringify(o.body) } : {}),
      });

    it('marks every API answer no-store', async () => {
      const booked = await api('POST', '/api/v1/bookings', {
        body: {
          slotId,
          productId,
          dose: 1,
          person: { givenName: 'Ana', familyName: 'Lopez', birthDate: '1980-04-02', language: 'en' },
        },
      });
      assert.equal(booked.status, 201);
      const { id, manageToken } = (await booked.json()) as { id: string; manageToken: string };
      const answers: [string, Response][] = [
        ['POST /api/v1/bookings', booked],
        ['GET /api/v1/bookings/{id}', await api('GET', `/api/v1/bookings/${id}`, { bearer: manageToken })],
        ['GET /api/v1/me', await api('GET', '/api/v1/me', { bearer: token })],
        ['GET /api/v1/availability', await api('GET', '/api/v1/availability')],
        ['GET /api/openapi.json', await api('GET', '/api/openapi.json')],
        ['GET /api/v1/bookings/{id} without a token', await api('GET', `/api/v1/bookings/${id}`)],
        ['POST /api/v1/programs, bad input', await api('POST', '/api/v1/programs', { bearer: token, body: {} })],
      ];
      for (const [what, r] of answers) assert.equal(r.headers.get('cache-control'), 'no-store', what);
      assert.deepEqual(
        answers.map(([, r]) => r.status),
        [201, 200, 200, 200, 200, 404, 400],
      );
    });

    it('marks staff downloads and redirects no-store, and keeps the caching routes chose', async () => {
      const r = await createUserWithOneTimePassword(
        { email: 'manager@county.example', displayName: 'M', role: 'admin' },
        { db: app.tdb.db, now: Date.now, actor: systemActor('test') },
      );
      assert.ok(r.ok);
      const staff = await signedInClient(app.url, 'manager@county.example', r.oneTimePassword);
      const redirect = await staff.get('/staff');
      assert.deepEqual([redirect.status, redirect.headers.get('cache-control')], [303, 'no-store']);
      await staff.get('/staff/account/password');
      const password = 'a long enough password';
      await staff.post('/staff/account/password', { current: r.oneTimePassword, password, confirm: password });
      const csv = await staff.get('/staff/appointments/slots/import/sample.csv');
      assert.equal(csv.status, 200);
      assert.match(csv.headers.get('content-type') ?? '', /^text\/csv/);
      assert.equal(csv.headers.get('cache-control'), 'no-store');

      const anyone = new TestClient(app.url);
      const publication = await anyone.get('/fhir/$bulk-publish');
      assert.match(publication.headers.get('cache-control') ?? '', /^public, max-age=\d+$/);
      const page = await anyone.get('/');
      const stylesheet = /href="(\/assets\/app\/app\.[0-9a-f]{12}\.css)"/.exec(page.text)?.[1] ?? '';
      assert.equal((await anyone.get(stylesheet)).headers.get('cache-control'), IMMUTABLE);
    });
  });
}

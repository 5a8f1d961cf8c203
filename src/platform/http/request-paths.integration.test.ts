/**
 * Request targets over HTTP (issue #15, ADR 0018): a target that cannot be decoded — a NUL or other control
 * character, a bad or overlong escape, a fragment, an over-long path — is the translated 404 page (JSON under /api/),
 * never a 500 or the router's raw 400; another spelling of a path is redirected to its one spelling (GET, HEAD) or
 * not found (other methods); an absolute-form target is read as its path. (No database work: SQLite only.)
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTestApp, TestClient, type TestApp } from '../../../test/support/app.js';

const MALFORMED = [
  '/assets/app/app.css%00.js',
  '/assets/app/app.css%00',
  '/assets/app/%0a',
  '/book%00',
  '/staff%0D%0Ax',
  '/x%7F',
  '/x%C2%85', // a C1 control
  '/assets/app/app.css%zz',
  '/assets/%',
  '/%',
  '/x%2',
  '/%C0%AE', // overlong '.'
  '/%C0%AF', // overlong '/'
  '/%E0%80%AF',
  '/%ED%A0%80', // a lone surrogate
  '/%FF',
  '/x#fragment',
  `/${'a'.repeat(3000)}`,
];

describe('request targets', () => {
  let app: TestApp;
  before(async () => {
    app = await startTestApp('sqlite', { RATE_LIMITS: 'off', WAITING_ROOM_MODE: 'off' });
  });
  after(async () => app.close());

  it('answers every malformed page path with the translated 404 page', async () => {
    const c = new TestClient(app.url);
    for (const target of MALFORMED) {
      for (const method of ['GET', 'HEAD', 'POST']) {
        const r = await c.raw(method, target, { 'accept-language': 'es' });
        const what = `${method} ${target.slice(0, 60)}`;
        assert.equal(r.status, 404, what);
        assert.match(r.headers.get('content-type') ?? '', /^text\/html/, what);
        assert.equal(r.headers.get('cache-control'), 'no-store', what);
        assert.match(r.headers.get('content-security-policy') ?? '', /default-src 'self'/, what);
        if (method === 'GET') assert.match(r.text, /No encontramos la página/, what);
      }
    }
  });

  it('answers malformed API paths with the JSON 404', async () => {
    const c = new TestClient(app.url);
    for (const tail of MALFORMED) {
      const target = `/api/v1${tail}`;
      const r = await c.raw('GET', target, { 'accept-language': 'es' });
      assert.equal(r.status, 404, target.slice(0, 60));
      assert.deepEqual(JSON.parse(r.text), { error: { code: 'not_found', message: 'Ese recurso no existe.' } });
    }
  });

  it('redirects another spelling of a page to its one spelling, query kept, and refuses it for other methods', async () => {
    const c = new TestClient(app.url);
    const r = await c.raw('GET', '/%73taff//sign-in/./?next=%2Fstaff&x=%zz');
    assert.deepEqual([r.status, r.location], [308, '/staff/sign-in/?next=%2Fstaff&x=%zz']);
    assert.equal((await c.raw('GET', r.location ?? '')).status, 200);
    assert.equal((await c.raw('HEAD', '/x/../healthz')).status, 308);
    assert.equal((await c.raw('POST', '/%73taff/sign-in', { 'content-type': 'text/plain' }, 'x')).status, 404);
    assert.equal((await c.raw('DELETE', '/api/v1/%62ookings/x')).status, 404);
  });

  it('reads an absolute-form target as its path', async () => {
    const c = new TestClient(app.url);
    const r = await c.raw('GET', 'http://elsewhere.example/healthz');
    assert.deepEqual([r.status, JSON.parse(r.text)], [200, { status: 'ok' }]);
    assert.equal((await c.raw('GET', 'http://elsewhere.example/%68ealthz')).location, '/healthz');
  });
});

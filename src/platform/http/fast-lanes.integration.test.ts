/**
 * Fast lanes over real HTTP: answered before Fastify's hooks, with the same answer through the ordinary route
 * (inject), security headers, cookies, locale, metrics, a JSON 500 when the handler fails, and everything else left
 * to Fastify.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import fastifyCookie from '@fastify/cookie';
import Fastify, { type FastifyInstance } from 'fastify';
import pino from 'pino';
import { createMetrics } from '../metrics/index.js';
import { fastLanes } from './fast-lanes.js';

describe('fast lanes', () => {
  let app: FastifyInstance;
  let base = '';
  let hooks = 0;
  const metrics = createMetrics();

  before(async () => {
    const lanes = fastLanes({ defaultLocale: 'en', secureCookies: false, metrics, logger: pino({ level: 'silent' }) });
    app = Fastify({ serverFactory: lanes.serverFactory });
    await app.register(fastifyCookie);
    app.decorateRequest('locale', 'en');
    app.addHook('onRequest', async (request) => {
      hooks++;
      request.locale = request.headers['accept-language']?.startsWith('es') ? 'es' : 'en';
    });
    lanes.install(app);
    app.fastLane('/poll', (request) => {
      if (request.query.get('fail') === '1') throw new Error('boom');
      if (!request.cookies.seen)
        request.setCookie('seen', '1', { path: '/', httpOnly: true, sameSite: 'lax', secure: false, maxAge: 10 });
      return { body: { locale: request.locale, seen: request.cookies.seen ?? null, q: request.query.get('q') } };
    });
    app.get('/other', async () => ({ other: true }));
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.server.address();
    base = typeof address === 'object' && address ? `http://127.0.0.1:${address.port}` : '';
  });
  after(() => app.close());

  it('answers before the request hooks, as JSON with the security headers and cookies', async () => {
    const before = hooks;
    const r = await fetch(`${base}/poll?q=x`, { headers: { cookie: 'fd_lang=es' } });
    assert.equal(r.status, 200);
    assert.deepEqual(await r.json(), { locale: 'es', seen: null, q: 'x' });
    assert.equal(hooks, before, 'no Fastify hook ran');
    assert.equal(r.headers.get('content-type'), 'application/json; charset=utf-8');
    assert.equal(r.headers.get('cache-control'), 'no-store');
    assert.equal(r.headers.get('x-content-type-options'), 'nosniff');
    assert.match(r.headers.get('content-security-policy') ?? '', /default-src 'none'/);
    assert.match(r.headers.getSetCookie()[0] ?? '', /^seen=1; Max-Age=10; Path=\/; HttpOnly; SameSite=Lax$/);
    const again = await fetch(`${base}/poll/`, { headers: { cookie: 'seen=1', 'accept-language': 'es-MX,es' } });
    assert.deepEqual(await again.json(), { locale: 'es', seen: '1', q: null }, 'a trailing slash is the same lane');
    assert.equal(again.headers.getSetCookie().length, 0);
    assert.equal(hooks, before);
  });

  it('gives the same answer through the ordinary route (inject, HEAD), hooks and all', async () => {
    const before = hooks;
    const r = await app.inject({ method: 'GET', url: '/poll?q=y', headers: { 'accept-language': 'es' } });
    assert.equal(r.statusCode, 200);
    assert.deepEqual(r.json(), { locale: 'es', seen: null, q: 'y' });
    assert.equal(hooks, before + 1);
    assert.equal(r.headers['cache-control'], 'no-store');
    const head = await fetch(`${base}/poll`, { method: 'HEAD' });
    assert.equal(head.status, 200);
    assert.equal(hooks, before + 2, 'HEAD went through Fastify');
  });

  it('answers a failing handler with a JSON 500, and counts every answer in the request histogram', async () => {
    const r = await fetch(`${base}/poll?fail=1`);
    assert.equal(r.status, 500);
    assert.equal(((await r.json()) as { error: { code: string } }).error.code, 'internal');
    const text = await metrics.registry.metrics();
    assert.match(text, /http_request_duration_seconds_count\{[^}]*route="\/poll"[^}]*status="500"[^}]*\} 1/);
    assert.match(text, /http_request_duration_seconds_count\{[^}]*route="\/poll"[^}]*status="200"[^}]*\} [2-9]/);
  });

  it('keeps idle connections as long as Fastify would (longer than a proxy’s upstream keep-alive)', () => {
    assert.equal(app.server.keepAliveTimeout, 72_000);
  });

  it('leaves every other path and method to Fastify', async () => {
    const before = hooks;
    assert.deepEqual(await (await fetch(`${base}/other`)).json(), { other: true });
    assert.equal((await fetch(`${base}/poll`, { method: 'POST' })).status, 404);
    assert.equal(hooks, before + 2);
  });
});

/**
 * Static assets: every asset a page links and every file its stylesheets refer to (USWDS fonts and images) has a
 * content-hashed URL that answers 200 with immutable caching; text assets and pages are compressed (br, gzip) as
 * the client accepts; plain and outdated names still answer, but are not cached as current.
 */
import assert from 'node:assert/strict';
import http from 'node:http';
import { after, before, describe, it } from 'node:test';
import zlib from 'node:zlib';
import { startTestApp, type TestApp } from '../../../test/support/app.js';
import { engines } from '../../../test/support/db.js';
import { assetUrl, IMMUTABLE } from './assets.js';

interface Raw {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

/** A plain HTTP GET that neither decompresses nor normalises the path (fetch does both). */
function rawGet(base: string, path: string, headers: Record<string, string> = {}): Promise<Raw> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const req = http.get({ hostname, port, path, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
  });
}

const assetLinks = (html: string) => [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((m) => m[1] ?? '');
const cssUrls = (css: string) =>
  [...css.matchAll(/url\(\s*['"]?([^'")]+)['"]?\s*\)/g)].map((m) => m[1] ?? '').filter((u) => !u.startsWith('data:'));

for (const { engine, skip } of engines()) {
  describe(`static assets (${engine})`, { skip }, () => {
    let app: TestApp;
    before(async () => {
      app = await startTestApp(engine);
    });
    after(() => app.close());

    it('every asset of a page, and every file its stylesheets use, is hashed, immutable and answers 200', async () => {
      const links = new Set<string>();
      for (const page of ['/', '/staff/sign-in?lang=es', '/book'])
        for (const l of assetLinks((await rawGet(app.url, page)).body.toString())) links.add(l);
      assert.ok(links.size >= 7, `links found: ${[...links].join(' ')}`);
      const fromCss = new Set<string>();
      for (const link of links) {
        assert.match(link, /\.[0-9a-f]{12}\.[a-z0-9]+$/, `${link} carries its content hash`);
        const r = await rawGet(app.url, link);
        assert.equal(r.status, 200, link);
        assert.equal(r.headers['cache-control'], IMMUTABLE, link);
        if (link.endsWith('.css')) {
          assert.equal(r.headers['content-type'], 'text/css; charset=utf-8');
          for (const u of cssUrls(r.body.toString())) fromCss.add(u.replace(/[?#].*$/, ''));
        }
      }
      assert.ok(
        [...fromCss].some((u) => u.endsWith('.woff2')),
        'USWDS fonts come through the stylesheet',
      );
      assert.ok(fromCss.size >= 30, `files referred to by the stylesheets: ${fromCss.size}`);
      for (const u of fromCss) {
        assert.match(u, /^\/assets\/uswds\/.+\.[0-9a-f]{12}\.[a-z0-9]+$/, `${u} is an absolute hashed URL`);
        const r = await rawGet(app.url, u);
        assert.equal(r.status, 200, u);
        assert.equal(r.headers['cache-control'], IMMUTABLE, u);
        if (u.endsWith('.woff2')) assert.equal(r.headers['content-type'], 'font/woff2');
      }
    });

    it('text assets come in brotli or gzip as accepted, and the same bytes uncompressed', async () => {
      const css = assetUrl('/assets/uswds/css/uswds.min.css');
      const identity = await rawGet(app.url, css);
      assert.equal(identity.headers['content-encoding'], undefined);
      assert.equal(identity.headers.vary, 'accept-encoding');
      const br = await rawGet(app.url, css, { 'accept-encoding': 'gzip, deflate, br' });
      assert.equal(br.headers['content-encoding'], 'br');
      assert.ok(br.body.length < identity.body.length / 4, `brotli: ${br.body.length} of ${identity.body.length}`);
      assert.deepEqual(zlib.brotliDecompressSync(br.body), identity.body);
      const gz = await rawGet(app.url, css, { 'accept-encoding': 'gzip' });
      assert.equal(gz.headers['content-encoding'], 'gzip');
      assert.deepEqual(zlib.gunzipSync(gz.body), identity.body);
      const refused = await rawGet(app.url, css, { 'accept-encoding': 'br;q=0, gzip;q=0' });
      assert.equal(refused.headers['content-encoding'], undefined);
      const png = await rawGet(app.url, assetUrl('/assets/uswds/img/us_flag_small.png'), { 'accept-encoding': 'br' });
      assert.equal(png.headers['content-encoding'], undefined, 'images are not compressed again');
    });

    it('pages are compressed too', async () => {
      const plain = await rawGet(app.url, '/');
      const br = await rawGet(app.url, '/', { 'accept-encoding': 'br' });
      assert.equal(br.headers['content-encoding'], 'br');
      assert.match(zlib.brotliDecompressSync(br.body).toString(), /<html lang="en"/);
      const gz = await rawGet(app.url, '/book?lang=es', { 'accept-encoding': 'gzip' });
      assert.equal(gz.headers['content-encoding'], 'gzip');
      assert.match(zlib.gunzipSync(gz.body).toString(), /<html lang="es"/);
      assert.equal(plain.headers['content-encoding'], undefined);
    });

    it('plain and outdated names answer without being cached as current; nothing outside the asset folders', async () => {
      const plain = await rawGet(app.url, '/assets/app/app.css');
      assert.equal(plain.status, 200);
      assert.equal(plain.headers['cache-control'], 'no-cache');
      const etag = plain.headers.etag ?? '';
      assert.match(etag, /^"[0-9a-f]{12}"$/);
      assert.equal((await rawGet(app.url, '/assets/app/app.css', { 'if-none-match': etag })).status, 304);
      const old = await rawGet(app.url, '/assets/app/app.000000000000.css');
      assert.equal(old.status, 200);
      assert.equal(old.headers['cache-control'], 'no-cache');
      assert.deepEqual(old.body, plain.body);
      assert.equal((await rawGet(app.url, '/assets/clinic/clinic.css')).status, 200, 'module roots are served');
      for (const bad of [
        '/assets/uswds/../../package.json',
        '/assets/uswds/%2e%2e/%2e%2e/package.json',
        '/assets/uswds/scss/uswds.scss',
        '/assets/app/nothing.css',
        '/assets/nowhere/app.css',
      ]) {
        // Dot-segments are redirected to the path they spell (ADR 0018), which is not an asset either.
        const r = await rawGet(app.url, bad);
        const then = r.status === 308 ? await rawGet(app.url, r.headers.location ?? '') : r;
        assert.equal(then.status, 404, bad);
      }
    });
  });
}

/**
 * Load hygiene in Chromium: a page loads every asset from hashed, immutable URLs — the USWDS fonts the stylesheet
 * names included — compressed, with no CSP complaint; and the "too many tries" page a resident meets over a limit
 * is accessible (axe) in English and Spanish.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { IMMUTABLE } from '../../src/platform/http/assets.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { describeViolations, launchBrowser, runAxe } from '../support/browser.js';

describe('load hygiene in Chromium', () => {
  let app: TestApp;
  let browser: Browser;
  before(async () => {
    app = await startTestApp('sqlite', { RATE_LIMITS: 'on', SIGN_IN_RATE_PER_PERSON_PER_HOUR: '1' });
    browser = await launchBrowser();
  });
  after(async () => {
    await browser.close();
    await app.close();
  });

  it('a page loads its CSS, scripts, images and fonts from hashed, immutable, compressed URLs', async () => {
    const ctx = await browser.newContext();
    const page = await ctx.newPage();
    const problems: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(m.text());
    });
    const assets: { url: string; status: number; cache: string; encoding: string }[] = [];
    page.on('response', (r) => {
      const path = new URL(r.url()).pathname;
      if (!path.startsWith('/assets/')) return;
      const h = r.headers();
      assets.push({
        url: path,
        status: r.status(),
        cache: h['cache-control'] ?? '',
        encoding: h['content-encoding'] ?? '',
      });
    });
    await page.goto(`${app.url}/?lang=es`);
    const fonts = await page.evaluate(async () => {
      await document.fonts.ready;
      // The heading and body text use the USWDS fonts: make sure they were asked for and arrived.
      return [...document.fonts].filter((f) => f.status === 'loaded').map((f) => f.family);
    });
    await ctx.close();
    assert.deepEqual(problems, [], 'no console errors (CSP, missing files)');
    assert.ok(
      fonts.some((f) => /source sans/i.test(f)),
      `USWDS fonts loaded: ${fonts.join(', ')}`,
    );
    assert.ok(
      assets.some((a) => a.url.endsWith('.woff2')),
      'a font came through the stylesheet',
    );
    for (const a of assets) {
      assert.equal(a.status, 200, a.url);
      assert.match(a.url, /\.[0-9a-f]{12}\.[a-z0-9]+$/, a.url);
      assert.equal(a.cache, IMMUTABLE, a.url);
    }
    const css = assets.find((a) => a.url.includes('uswds.min.'));
    assert.equal(css?.encoding, 'br', 'Chromium gets the stylesheet in brotli');
  });

  for (const locale of ['en', 'es'] as const) {
    it(`the "too many tries" page is accessible (${locale})`, async () => {
      const ctx = await browser.newContext({ locale });
      const page = await ctx.newPage();
      const email = `busy-${locale}@county.example`;
      for (let i = 0; i < 2; i++) {
        await page.goto(`${app.url}/staff/sign-in?lang=${locale}`);
        await page.fill('#email', email);
        await page.fill('#password', 'not the password at all');
        await page.click('main form button[type=submit]');
      }
      assert.equal(await page.locator('h1').textContent(), locale === 'es' ? 'Demasiados intentos' : 'Too many tries');
      assert.equal(await page.locator('html').getAttribute('lang'), locale);
      const violations = await runAxe(page);
      assert.equal(violations.length, 0, describeViolations(violations));
      await ctx.close();
    });
  }
});

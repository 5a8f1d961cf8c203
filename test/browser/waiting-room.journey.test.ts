/**
 * The waiting room in Chromium: with JavaScript OFF (the page reloads itself; "Check my place now" takes the visitor
 * on when it is their turn) and ON in Spanish (the script asks the status endpoint, updates the polite live region
 * and goes on by itself). The booking flow is full (capacity 1, one visitor in it) until staff raise the capacity.
 * axe (WCAG 2.2 AA + best practice) runs on the waiting page and on the staff console page; screenshots at 390px
 * and 1280px under test-results/screenshots/waiting-room-*.png.
 */
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { systemActor } from '../../src/platform/audit/index.js';
import { createUserWithOneTimePassword } from '../../src/staff/index.js';
import { updateSettings } from '../../src/waiting-room/index.js';
import { signedInClient, startTestApp, TestClient, type TestApp } from '../support/app.js';
import { describeViolations, launchBrowser, runAxe } from '../support/browser.js';

const SHOTS = 'test-results/screenshots';

describe('waiting room journey in Chromium', () => {
  let app: TestApp;
  let browser: Browser;
  let axePage: Page;
  const settings = (mode: 'auto' | 'on' | 'off', capacity: number) =>
    updateSettings(
      { mode, capacity, ratePerMinute: null },
      { db: app.tdb.db, now: Date.now, actor: systemActor('test') },
    );

  async function shots(page: Page, name: string): Promise<void> {
    for (const width of [390, 1280]) {
      await page.setViewportSize({ width, height: 900 });
      await page.screenshot({ path: `${SHOTS}/waiting-room-${name}-${width}.png`, fullPage: true });
    }
  }
  async function axeOn(page: Page, name: string): Promise<void> {
    const violations = await runAxe(page);
    assert.equal(violations.length, 0, `${name} (${page.url()}):\n${describeViolations(violations)}`);
  }
  /** axe on a copy of the page (axe needs script; a JavaScript-off page has none). */
  async function axeCopy(html: string, name: string): Promise<void> {
    await axePage.setContent(html, { waitUntil: 'load' });
    await axeOn(axePage, name);
  }
  /** The flow is full: staff turn the room on for one visitor, and someone is in. */
  async function fullFlow(): Promise<void> {
    await settings('off', 1);
    assert.equal((await new TestClient(app.url).get('/book')).status, 200);
    await settings('on', 1);
  }

  before(async () => {
    mkdirSync(SHOTS, { recursive: true });
    app = await startTestApp('sqlite', { RATE_LIMITS: 'off' });
    browser = await launchBrowser();
    axePage = await (await browser.newContext()).newPage();
    // On our origin, so the copied page's stylesheets load.
    await axePage.goto(`${app.url}/healthz`);
  });
  after(async () => {
    await browser?.close();
    await app?.close();
  });

  it('JavaScript off: waits with its number, reloads itself, and goes on when it is its turn', async () => {
    await fullFlow();
    const ctx = await browser.newContext({ javaScriptEnabled: false });
    const page = await ctx.newPage();
    const res = await page.goto(`${app.url}/book`);
    assert.equal(res?.status(), 200);
    assert.equal(new URL(page.url()).pathname, '/waiting-room');
    assert.equal(await page.locator('h1').textContent(), 'You are in line');
    assert.match((await page.locator('[data-line="position"]').textContent()) ?? '', /Your number in line: \d+/);
    assert.equal(await page.locator('[data-line="ahead"]').textContent(), 'You are next.');
    assert.match((await page.locator('[data-line="eta"]').textContent()) ?? '', /cannot estimate your wait yet/);
    // Without script, the <noscript> refresh is live and the visitor is told how to stop it.
    assert.equal(await page.locator('meta[http-equiv="refresh"]').getAttribute('content'), '25');
    assert.equal(await page.getByRole('link', { name: 'Stop reloading this page by itself' }).count(), 1);
    await axeCopy(await page.content(), 'waiting, JavaScript off');
    await shots(page, 'nojs');
    // A reload keeps the place.
    const before = await page.locator('[data-line="position"]').textContent();
    await page.reload();
    assert.equal(await page.locator('[data-line="position"]').textContent(), before);
    // Staff make room; a second later the line moves and "Check my place now" goes on into the booking pages.
    await settings('on', 2);
    await new Promise((r) => setTimeout(r, 1100));
    await page.getByRole('link', { name: 'Check my place now' }).click();
    await page.waitForLoadState('load');
    assert.equal(new URL(page.url()).pathname, '/book');
    assert.notEqual(await page.locator('h1').textContent(), 'You are in line');
    await ctx.close();
  });

  it('JavaScript on, in Spanish: the live region updates and the page goes on by itself', async () => {
    await fullFlow();
    const ctx = await browser.newContext();
    const page = await ctx.newPage();
    await page.goto(`${app.url}/book?lang=es`);
    assert.equal(new URL(page.url()).pathname, '/waiting-room');
    assert.equal(await page.locator('h1').textContent(), 'Está en la fila');
    assert.equal(await page.locator('#waiting-status').getAttribute('aria-live'), 'polite');
    // With script on, nothing reloads the page under a screen reader.
    assert.equal(await page.locator('meta[http-equiv="refresh"]').count(), 0);
    await axeOn(page, 'waiting, JavaScript on, es');
    await shots(page, 'js-es');
    await settings('on', 10);
    // The script asks every 10 seconds.
    await page.waitForURL((u) => u.pathname === '/book', { timeout: 25_000 });
    assert.equal(await page.locator('html').getAttribute('lang'), 'es');
    await ctx.close();
  });

  it('the staff console page passes axe', async () => {
    const r = await createUserWithOneTimePassword(
      { email: 'ops@county.example', displayName: 'Ops', role: 'admin' },
      { db: app.tdb.db, now: Date.now, actor: systemActor('test') },
    );
    assert.ok(r.ok);
    const c = await signedInClient(app.url, 'ops@county.example', r.oneTimePassword);
    await c.get('/staff/account/password');
    await c.post('/staff/account/password', {
      current: r.oneTimePassword,
      password: 'a long enough password',
      confirm: 'a long enough password',
    });
    const page = await c.get('/staff/waiting-room');
    assert.equal(page.status, 200);
    await axeCopy(page.text, 'staff console');
    await c.get('/staff/waiting-room');
    const bad = await c.post('/staff/waiting-room', { mode: 'on', capacity: '0' });
    assert.equal(bad.status, 400);
    await axeCopy(bad.text, 'staff console with errors');
  });
});

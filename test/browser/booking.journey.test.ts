/**
 * The resident booking journey in Chromium over the demo data: with JavaScript OFF (English) and ON (Spanish),
 * from the home page to the confirmation, the "just taken" page, the manage page, moving and cancelling. axe
 * (WCAG 2.2 AA + best practice) runs on every page, error states included, and each page is photographed at a
 * phone width (390px) and a desktop width (1280px) under test-results/screenshots/booking-*.png. The staff
 * "book for a caller" steps are checked in both languages too.
 */
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { systemActor } from '../../src/platform/audit/index.js';
import { createUserWithOneTimePassword } from '../../src/staff/index.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { describeViolations, launchBrowser, runAxe } from '../support/browser.js';

const SHOTS = 'test-results/screenshots';
const PASSWORD = 'quiet river morning light';

/** Where axe runs for pages shown with JavaScript off (axe itself needs script): set by the suite. */
let axePage: Page | null = null;
/** Pages opened with JavaScript disabled. */
const noScript = new WeakSet<Page>();

/**
 * axe on the page as it stands, then a phone-width and a desktop-width screenshot. A page without JavaScript is
 * copied as it is (error states and POST answers included) into a page of the same origin that can run axe.
 */
async function check(page: Page, name: string): Promise<void> {
  let target = page;
  if (noScript.has(page)) {
    if (!axePage) throw new Error('no axe page');
    await axePage.setContent(await page.content(), { waitUntil: 'load' });
    target = axePage;
  }
  const violations = await runAxe(target);
  for (const width of [390, 1280]) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: `${SHOTS}/booking-${name}-${width}.png`, fullPage: true });
  }
  assert.equal(violations.length, 0, `${name} (${page.url()}):\n${describeViolations(violations)}`);
}

async function go(page: Page, url: string, name: string, status = 200): Promise<void> {
  const res = await page.goto(url);
  assert.equal(res?.status(), status, `${url} answered ${res?.status()}`);
  await check(page, name);
}

/** Click and wait for the next page (forms and links both navigate: no script needed). */
async function follow(page: Page, selector: string): Promise<void> {
  await Promise.all([page.waitForLoadState('load'), page.locator(selector).first().click()]);
  await page.waitForLoadState('load');
}

describe('resident booking journey in Chromium', () => {
  let app: TestApp;
  let browser: Browser;
  before(async () => {
    mkdirSync(SHOTS, { recursive: true });
    app = await startTestApp('sqlite', { SEED_DEMO: 'true', RATE_LIMITS: 'off' });
    browser = await launchBrowser();
    axePage = await (await browser.newContext()).newPage();
    await axePage.goto(`${app.url}/healthz`);
  });
  after(async () => {
    await browser?.close();
    await app?.close();
  });

  for (const { lang, js } of [
    { lang: 'en', js: false },
    { lang: 'es', js: true },
  ] as const) {
    it(`books, sees a seat taken, moves and cancels (${lang}, JavaScript ${js ? 'on' : 'off'})`, async () => {
      const ctx = await browser.newContext({ javaScriptEnabled: js });
      const page = await ctx.newPage();
      if (!js) noScript.add(page);
      const n = (step: string) => `${step}-${lang}${js ? '-js' : ''}`;
      await go(page, `${app.url}/?lang=${lang}`, n('home'));
      await follow(page, 'a[href="/book"]');
      assert.match(page.url(), /\/book$/);
      await check(page, n('programs'));
      await follow(page, 'main a.usa-button[href^="/book/"]');
      await check(page, n('sites'));

      // An unknown ZIP is a translated form error; a real one sorts by distance.
      await page.fill('#zip', '00000');
      await follow(page, 'form[role=search] button[type=submit]');
      assert.equal(await page.locator('.usa-error-message').count(), 1);
      await check(page, n('sites-error'));
      await page.fill('#zip', '10001');
      await page.click('label[for="access-wheelchair"]');
      await follow(page, 'form[role=search] button[type=submit]');
      assert.ok((await page.locator('.usa-collection__item').count()) >= 1);
      await check(page, n('sites-results'));

      await follow(page, '.usa-collection__item a.usa-button');
      await check(page, n('times'));
      await follow(page, 'a.fd-time');
      await check(page, n('details'));
      const seatUrl = page.url();

      // Nothing filled in: every problem at once, in the summary and inline.
      await follow(page, 'main form button[type=submit]');
      assert.ok((await page.locator('.usa-error-message').count()) >= 4);
      if (js) assert.equal(await page.evaluate(() => document.activeElement?.hasAttribute('data-error-summary')), true);
      await check(page, n('details-errors'));
      await page.click('label[for="forWhom-other"]');
      await page.fill('#givenName', 'Rosa');
      await page.fill('#familyName', `Núñez ${lang}`);
      await page.selectOption('#birthMonth', '7');
      await page.fill('#birthDay', '14');
      await page.fill('#birthYear', '1951');
      await page.fill('#email', 'rosa@example.com');
      await page.click(`label[for="language-${lang}"]`);
      await follow(page, 'main form button[type=submit]');
      assert.match(page.url(), /\/review\?product=/);
      await check(page, n('review'));

      // Someone takes the last seat while Rosa reads the review: the "just taken" page, never an error page.
      const slotId = /\/slots\/([^/?]+)/.exec(seatUrl)?.[1] ?? '';
      await app.tdb.db.kysely
        .updateTable('slots')
        .set((eb) => ({ booked: eb.ref('capacity') }))
        .where('id', '=', slotId)
        .execute();
      await follow(page, 'form[data-submit-once] button[type=submit]');
      assert.equal(await page.locator('h1').count(), 1);
      assert.match(await page.locator('h1').innerText(), lang === 'en' ? /just taken/ : /acaba de tomar/);
      await check(page, n('taken'));
      await follow(page, 'main a.fd-time');
      assert.match(page.url(), /\/review\?product=/);
      await follow(page, 'form[data-submit-once] button[type=submit]');
      assert.match(page.url(), /\/my-appointment\/[^/]+\/confirmation$/);
      await check(page, n('confirmation'));
      const code = (await page.locator('.fd-code').innerText()).trim();
      assert.match(code, /^[A-Z0-9]{8}$/);
      assert.equal(await page.locator('.fd-qr svg').count(), 1);
      const icsHref = await page.locator('a[download]').first().getAttribute('href');
      const ics = await page.request.get(`${app.url}${icsHref}`);
      assert.match(await ics.text(), /BEGIN:VEVENT/);

      // Manage: move to another time, then cancel.
      await follow(page, 'main a.usa-button--outline[href^="/my-appointment/"]');
      assert.match(page.url(), /\/my-appointment\/[^/]+$/);
      await check(page, n('manage'));
      await follow(page, 'a[href$="/reschedule"]');
      await check(page, n('move-times'));
      await follow(page, 'a.fd-time');
      await check(page, n('move-review'));
      await follow(page, 'form[data-submit-once] button[type=submit]');
      assert.match(page.url(), /done=moved/);
      await check(page, n('manage-moved'));
      assert.equal((await page.locator('.fd-code').innerText()).trim(), code, 'the code stays');
      await follow(page, 'a[href$="/cancel"]');
      await check(page, n('cancel'));
      await follow(page, 'main form button[type=submit]');
      assert.match(page.url(), /done=cancelled/);
      await check(page, n('manage-cancelled'));

      // A wrong link: a translated 403 page.
      const id = /\/my-appointment\/([^/?]+)/.exec(page.url())?.[1] ?? '';
      const fresh = await browser.newContext({ javaScriptEnabled: js });
      const other = await fresh.newPage();
      if (!js) noScript.add(other);
      await go(other, `${app.url}/my-appointment/${id}?token=wrong&lang=${lang}`, n('link-invalid'), 403);
      await fresh.close();
      await ctx.close();
    });
  }

  for (const lang of ['en', 'es'] as const) {
    it(`staff book for a caller in the console (${lang})`, async () => {
      const email = `agent-${lang}@county.example`;
      const user = await createUserWithOneTimePassword(
        { email, displayName: 'Cal Agent', role: 'call-agent' },
        { db: app.tdb.db, now: Date.now, actor: systemActor('test') },
      );
      assert.ok(user.ok);
      const ctx = await browser.newContext({ javaScriptEnabled: false });
      const page = await ctx.newPage();
      noScript.add(page);
      await page.goto(`${app.url}/staff/sign-in?lang=${lang}`);
      await page.fill('#email', email);
      await page.fill('#password', user.oneTimePassword);
      await follow(page, 'main form button[type=submit]');
      await page.fill('#current', user.oneTimePassword);
      await page.fill('#password', PASSWORD);
      await page.fill('#confirm', PASSWORD);
      await follow(page, 'main form button[type=submit]');
      const n = (step: string) => `staff-${step}-${lang}`;
      await go(page, `${app.url}/staff/book`, n('programs'));
      await follow(page, 'main a.usa-button[href^="/staff/book/"]');
      await check(page, n('sites'));
      await follow(page, '.usa-collection__item a.usa-button');
      await check(page, n('times'));
      await follow(page, 'a.fd-time');
      await check(page, n('details'));
      await page.click('label[for="forWhom-other"]');
      await page.fill('#givenName', 'Caller');
      await page.fill('#familyName', lang === 'en' ? 'One' : 'Dos');
      await page.selectOption('#birthMonth', '1');
      await page.fill('#birthDay', '2');
      await page.fill('#birthYear', '1960');
      await follow(page, 'main form button[type=submit]');
      await check(page, n('review'));
      await follow(page, 'form[data-submit-once] button[type=submit]');
      assert.match(page.url(), /\/staff\/book\/confirmation\//);
      await check(page, n('confirmation'));
      await follow(page, 'main a.usa-button--outline[href^="/staff/book/manage/"]');
      await check(page, n('manage'));
      await ctx.close();
    });
  }
});

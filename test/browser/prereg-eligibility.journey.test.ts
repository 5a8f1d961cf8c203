/**
 * The eligibility editor in Chromium, JavaScript off: a site manager sets up pre-registration for a program (the
 * settings, with their error state), adds a phase and a group with a self-attested question in English and
 * Spanish, opens the phase, and uploads a ZIP weight CSV file (a bad file first: problems by row, nothing changed).
 * Then a resident, in English and in Spanish, sees the county question and the new question in the screener, is
 * eligible by county, and finds the question and the preferred sites on the registration form. axe (WCAG 2.2 AA +
 * best practice) runs on every page; screenshots at 390px and 1280px under test-results/screenshots/elig-*.png.
 */
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { systemActor } from '../../src/platform/audit/index.js';
import { createUserWithOneTimePassword } from '../../src/staff/index.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { describeViolations, launchBrowser, runAxe } from '../support/browser.js';
import { catalog } from '../support/catalog-fixtures.js';

const SHOTS = 'test-results/screenshots';
const DAY = 86_400_000;

describe('eligibility editor journey in Chromium (JavaScript off)', () => {
  let app: TestApp;
  let browser: Browser;
  let axePage: Page;
  let program = '';
  let site = '';

  /** axe on a copy of the page (axe needs script; the page has none), then two screenshots. */
  async function check(page: Page, name: string): Promise<void> {
    await axePage.setContent(await page.content(), { waitUntil: 'load' });
    const violations = await runAxe(axePage);
    for (const width of [390, 1280]) {
      await page.setViewportSize({ width, height: 900 });
      await page.screenshot({ path: `${SHOTS}/elig-${name}-${width}.png`, fullPage: true });
    }
    assert.equal(violations.length, 0, `${name} (${page.url()}):\n${describeViolations(violations)}`);
  }
  async function submit(page: Page, selector: string, status = 200): Promise<void> {
    const [res] = await Promise.all([page.waitForNavigation(), page.locator(selector).first().click()]);
    assert.equal(res?.status(), status, `${page.url()} answered ${res?.status()}`);
  }
  async function follow(page: Page, selector: string): Promise<void> {
    await Promise.all([page.waitForNavigation(), page.locator(selector).first().click()]);
  }

  before(async () => {
    mkdirSync(SHOTS, { recursive: true });
    app = await startTestApp('sqlite', { RATE_LIMITS: 'off' });
    const c = catalog({ db: app.tdb.db, now: Date.now });
    program = await c.program('invitation');
    await c.product(program);
    site = await c.site({ postalCode: '02108' });
    await c.slot(site, program, Date.now() + 3 * DAY, 2);
    browser = await launchBrowser();
    axePage = await (await browser.newContext()).newPage();
    await axePage.goto(`${app.url}/healthz`);
  });
  after(async () => {
    await browser?.close();
    await app?.close();
  });

  it('a site manager defines eligibility and uploads ZIP weights', async () => {
    const email = 'editor@county.example';
    const user = await createUserWithOneTimePassword(
      { email, displayName: 'Site Manager', role: 'site-manager' },
      { db: app.tdb.db, now: Date.now, actor: systemActor('test') },
    );
    assert.ok(user.ok);
    const ctx = await browser.newContext({ javaScriptEnabled: false });
    const page = await ctx.newPage();
    await page.goto(`${app.url}/staff/sign-in?lang=en`);
    await page.fill('#email', email);
    await page.fill('#password', user.oneTimePassword);
    await submit(page, 'main form button[type=submit]');
    await page.fill('#current', user.oneTimePassword);
    await page.fill('#password', 'quiet river morning light');
    await page.fill('#confirm', 'quiet river morning light');
    await submit(page, 'main form button[type=submit]');

    await page.goto(`${app.url}/staff/preregistration`);
    await follow(page, 'a[href="/staff/preregistration/setup"]');
    await check(page, 'setup');
    await follow(page, `a[href="/staff/preregistration/${program}/eligibility"]`);
    await check(page, 'overview-new');
    await follow(page, 'a[href$="/eligibility/settings"]');
    await check(page, 'settings');
    await page.fill('#minAge', 'sixteen');
    await submit(page, 'main form button[type=submit]', 400);
    await check(page, 'settings-errors');
    await page.fill('#minAge', '16');
    await page.fill('#referenceDate', '2030-01-01');
    await page.fill('#zips', '02108');
    await page.fill('#counties', 'Suffolk\nMiddlesex');
    await submit(page, 'main form button[type=submit]');
    assert.match(await page.locator('main').innerText(), /The settings were saved/);

    await follow(page, 'a[href$="/eligibility/phases/new"]');
    await check(page, 'phase-new');
    await page.fill('#nameEn', 'Essential workers');
    await page.fill('#nameEs', 'Trabajadores esenciales');
    await submit(page, 'main form button[type=submit]');
    await follow(page, 'a[href$="/eligibility/groups/new"]');
    await check(page, 'group-new');
    await page.fill('#nameEn', 'Grocery workers');
    await page.fill('#nameEs', 'Trabajadores de supermercados');
    await page.fill('#questionEn', 'Do you work in a grocery store?');
    await submit(page, 'main form button[type=submit]', 400);
    await check(page, 'group-errors');
    await page.fill('#questionEs', '¿Trabaja en un supermercado?');
    await submit(page, 'main form button[type=submit]');
    assert.match(await page.locator('main').innerText(), /The group was added/);
    await check(page, 'overview');

    await page.goto(`${app.url}/staff/preregistration/${program}`);
    await follow(page, 'a[href$="/eligibility/zip-weights"]');
    await check(page, 'weights-empty');
    await page.setInputFiles('#csv-file', {
      name: 'svi.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from('zip,weight\n02108,3\n2109,1\n'),
    });
    await submit(page, 'main form[action$="/zip-weights"] button[type=submit]', 400);
    await check(page, 'weights-problems');
    await page.setInputFiles('#csv-file', {
      name: 'svi.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from('zip,weight\n02108,3\n02109,1.5\n'),
    });
    await page.fill('#csv', '');
    await submit(page, 'main form[action$="/zip-weights"] button[type=submit]');
    assert.match(await page.locator('main').innerText(), /2 ZIP weights were uploaded/);
    await check(page, 'weights');

    await page.goto(`${app.url}/staff/preregistration/${program}`);
    await submit(page, 'main form[action*="/phases/"] button');
    assert.match(await page.locator('main').innerText(), /Close Essential workers/);
    await ctx.close();
  });

  for (const lang of ['en', 'es'] as const) {
    it(`a resident sees the county and the new question (${lang})`, async () => {
      const ctx = await browser.newContext({ javaScriptEnabled: false });
      const page = await ctx.newPage();
      const n = (step: string) => `resident-${step}-${lang}`;
      await page.goto(`${app.url}/preregister/${program}?lang=${lang}`);
      await check(page, n('screener'));
      const question = lang === 'es' ? '¿Trabaja en un supermercado?' : 'Do you work in a grocery store?';
      await page.selectOption('#birthMonth', '3');
      await page.fill('#birthDay', '4');
      await page.fill('#birthYear', '1990');
      await page.fill('#zip', '01901');
      await page.selectOption('#county', 'Middlesex');
      // USWDS draws its own box: the input itself sits off screen, so click the label as a person would.
      await page.locator('label.usa-checkbox__label', { hasText: question }).click();
      await submit(page, 'main form button[type=submit]');
      assert.match(
        await page.locator('h1').innerText(),
        lang === 'es' ? /Puede preinscribirse ahora/ : /You can pre-register now/,
      );
      await check(page, n('result'));
      await follow(page, 'a[href$="/register"]');
      await check(page, n('register'));
      assert.equal(await page.getByLabel(question).count(), 1);
      assert.equal(await page.locator(`input[name="preferredSites"][value="${site}"]`).count(), 1);
      assert.equal(await page.locator('#county option[value="Suffolk"]').count(), 1);
      await ctx.close();
    });
  }
});

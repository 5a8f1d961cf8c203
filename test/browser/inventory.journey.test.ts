/**
 * The inventory console and the CSV imports in Chromium: zero axe violations on every page (English and Spanish,
 * error states and the shortage review included), screenshots on a phone and a desktop, and the main journeys
 * with JavaScript disabled: receive doses, record waste that strands a booking and resolve it with notice, and
 * import sites by pasting CSV.
 */
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { systemActor } from '../../src/platform/audit/index.js';
import { createUserWithOneTimePassword, setUserSites } from '../../src/staff/index.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { describeViolations, launchBrowser, runAxe } from '../support/browser.js';
import { DAY, HOUR, inventoryFixture, type Fixture } from '../support/inventory-fixture.js';

const SHOTS = 'test-results/screenshots';
const PASSWORD = 'quiet river morning light';
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 900 };

async function axe(page: Page, name: string): Promise<void> {
  const violations = await runAxe(page);
  await page.screenshot({ path: `${SHOTS}/inventory-${name}.png`, fullPage: true });
  assert.equal(violations.length, 0, `${page.url()}:\n${describeViolations(violations)}`);
}

async function check(page: Page, url: string, name: string, expectStatus = 200): Promise<void> {
  const res = await page.goto(url);
  assert.equal(res?.status(), expectStatus, `${url} answered ${res?.status()}`);
  await axe(page, name);
}

async function signIn(page: Page, base: string, email: string, password: string): Promise<void> {
  await page.goto(`${base}/staff/sign-in`);
  await page.fill('#email', email);
  await page.fill('#password', password);
  await page.click('main form button[type=submit]');
}

describe('inventory pages in Chromium', () => {
  let app: TestApp;
  let browser: Browser;
  let f: Fixture;
  let siteA = '';
  let siteB = '';
  let slots: string[] = [];

  /** A site with 2 doses and 2 bookings: wasting 1 strands the later booking. */
  async function tightSite(name: string): Promise<string> {
    const s = await f.site(name, 2, 'LOT-TIGHT');
    const t0 = Date.now() + 2 * DAY;
    await f.book(await f.slot(s, t0), 1);
    await f.book(await f.slot(s, t0 + HOUR), 2);
    return s;
  }

  before(async () => {
    mkdirSync(SHOTS, { recursive: true });
    app = await startTestApp('sqlite', { RATE_LIMITS: 'off' });
    browser = await launchBrowser();
    const deps = { db: app.tdb.db, now: Date.now, actor: systemActor('test') };
    const admin = await createUserWithOneTimePassword(
      { email: 'stock@county.example', displayName: 'Stock Admin', role: 'admin' },
      deps,
    );
    assert.ok(admin.ok);
    const ctx = await browser.newContext();
    const page = await ctx.newPage();
    await signIn(page, app.url, 'stock@county.example', admin.oneTimePassword);
    await page.getByLabel('Current password').fill(admin.oneTimePassword);
    await page.getByLabel('New password', { exact: true }).fill(PASSWORD);
    await page.getByLabel('Type the new password again').fill(PASSWORD);
    await page.getByRole('button', { name: 'Save password' }).click();
    await ctx.close();
    f = await inventoryFixture(app.built.deps);
    siteA = await f.site('Riverside Clinic', 20, 'EK5730', '2020-01-31');
    siteB = await f.site('Hilltop Pharmacy', 10, 'FF1234');
    slots = [await f.slot(siteB, Date.now() + 3 * DAY)];
    assert.ok(slots.length === 1);
  });
  after(async () => {
    await browser?.close();
    await app?.close();
  });

  for (const lang of ['en', 'es'] as const) {
    it(`every inventory and import page has no axe violations (${lang})`, async () => {
      const ctx = await browser.newContext({ viewport: lang === 'en' ? DESKTOP : PHONE });
      const page = await ctx.newPage();
      await page.goto(`${app.url}/?lang=${lang}`);
      await signIn(page, app.url, 'stock@county.example', PASSWORD);
      const base = `${app.url}/staff/sites/${siteA}/inventory`;
      await check(page, `${app.url}/staff/inventory`, `overview-${lang}`);
      await check(page, base, `site-${lang}`);
      for (const kind of ['receive', 'adjust', 'waste', 'transfer'])
        await check(page, `${base}/${kind}`, `${kind}-${lang}`);
      // Error state: the waste form sent empty.
      await page.goto(`${base}/waste`);
      await page.click('main form.usa-form button[type=submit]');
      assert.ok((await page.locator('.usa-error-message').count()) >= 3);
      await axe(page, `waste-errors-${lang}`);
      // The shortage review.
      const tight = await tightSite(`Tight ${lang}`);
      await page.goto(`${app.url}/staff/sites/${tight}/inventory/waste`);
      await page.locator('#lotKey').selectOption({ index: 1 });
      await page.fill('#doses', '1');
      await page.locator('#reason').selectOption('damaged');
      await page.click('main form.usa-form button[type=submit]');
      assert.equal(await page.locator('main h1').count(), 1);
      assert.ok((await page.locator('main select').count()) >= 1);
      await axe(page, `shortage-${lang}`);
      // CSV imports, empty and with problems.
      await check(page, `${app.url}/staff/sites/import`, `sites-import-${lang}`);
      await page.fill('#csv', 'name,address,postalCode,timeZone\nX,1 Road,ABCDE,Mars/Base\n');
      await page.click('main form.usa-form button[type=submit]');
      assert.ok((await page.locator('main table').count()) === 1);
      await axe(page, `sites-import-problems-${lang}`);
      await check(page, `${app.url}/staff/appointments/slots/import`, `slots-import-${lang}`);
      await page.fill(
        '#csv',
        `site,program,date,time,durationMinutes,capacity\nNowhere,${f.programId},2030-13-01,9am,0,x\n`,
      );
      await page.click('main form.usa-form button[type=submit]');
      await axe(page, `slots-import-problems-${lang}`);
      await ctx.close();
    });
  }

  it('with JavaScript on, a chosen file is uploaded as it is (multipart) and imported', async () => {
    const ctx = await browser.newContext();
    const page = await ctx.newPage();
    await signIn(page, app.url, 'stock@county.example', PASSWORD);
    await page.goto(`${app.url}/staff/sites/import?lang=en`);
    assert.equal(await page.locator('form[enctype="multipart/form-data"]').count(), 1);
    await page.locator('#csv-file').setInputFiles({
      name: 'sites.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(
        'name,address,postalCode,timeZone\nHilltop Hall,4 Hill Road Springfield,12345,America/Denver\n',
      ),
    });
    await page.getByRole('button', { name: 'Check and import' }).click();
    assert.match(await page.locator('.usa-alert--success').innerText(), /1 site imported/);
    await ctx.close();
  });
});

describe('inventory journeys with JavaScript disabled', () => {
  let app: TestApp;
  let browser: Browser;
  let f: Fixture;
  let managerId = '';
  before(async () => {
    mkdirSync(SHOTS, { recursive: true });
    app = await startTestApp('sqlite', { RATE_LIMITS: 'off' });
    browser = await launchBrowser();
    const admin = await createUserWithOneTimePassword(
      { email: 'manager@county.example', displayName: 'Mia Manager', role: 'site-manager' },
      { db: app.tdb.db, now: Date.now, actor: systemActor('test') },
    );
    assert.ok(admin.ok);
    managerId = admin.userId;
    const ctx = await browser.newContext({ javaScriptEnabled: false });
    const page = await ctx.newPage();
    await signIn(page, app.url, 'manager@county.example', admin.oneTimePassword);
    await page.getByLabel('Current password').fill(admin.oneTimePassword);
    await page.getByLabel('New password', { exact: true }).fill(PASSWORD);
    await page.getByLabel('Type the new password again').fill(PASSWORD);
    await page.getByRole('button', { name: 'Save password' }).click();
    await ctx.close();
    f = await inventoryFixture(app.built.deps);
  });
  after(async () => {
    await browser?.close();
    await app?.close();
  });

  it('receives doses, records waste that strands a booking, cancels it with notice, and sees the ledger', async () => {
    const site = await f.site('Northgate Clinic');
    const other = await f.site('Southgate Clinic', 5, 'OTHER');
    // The manager works at both (site roles reach only assigned sites: ADR 0019).
    await setUserSites(
      { userId: managerId, siteIds: [site, other] },
      { db: app.tdb.db, now: Date.now, actor: systemActor('test') },
    );
    const ctx = await browser.newContext({ javaScriptEnabled: false, viewport: PHONE });
    const page = await ctx.newPage();
    await signIn(page, app.url, 'manager@county.example', PASSWORD);
    await page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: 'Inventory' }).click();
    await page.getByRole('link', { name: 'Northgate Clinic' }).click();
    await page.getByRole('link', { name: 'Receive doses' }).click();
    await page.getByLabel('Product').selectOption({ label: 'Flu vaccine' });
    await page.getByLabel('Lot number').fill('NG-001');
    await page.getByLabel('Number of doses').fill('2');
    await page.getByLabel('Expiry date').fill('2031-05-31');
    await page.getByRole('button', { name: 'Record the delivery' }).click();
    assert.match(await page.locator('.usa-alert--success').innerText(), /Doses received/);
    const t0 = Date.now() + 2 * DAY;
    await f.book(await f.slot(site, t0), 1);
    await f.book(await f.slot(site, t0 + HOUR), 2);
    await f.slot(other, t0 + 2 * HOUR);
    await page.getByRole('link', { name: 'Record waste' }).click();
    await page.getByLabel('Lot').selectOption({ index: 1 });
    await page.getByLabel('Number of doses').fill('1');
    await page.getByLabel('Why were they wasted?').selectOption('temperature');
    await page.getByRole('button', { name: 'Record the waste' }).click();
    assert.match(await page.locator('h1').innerText(), /Not enough doses for every booking/);
    assert.equal(await page.locator('main select').count(), 1, 'only the later booking is affected');
    await page.screenshot({ path: `${SHOTS}/inventory-nojs-shortage.png`, fullPage: true });
    await page.getByRole('button', { name: 'Notify these people and record the entry' }).click();
    assert.match(await page.locator('.usa-alert--success').innerText(), /1 booking was cancelled and 0 were moved/);
    const ledger = await page.locator('table').nth(2).innerText();
    assert.match(ledger, /Wasted/);
    assert.match(ledger, /Temperature excursion/);
    await page.screenshot({ path: `${SHOTS}/inventory-nojs-site.png`, fullPage: true });
    const messages = await app.tdb.db.kysely
      .selectFrom('messages')
      .select('id')
      .where('type', '=', 'appointments.cancelled')
      .execute();
    assert.equal(messages.length, 1, 'the person was sent a cancellation notice');
    await ctx.close();
  });

  it('imports sites from a chosen file, and by pasting CSV, with JavaScript off', async () => {
    // Adding sites is county-wide work: an admin's (ADR 0019).
    const importer = await createUserWithOneTimePassword(
      { email: 'importer@county.example', displayName: 'Ivy Importer', role: 'admin' },
      { db: app.tdb.db, now: Date.now, actor: systemActor('test') },
    );
    assert.ok(importer.ok);
    const ctx = await browser.newContext({ javaScriptEnabled: false });
    const page = await ctx.newPage();
    await signIn(page, app.url, 'importer@county.example', importer.oneTimePassword);
    await page.getByLabel('Current password').fill(importer.oneTimePassword);
    await page.getByLabel('New password', { exact: true }).fill(PASSWORD);
    await page.getByLabel('Type the new password again').fill(PASSWORD);
    await page.getByRole('button', { name: 'Save password' }).click();
    await page.goto(`${app.url}/staff/sites`);
    await page.getByRole('link', { name: 'Import sites from a CSV file' }).click();
    await page.getByLabel('CSV file', { exact: true }).setInputFiles({
      name: 'sites.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(
        'name,address,postalCode,timeZone\nRiverside Hall,7 River Road Springfield,12345,America/Chicago\n',
      ),
    });
    await page.getByRole('button', { name: 'Check and import' }).click();
    assert.match(await page.locator('.usa-alert--success').innerText(), /1 site imported/);
    await page.goto(`${app.url}/staff/sites/import`);
    await page
      .getByLabel('Or paste the CSV text here')
      .fill('name,address,postalCode,timeZone\nLakeside Hall,9 Lake Road Springfield,12345,America/Chicago\n');
    await page.getByRole('button', { name: 'Check and import' }).click();
    assert.match(await page.locator('.usa-alert--success').innerText(), /1 site imported/);
    await ctx.close();
  });
});

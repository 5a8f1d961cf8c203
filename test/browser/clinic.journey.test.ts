/**
 * The clinic day in Chromium: every page it adds has no axe violations in English and Spanish (error and refusal
 * states included), the desk journey — find by typed code, check in, record the dose — works with JavaScript off,
 * and the roster prints as a clean sign-in sheet (print media screenshot kept for people to look at).
 */
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { addSlot, createProduct, createProgram, receiveInventory } from '../../src/appointments/catalog.js';
import { bookAppointment, type BookingResult } from '../../src/appointments/index.js';
import { systemActor } from '../../src/platform/audit/index.js';
import { createUserWithOneTimePassword } from '../../src/staff/index.js';
import { signedInClient, startTestApp, type TestApp } from '../support/app.js';
import { describeViolations, launchBrowser, runAxe } from '../support/browser.js';

const SHOTS = 'test-results/screenshots';
const PASSWORD = 'quiet river morning light';
const HOUR = 3_600_000;
// Tuesday 10 March 2026, 09:00 in New York (EDT since the 8th).
const MORNING = Date.UTC(2026, 2, 10, 13, 0);

async function checkPage(page: Page, url: string, name: string, expectStatus = 200): Promise<void> {
  const res = await page.goto(url);
  assert.equal(res?.status(), expectStatus, `${url} answered ${res?.status()}`);
  await checkCurrent(page, name);
}

async function checkCurrent(page: Page, name: string): Promise<void> {
  const violations = await runAxe(page);
  await page.screenshot({ path: `${SHOTS}/clinic-${name}.png`, fullPage: true });
  assert.equal(violations.length, 0, `${page.url()}:\n${describeViolations(violations)}`);
}

async function signIn(page: Page, base: string, email: string): Promise<void> {
  await page.goto(`${base}/staff/sign-in`);
  await page.fill('#email', email);
  await page.fill('#password', PASSWORD);
  await page.click('main form button[type=submit]');
}

describe('clinic day in Chromium', () => {
  let app: TestApp;
  let browser: Browser;
  let clock = MORNING - 24 * HOUR;
  let siteId = '';
  let otherSiteId = '';
  const bookings: Record<string, BookingResult> = {};
  const names = ['Ana García', 'Ben Okafor', 'Chen Li', 'Dara Smith', 'Eli Brown', 'Fay Wong'];

  before(async () => {
    mkdirSync(SHOTS, { recursive: true });
    app = await startTestApp('sqlite', { RATE_LIMITS: 'off' }, { now: () => clock });
    browser = await launchBrowser();
    const d = { db: app.tdb.db, now: () => clock, actor: systemActor('test') };
    const admin = await createUserWithOneTimePassword(
      { email: 'lead@county.example', displayName: 'Lee Lead', role: 'admin' },
      d,
    );
    assert.ok(admin.ok);
    const c = await signedInClient(app.url, 'lead@county.example', admin.oneTimePassword);
    await c.get('/staff/account/password');
    await c.post('/staff/account/password', { current: admin.oneTimePassword, password: PASSWORD, confirm: PASSWORD });
    for (const [name, ref] of [
      ['Riverside Clinic', 'main'],
      ['Hilltop Clinic', 'other'],
    ] as const) {
      await c.get('/staff/sites/new');
      await c.post('/staff/sites/new', {
        name,
        address: `1 ${name} Way`,
        postalCode: '12345',
        timeZone: 'America/New_York',
        status: 'active',
      });
      const row = await app.tdb.db.kysely
        .selectFrom('sites')
        .select('id')
        .where('name', '=', name)
        .executeTakeFirstOrThrow();
      if (ref === 'main') siteId = row.id;
      else otherSiteId = row.id;
    }
    const programId = await createProgram(
      { name: { en: 'Flu shots', es: 'Vacuna antigripal' }, bookingMode: 'open' },
      d,
    );
    const productId = await createProduct(
      { programId, name: 'Flu vaccine', doses: 1, minDaysBetweenDoses: 0, minAgeYears: 0 },
      d,
    );
    await receiveInventory(siteId, { productId, doses: 50, lot: 'FLU-2026-A', expiresOn: '2026-12-31' }, d);
    await receiveInventory(siteId, { productId, doses: 10, lot: 'FLU-2025-Z', expiresOn: '2026-03-01' }, d);
    await receiveInventory(otherSiteId, { productId, doses: 10, lot: 'FLU-H', expiresOn: '2026-12-31' }, d);
    const slot = (site: string, at: number) =>
      addSlot(site, { startsAt: at, durationMinutes: 15, capacity: 4, programId }, d);
    const slots = [
      await slot(siteId, MORNING),
      await slot(siteId, MORNING + HOUR),
      await slot(siteId, MORNING + 2 * HOUR),
    ];
    const tomorrow = await slot(siteId, MORNING + 24 * HOUR + HOUR);
    const elsewhere = await slot(otherSiteId, MORNING + HOUR);
    for (const [i, name] of names.entries()) {
      const [given = '', family = ''] = name.split(' ');
      bookings[given] = await bookAppointment(
        { ...app.built.deps, now: () => clock },
        {
          slotId: i === 4 ? tomorrow : i === 5 ? elsewhere : (slots[i % 3] ?? ''),
          productId,
          dose: 1,
          person: { givenName: given, familyName: family, birthDate: `198${i}-0${i + 1}-1${i}`, language: 'en' },
          channel: i % 2 ? 'phone' : 'web',
        },
      );
    }
    clock = MORNING + 3 * HOUR; // noon: the first slots have ended
  });
  after(async () => {
    await browser?.close();
    await app?.close();
  });

  for (const lang of ['en', 'es'] as const) {
    it(`every clinic page has no axe violations (${lang})`, async () => {
      const ctx = await browser.newContext();
      const page = await ctx.newPage();
      await page.goto(`${app.url}/?lang=${lang}`);
      await signIn(page, app.url, 'lead@county.example');
      const ana = bookings.Ana;
      const eli = bookings.Eli;
      assert.ok(ana && eli);
      for (const [path, name, status] of [
        ['/staff/clinic', 'sites', 200],
        [`/staff/sites/${siteId}/roster?date=2026-03-10`, 'roster', 200],
        [`/staff/sites/${siteId}/roster?date=2026-03-14`, 'roster-empty', 200],
        [`/staff/sites/${siteId}/check-in`, 'check-in', 200],
        [`/staff/sites/${siteId}/check-in?code=${ana.confirmationCode}`, 'check-in-found', 200],
        [`/staff/sites/${siteId}/check-in?code=${eli.confirmationCode}`, 'check-in-other-day', 200],
        [`/staff/sites/${siteId}/check-in?code=NOPE`, 'check-in-not-found', 404],
        [`/staff/sites/${siteId}/check-in?code=`, 'check-in-code-error', 400],
        [`/staff/sites/${siteId}/no-shows?date=2026-03-10`, 'no-shows', 200],
        [`/staff/sites/${siteId}/no-shows?date=2026-03-14`, 'no-shows-none', 200],
        ['/staff/bookings', 'lookup', 200],
        ['/staff/bookings?code=NOPE', 'lookup-not-found', 404],
        [`/staff/bookings/${ana.id}`, 'booking', 200],
        [`/staff/bookings/${ana.id}/cancel`, 'cancel', 200],
        [`/staff/sites/${siteId}/bookings/${ana.id}/administer`, 'administer-not-checked-in', 200],
      ] as const) {
        await checkPage(page, `${app.url}${path}`, `${name}-${lang}`, status);
      }
      // Errors: the name search with nothing filled in, then a search that finds people.
      await page.goto(`${app.url}/staff/sites/${siteId}/check-in`);
      await page.locator('form[action$="/check-in/search"] button[type=submit]').click();
      assert.ok((await page.locator('.usa-error-message').count()) >= 3);
      await checkCurrent(page, `check-in-errors-${lang}`);
      await page.goto(`${app.url}/staff/bookings`);
      await page.locator('#givenName').fill('Ben');
      await page.locator('#familyName').fill('Okafor');
      await page.locator('#birthDate').fill('1981-02-11');
      await page.locator('form[action="/staff/bookings/search"] button[type=submit]').click();
      assert.equal(await page.locator('table a.usa-link').count(), 1);
      await checkCurrent(page, `lookup-results-${lang}`);
      // The administration form, checked in first (on the first pass), then with an error.
      const ben = bookings.Ben;
      assert.ok(ben);
      await page.goto(`${app.url}/staff/sites/${siteId}/check-in?code=${ben.confirmationCode}`);
      const checkIn = page.locator(`form[action$="/bookings/${ben.id}/check-in"] button`);
      if ((await checkIn.count()) > 0) await checkIn.click();
      await checkPage(page, `${app.url}/staff/sites/${siteId}/bookings/${ben.id}/administer`, `administer-${lang}`);
      await page.locator('#dose').fill('9');
      await page.locator('form[action$="/administer"] button[type=submit]').click();
      assert.equal(await page.locator('#dose-error').count(), 1);
      await checkCurrent(page, `administer-errors-${lang}`);
      await ctx.close();
    });
  }

  it('the desk journey works with JavaScript off: typed code, check in, record the dose (with an error first)', async () => {
    const ctx = await browser.newContext({ javaScriptEnabled: false });
    ctx.setDefaultTimeout(10_000);
    const page = await ctx.newPage();
    await signIn(page, app.url, 'lead@county.example');
    const chen = bookings.Chen;
    assert.ok(chen);
    await page.goto(`${app.url}/staff/sites/${siteId}/check-in?lang=en`);
    assert.equal(await page.getByRole('button', { name: 'Scan QR code' }).count(), 0, 'no scanner without JS');
    await page.getByRole('textbox', { name: 'Confirmation code' }).fill(chen.confirmationCode.toLowerCase());
    await page.getByRole('button', { name: 'Find booking' }).click();
    await page.getByRole('button', { name: 'Check in Chen Li' }).click();
    assert.match(await page.locator('.usa-alert--success').innerText(), /Chen Li is checked in/);
    assert.equal(await page.locator('#lot option').count(), 2, 'the expired lot is not offered');
    await page.getByLabel('Dose number').fill('3');
    await page.getByRole('button', { name: 'Record dose given' }).click();
    assert.match(await page.locator('.usa-error-message').first().innerText(), /dose number must be the booked one/);
    await page.getByLabel('Lot').selectOption('FLU-2026-A');
    await page.getByLabel('Dose number').fill('1');
    await page.getByLabel('Injection site (optional)').selectOption('right-arm');
    await page.getByRole('button', { name: 'Record dose given' }).click();
    assert.match(await page.locator('.usa-alert--success').innerText(), /The dose was recorded/);
    await page.screenshot({ path: `${SHOTS}/clinic-nojs-done.png`, fullPage: true });
    const row = await app.tdb.db.kysely
      .selectFrom('bookings')
      .select('status')
      .where('id', '=', chen.id)
      .executeTakeFirstOrThrow();
    assert.equal(row.status, 'administered');
    // The same desk, name and birth date instead of the code.
    await page.getByRole('textbox', { name: 'First name' }).fill('Dara');
    await page.getByRole('textbox', { name: 'Last name' }).fill('Smith');
    await page.getByRole('textbox', { name: 'Birth date' }).fill('1983-04-13');
    await page.getByRole('button', { name: 'Find by name' }).click();
    assert.ok(await page.getByRole('button', { name: 'Check in Dara Smith' }).isVisible());
    await ctx.close();
  });

  it('the roster prints as a sign-in sheet; phone and desktop screenshots', async () => {
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    ctx.setDefaultTimeout(10_000);
    const page = await ctx.newPage();
    await signIn(page, app.url, 'lead@county.example');
    await page.goto(`${app.url}/staff/sites/${siteId}/roster?date=2026-03-10`);
    await page.screenshot({ path: `${SHOTS}/clinic-roster-desktop.png`, fullPage: true });
    await page.emulateMedia({ media: 'print' });
    await page.screenshot({ path: `${SHOTS}/clinic-roster-print.png`, fullPage: true });
    assert.equal(await page.locator('.usa-sidenav').isVisible(), false, 'no menu on paper');
    assert.equal(await page.locator('.fd-roster__nav').isVisible(), false, 'no date navigation on paper');
    assert.equal(await page.getByRole('columnheader', { name: 'Signature' }).isVisible(), true);
    await page.emulateMedia({ media: 'screen' });
    assert.equal(await page.getByRole('columnheader', { name: 'Signature' }).isVisible(), false);
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: `${SHOTS}/clinic-roster-phone.png`, fullPage: true });
    await page.goto(`${app.url}/staff/sites/${siteId}/check-in?code=${bookings.Dara?.confirmationCode ?? ''}`);
    await page.screenshot({ path: `${SHOTS}/clinic-check-in-phone.png`, fullPage: true });
    await ctx.close();
  });
});

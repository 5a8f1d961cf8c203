/**
 * The schedule console in Chromium: zero axe violations on every page it adds (English and Spanish, with an error
 * state and the review page), the week calendar at desktop and phone widths, and a site manager lowering a slot's
 * capacity — review, move with notice — with JavaScript disabled.
 */
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { DateTime } from 'luxon';
import type { Browser, Page } from 'playwright-core';
import { systemActor } from '../../src/platform/audit/index.js';
import { createApiToken, createUserWithOneTimePassword } from '../../src/staff/index.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { describeViolations, launchBrowser, runAxe } from '../support/browser.js';

const SHOTS = 'test-results/screenshots';
const PASSWORD = 'quiet river morning light';
const ZONE = 'America/New_York';

async function checkPage(page: Page, url: string, name: string, expectStatus = 200): Promise<void> {
  const res = await page.goto(url);
  assert.equal(res?.status(), expectStatus, `${url} answered ${res?.status()}`);
  await checkHere(page, name);
}
async function checkHere(page: Page, name: string): Promise<void> {
  const violations = await runAxe(page);
  await page.screenshot({ path: `${SHOTS}/schedule-${name}.png`, fullPage: true });
  assert.equal(violations.length, 0, `${page.url()}:\n${describeViolations(violations)}`);
}

async function signIn(page: Page, base: string, email: string, password: string): Promise<void> {
  await page.goto(`${base}/staff/sign-in`);
  await page.fill('#email', email);
  await page.fill('#password', password);
  await page.click('main form button[type=submit]');
}

async function post(url: string, body: unknown, token?: string): Promise<Record<string, unknown>> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  return (await res.json()) as Record<string, unknown>;
}

describe('schedule console in Chromium', () => {
  let app: TestApp;
  let browser: Browser;
  let siteId = '';
  let templateId = '';
  let fullSlot = '';
  let productId = '';
  const monday = DateTime.now().setZone(ZONE).plus({ weeks: 1 }).startOf('week');
  const mondayDate = monday.toISODate() ?? '';
  const sunday = monday.plus({ days: 6 }).toISODate() ?? '';

  before(async () => {
    mkdirSync(SHOTS, { recursive: true });
    app = await startTestApp('sqlite', { RATE_LIMITS: 'off' });
    browser = await launchBrowser();
    const deps = { db: app.tdb.db, now: Date.now, actor: systemActor('test') };
    const { token } = await createApiToken({ name: 'setup', role: 'admin' }, deps);
    siteId = String(
      (
        await post(
          `${app.url}/api/v1/sites`,
          { name: 'Harbor Clinic', address: '2 Pier St', postalCode: '02110', timeZone: ZONE },
          token,
        )
      ).id,
    );
    const programId = String(
      (
        await post(
          `${app.url}/api/v1/programs`,
          { name: { en: 'Flu shots', es: 'Vacuna contra la gripe' }, bookingMode: 'open' },
          token,
        )
      ).id,
    );
    productId = String((await post(`${app.url}/api/v1/products`, { programId, name: 'Flu', doses: 1 }, token)).id);
    await post(
      `${app.url}/api/v1/sites/${siteId}/inventory`,
      { productId, doses: 100, lot: 'L', expiresOn: '2030-01-01' },
      token,
    );
    templateId = String(
      (
        await post(
          `${app.url}/api/v1/sites/${siteId}/schedule-templates`,
          {
            name: 'Weekdays',
            programId,
            weekdays: [1, 2, 3, 4, 5],
            opens: '09:00',
            closes: '12:00',
            breaks: [{ from: '10:30', to: '11:00' }],
            slotMinutes: 30,
            capacity: 3,
            validFrom: mondayDate,
            validTo: sunday,
          },
          token,
        )
      ).id,
    );
    await post(`${app.url}/api/v1/sites/${siteId}/schedule-templates/publish`, { from: mondayDate, to: sunday }, token);
    const slots = await app.tdb.db.kysely.selectFrom('slots').select('id').orderBy('starts_at').execute();
    fullSlot = slots[0]?.id ?? '';
    let i = 0;
    for (const [slot, n] of [
      [fullSlot, 3],
      [slots[1]?.id ?? '', 2],
      [slots[5]?.id ?? '', 1],
    ] as const)
      for (let k = 0; k < n; k++) {
        i++;
        await post(`${app.url}/api/v1/bookings`, {
          slotId: slot,
          productId,
          dose: 1,
          person: {
            givenName: `P${i}`,
            familyName: 'T',
            birthDate: '1980-01-01',
            email: `p${i}@example.com`,
            language: 'en',
          },
        });
      }
    const admin = await createUserWithOneTimePassword(
      { email: 'manager@county.example', displayName: 'Mina Manager', role: 'site-manager', sites: [siteId] },
      deps,
    );
    assert.ok(admin.ok);
    const ctx = await browser.newContext();
    const page = await ctx.newPage();
    await signIn(page, app.url, 'manager@county.example', admin.oneTimePassword);
    await page.getByLabel('Current password').fill(admin.oneTimePassword);
    await page.getByLabel('New password', { exact: true }).fill(PASSWORD);
    await page.getByLabel('Type the new password again').fill(PASSWORD);
    await page.getByRole('button', { name: 'Save password' }).click();
    await ctx.close();
  });
  after(async () => {
    await browser?.close();
    await app?.close();
  });

  for (const lang of ['en', 'es'] as const) {
    it(`every schedule page has no axe violations (${lang})`, async () => {
      const ctx = await browser.newContext();
      const page = await ctx.newPage();
      await page.goto(`${app.url}/?lang=${lang}`);
      await signIn(page, app.url, 'manager@county.example', PASSWORD);
      const base = `/staff/sites/${siteId}/schedule`;
      for (const [path, name] of [
        ['/staff/schedule', 'sites'],
        [base, 'overview'],
        [`${base}/templates/new`, 'template-new'],
        [`${base}/templates/${templateId}/edit`, 'template-edit'],
        [`${base}/closures/new`, 'closure-new'],
        [`${base}/publish?from=${mondayDate}&to=${sunday}`, 'publish-preview'],
        [`${base}/week?start=${mondayDate}`, 'week'],
        [`${base}/day?date=${mondayDate}`, 'day'],
        [`${base}/slots/${fullSlot}`, 'slot'],
        [`${base}/slots/new`, 'slot-new'],
      ]) {
        await checkPage(page, `${app.url}${path}`, `${name}-${lang}`);
      }
      // Error state: the template form with its errors.
      await page.goto(`${app.url}${base}/templates/new`);
      await page.fill('#opens', '9');
      await page.fill('#slotMinutes', '1');
      await page.click('main form.usa-form button[type=submit]');
      assert.ok((await page.locator('.usa-error-message').count()) >= 2);
      await checkHere(page, `template-errors-${lang}`);
      // The review page: lowering the full slot below its bookings (nothing is changed by looking).
      await page.goto(`${app.url}${base}/slots/${fullSlot}`);
      await page.fill('#capacity', '1');
      await page.click('form[action$="/capacity"] button[type=submit]');
      assert.equal(await page.locator('table tbody tr').count(), 2);
      await checkHere(page, `review-${lang}`);
      await ctx.close();
    });
  }

  it('the week calendar at desktop and phone widths', async () => {
    for (const [width, height] of [
      [1280, 900],
      [390, 844],
    ] as const) {
      const ctx = await browser.newContext({ viewport: { width, height } });
      const page = await ctx.newPage();
      await signIn(page, app.url, 'manager@county.example', PASSWORD);
      await page.goto(`${app.url}/staff/sites/${siteId}/schedule/week?start=${mondayDate}&lang=en`);
      assert.match(await page.locator('table.fd-week').innerText(), /3\/3/);
      await page.screenshot({ path: `${SHOTS}/schedule-week-${width}.png`, fullPage: true });
      await ctx.close();
    }
  });

  it('with JavaScript off, a site manager lowers capacity, reviews and moves the latest booking with notice', async () => {
    const ctx = await browser.newContext({ javaScriptEnabled: false });
    const page = await ctx.newPage();
    await signIn(page, app.url, 'manager@county.example', PASSWORD);
    await page.goto(`${app.url}/staff/sites/${siteId}/schedule/week?start=${mondayDate}&lang=en`);
    await page.locator(`a[href$="/slots/${fullSlot}"]`).first().click();
    await page.getByLabel('Capacity', { exact: true }).fill('2');
    await page.getByRole('button', { name: 'Change capacity' }).click();
    assert.match(await page.locator('h1').innerText(), /Review the bookings affected/);
    assert.equal(await page.locator('table tbody tr').count(), 1);
    const before = await app.tdb.db.kysely
      .selectFrom('slots')
      .select(['capacity', 'booked'])
      .where('id', '=', fullSlot)
      .executeTakeFirstOrThrow();
    assert.deepEqual(before, { capacity: 3, booked: 3 });
    await page.getByRole('button', { name: 'Confirm the change' }).click();
    assert.match(
      await page.locator('.usa-alert--success').innerText(),
      /The capacity was changed\. 1 booking moved, none cancelled/,
    );
    const after = await app.tdb.db.kysely
      .selectFrom('slots')
      .select(['capacity', 'booked'])
      .where('id', '=', fullSlot)
      .executeTakeFirstOrThrow();
    assert.deepEqual(after, { capacity: 2, booked: 2 });
    const notices = await app.tdb.db.kysely
      .selectFrom('messages')
      .select('id')
      .where('type', '=', 'appointments.changed')
      .execute();
    assert.equal(notices.length, 1);
    await page.screenshot({ path: `${SHOTS}/schedule-nojs-done.png`, fullPage: true });
    await ctx.close();
  });
});

/**
 * Personal data requests in Chromium: the pages reached by form posts (the search with its errors, the records
 * found, the correction form, the erase confirmation, the page after) have no axe violations in English and Spanish
 * (the pages with addresses of their own are in pages.a11y.test.ts); in Spanish with JavaScript off an admin finds a
 * person by e-mail, opens the correction form and erases after the confirmation step, and the contact is emptied.
 */
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { notify } from '../../src/notifications/index.js';
import { testMessageTemplate } from '../../src/notifications/templates.js';
import { systemActor } from '../../src/platform/audit/index.js';
import { createUserWithOneTimePassword } from '../../src/staff/index.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { describeViolations, launchBrowser, runAxe } from '../support/browser.js';

const SHOTS = 'test-results/screenshots';
const PASSWORD = 'quiet river morning light';

/** Where axe runs (it needs script): a page of the same origin the no-JavaScript page's HTML is copied into. */
let axePage: Page | null = null;

async function checkCurrent(page: Page, name: string): Promise<void> {
  if (!axePage) throw new Error('no axe page');
  await axePage.setContent(await page.content(), { waitUntil: 'load' });
  const violations = await runAxe(axePage);
  await page.screenshot({ path: `${SHOTS}/privacy-${name}.png`, fullPage: true });
  assert.equal(violations.length, 0, `${page.url()}:\n${describeViolations(violations)}`);
}

/** Sign in with a one-time password and set the new one (the console asks for it first). */
async function signIn(page: Page, base: string, email: string, oneTime: string, lang: 'en' | 'es'): Promise<void> {
  await page.goto(`${base}/staff/sign-in?lang=${lang}`);
  await page.fill('#email', email);
  await page.fill('#password', oneTime);
  await page.click('main form button[type=submit]');
  await page.fill('#current', oneTime);
  await page.fill('#password', PASSWORD);
  await page.fill('#confirm', PASSWORD);
  await page.click('main form button[type=submit]');
}

/** A contact record with one message, as any module's notice leaves it. */
async function contactWithMessage(app: TestApp, name: string, email: string): Promise<string> {
  const sent = await app.tdb.db.kysely.transaction().execute((tx) =>
    notify(app.built.deps, tx, { contact: { name, email, locale: 'es' } }, testMessageTemplate, {
      senderName: 'Ada',
    }),
  );
  return sent.contactId;
}

describe('personal data requests in Chromium', () => {
  let app: TestApp;
  let browser: Browser;
  let ctx: BrowserContext;
  let contactId = '';
  before(async () => {
    mkdirSync(SHOTS, { recursive: true });
    app = await startTestApp('sqlite');
    browser = await launchBrowser();
    ctx = await browser.newContext({ javaScriptEnabled: false });
    axePage = await (await browser.newContext()).newPage();
    await axePage.goto(`${app.url}/healthz`);
    contactId = await contactWithMessage(app, 'Lena Lind', 'lena@example.com');
  });
  after(async () => {
    await ctx?.close();
    await browser?.close();
    await app?.close();
  });

  it('the pages reached by form posts have no axe violations (en, with JavaScript)', async () => {
    await contactWithMessage(app, 'Mia Moss', 'mia@example.com');
    const user = await createUserWithOneTimePassword(
      { email: 'axe@county.example', displayName: 'Axel Axe', role: 'admin' },
      { db: app.tdb.db, now: Date.now, actor: systemActor('test') },
    );
    assert.ok(user.ok);
    const context = await browser.newContext();
    const page = await context.newPage();
    await signIn(page, app.url, 'axe@county.example', user.oneTimePassword, 'en');
    const axe = async (name: string) => {
      const violations = await runAxe(page);
      await page.screenshot({ path: `${SHOTS}/privacy-${name}.png`, fullPage: true });
      assert.equal(violations.length, 0, `${name}:\n${describeViolations(violations)}`);
    };
    const search = async () => {
      await page.goto(`${app.url}/staff/privacy`);
      await page.fill('#email', 'mia@example.com');
      await page.fill('#reason', 'Access request, reference A-1');
      await page.click('main form button[type=submit]');
      assert.equal(await page.locator('input[name=ref]').count(), 1);
    };
    await page.goto(`${app.url}/staff/privacy`);
    await page.click('main form button[type=submit]');
    assert.ok((await page.locator('.usa-error-message').count()) >= 2);
    await axe('search-errors-en');
    await search();
    await axe('results-en');
    await page.click('button[formaction="/staff/privacy/correct"]');
    assert.equal(await page.locator('#newEmail').count(), 1);
    await axe('correct-en');
    await search();
    await page.click('button[formaction="/staff/privacy/erase"]');
    assert.equal(await page.locator('#confirm').count(), 1);
    await axe('erase-en');
    await context.close();
  });

  it('finds, offers to correct, and erases a contact record, in Spanish', async () => {
    const user = await createUserWithOneTimePassword(
      { email: 'privacy@county.example', displayName: 'Pia Privacy', role: 'admin' },
      { db: app.tdb.db, now: Date.now, actor: systemActor('test') },
    );
    assert.ok(user.ok);
    const page = await ctx.newPage();
    await signIn(page, app.url, 'privacy@county.example', user.oneTimePassword, 'es');
    await page.goto(`${app.url}/staff/privacy`);
    await page.getByRole('button', { name: 'Buscar registros' }).click();
    assert.match(await page.locator('.usa-error-summary, .fd-error-summary').innerText(), /Escriba un motivo/);
    await checkCurrent(page, 'search-errors-es');
    const search = async () => {
      await page.goto(`${app.url}/staff/privacy`);
      await page.getByLabel('Correo electrónico').fill('LENA@example.com');
      await page.getByLabel('Motivo').fill('Pedido de borrado por teléfono, caso 77');
      await page.getByRole('button', { name: 'Buscar registros' }).click();
      assert.match(await page.locator('main').innerText(), /Contacto: Lena Lind/);
    };
    await search();
    await checkCurrent(page, 'results-es');
    await page.getByRole('button', { name: 'Corregir datos' }).click();
    assert.equal(await page.getByLabel('Correo electrónico').count(), 1);
    await checkCurrent(page, 'correct-es');
    await search();
    await page.getByRole('button', { name: 'Borrar', exact: true }).click();
    await checkCurrent(page, 'erase-es');
    await page.getByText('Comprobé que todos los registros de arriba son de esta persona').click();
    await page.getByRole('button', { name: 'Borrar definitivamente' }).click();
    assert.match(await page.locator('.usa-alert--success').innerText(), /Se borró 1 registro/);
    await checkCurrent(page, 'done-es');
    const row = await app.tdb.db.kysely
      .selectFrom('contacts')
      .select(['name_enc', 'email_enc', 'email_index'])
      .where('id', '=', contactId)
      .executeTakeFirstOrThrow();
    assert.deepEqual(row, { name_enc: null, email_enc: null, email_index: null });
  });
});

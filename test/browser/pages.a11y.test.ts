/**
 * Every page, in Chromium: zero axe violations (WCAG 2.2 AA + best practice) in English and Spanish, with a
 * screenshot of each kept under test-results/ for people to look at. Then the staff sign-in and invitation
 * flows with JavaScript disabled.
 */
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { systemActor } from '../../src/platform/audit/index.js';
import { notify } from '../../src/notifications/index.js';
import { preferencesToken } from '../../src/notifications/preferences-link.js';
import { testMessageTemplate } from '../../src/notifications/templates.js';
import { createApiToken, createUserWithOneTimePassword } from '../../src/staff/index.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { describeViolations, launchBrowser, runAxe } from '../support/browser.js';
import { catalog } from '../support/catalog-fixtures.js';

const SHOTS = 'test-results/screenshots';
const PASSWORD = 'quiet river morning light';

async function checkPage(page: Page, url: string, name: string, expectStatus = 200): Promise<void> {
  const res = await page.goto(url);
  assert.equal(res?.status(), expectStatus, `${url} answered ${res?.status()}`);
  const violations = await runAxe(page);
  await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
  assert.equal(violations.length, 0, `${url}:\n${describeViolations(violations)}`);
}

async function signIn(page: Page, base: string, email: string, password: string): Promise<void> {
  await page.goto(`${base}/staff/sign-in`);
  await page.fill('#email', email);
  await page.fill('#password', password);
  await page.click('main form button[type=submit]');
}

describe('pages in Chromium', () => {
  let app: TestApp;
  let browser: Browser;
  let contactId = '';
  let messageId = '';
  /** A site-staff account, to show the sites page (its checkboxes) of an account (ADR 0019). */
  let deskId = '';
  before(async () => {
    mkdirSync(SHOTS, { recursive: true });
    app = await startTestApp('sqlite');
    browser = await launchBrowser();
    const deps = { db: app.tdb.db, now: Date.now, actor: systemActor('test') };
    const admin = await createUserWithOneTimePassword(
      { email: 'admin@county.example', displayName: 'Ada Admin', role: 'admin' },
      deps,
    );
    assert.ok(admin.ok);
    const ctx = await browser.newContext();
    const page = await ctx.newPage();
    await signIn(page, app.url, 'admin@county.example', admin.oneTimePassword);
    await page.getByLabel('Current password').fill(admin.oneTimePassword);
    await page.getByLabel('New password', { exact: true }).fill(PASSWORD);
    await page.getByLabel('Type the new password again').fill(PASSWORD);
    await page.getByRole('button', { name: 'Save password' }).click();
    await ctx.close();
    const site = await catalog(deps).site();
    const desk = await createUserWithOneTimePassword(
      { email: 'desk@county.example', displayName: 'Dee Desk', role: 'site-staff', sites: [site] },
      deps,
    );
    assert.ok(desk.ok);
    deskId = desk.userId;
    await createApiToken({ name: 'reporting', role: 'analyst' }, deps);
    await createApiToken({ name: 'desk scanner', role: 'site-staff', sites: [site] }, deps);
    const sent = await app.tdb.db.kysely
      .transaction()
      .execute((tx) =>
        notify(
          app.built.deps,
          tx,
          { contact: { name: 'Ana', email: 'ana@example.com', phone: '555-010-0199', locale: 'es' } },
          testMessageTemplate,
          { senderName: 'Ada' },
        ),
      );
    await app.built.runner.drain();
    contactId = sent.contactId;
    messageId = sent.messages[0]?.id ?? '';
  });
  after(async () => {
    await browser?.close();
    await app?.close();
  });

  it('every design-system component example has no axe violations', async () => {
    const { componentExamples } = await import('../../src/platform/views/examples.js');
    const { renderHtml } = await import('../../src/platform/views/render.js');
    const html = Object.entries(componentExamples)
      .flatMap(([c, ex]) =>
        Object.entries(ex).map(([n, node]) => `<section><h2>${c}: ${n}</h2>${renderHtml(node)}</section>`),
      )
      .join('');
    const ctx = await browser.newContext();
    const page = await ctx.newPage();
    await page.goto(`${app.url}/`);
    await page.evaluate((markup) => {
      const main = document.querySelector('main');
      if (main) main.innerHTML = `<h1>Components</h1>${markup}`;
    }, html);
    const violations = await runAxe(page);
    await page.screenshot({ path: `${SHOTS}/components.png`, fullPage: true });
    assert.equal(violations.length, 0, describeViolations(violations));
    await ctx.close();
  });

  for (const lang of ['en', 'es'] as const) {
    it(`resident and public pages have no axe violations (${lang})`, async () => {
      const ctx = await browser.newContext();
      const page = await ctx.newPage();
      await checkPage(page, `${app.url}/?lang=${lang}`, `home-${lang}`);
      await checkPage(page, `${app.url}/staff/sign-in`, `sign-in-${lang}`);
      await checkPage(page, `${app.url}/staff/forgot-password`, `forgot-password-${lang}`);
      await checkPage(page, `${app.url}/staff/password/not-a-real-link`, `link-invalid-${lang}`, 410);
      await checkPage(page, `${app.url}/no-such-page`, `not-found-${lang}`, 404);
      await checkPage(page, `${app.url}/api/docs`, `api-docs-${lang}`);
      const token = preferencesToken(app.built.deps.config.secretKey, contactId);
      await checkPage(page, `${app.url}/preferences/${token}`, `preferences-${lang}`);
      await ctx.close();
    });

    it(`staff console pages have no axe violations (${lang})`, async () => {
      const ctx = await browser.newContext();
      const page = await ctx.newPage();
      await page.goto(`${app.url}/?lang=${lang}`);
      await signIn(page, app.url, 'admin@county.example', PASSWORD);
      for (const [path, name] of [
        ['/staff', 'console'],
        ['/staff/users', 'users'],
        ['/staff/users/invite', 'invite'],
        [`/staff/users/${deskId}/sites`, 'user-sites'],
        ['/staff/tokens', 'tokens'],
        ['/staff/audit', 'audit'],
        ['/staff/jobs?status=succeeded', 'jobs'],
        ['/staff/account/password', 'change-password'],
        ['/staff/sites', 'sites'],
        ['/staff/sites/new', 'site-new'],
        ['/staff/messages', 'messages'],
        [`/staff/messages/${messageId}`, 'message'],
        [`/staff/contacts/${contactId}`, 'contact'],
        ['/staff/templates', 'templates'],
        ['/staff/templates/notifications.test?in=es', 'template-preview'],
        ['/staff/privacy', 'privacy-search'],
        ['/staff/privacy/retention', 'privacy-retention'],
        ['/staff/privacy/done?action=erased&count=2', 'privacy-done'],
      ]) {
        await checkPage(page, `${app.url}${path}`, `${name}-${lang}`);
      }
      // The personal data pages reached by form posts: test/browser/privacy.journey.test.ts (both languages).
      // Error states: the invitation form with every error shown.
      await page.goto(`${app.url}/staff/users/invite`);
      await page.click('form.usa-form button[type=submit]');
      assert.ok((await page.locator('.usa-error-message').count()) >= 2);
      const violations = await runAxe(page);
      await page.screenshot({ path: `${SHOTS}/invite-errors-${lang}.png`, fullPage: true });
      assert.equal(violations.length, 0, describeViolations(violations));
      await ctx.close();
    });
  }
});

describe('staff flows with JavaScript disabled', () => {
  let app: TestApp;
  let browser: Browser;
  let ctx: BrowserContext;
  before(async () => {
    app = await startTestApp('sqlite');
    browser = await launchBrowser();
    ctx = await browser.newContext({ javaScriptEnabled: false });
  });
  after(async () => {
    await ctx?.close();
    await browser?.close();
    await app?.close();
  });

  it('signs in, is made to change the one-time password, and reaches the console', async () => {
    const deps = { db: app.tdb.db, now: Date.now, actor: systemActor('test') };
    const user = await createUserWithOneTimePassword(
      { email: 'nojs@county.example', displayName: 'No Script', role: 'admin' },
      deps,
    );
    assert.ok(user.ok);
    const page = await ctx.newPage();
    await page.goto(`${app.url}/staff/sign-in`);
    await page.click('button[type=submit].usa-button');
    assert.match(await page.locator('.usa-alert--error').innerText(), /Enter your e-mail address/);
    await signIn(page, app.url, 'nojs@county.example', 'not the password at all');
    assert.match(await page.locator('.usa-error-message').first().innerText(), /not right/);
    await signIn(page, app.url, 'nojs@county.example', user.oneTimePassword);
    assert.match(page.url(), /\/staff\/account\/password$/);
    await page.getByLabel('Current password').fill(user.oneTimePassword);
    await page.getByLabel('New password', { exact: true }).fill(PASSWORD);
    await page.getByLabel('Type the new password again').fill(PASSWORD);
    await page.getByRole('button', { name: 'Save password' }).click();
    assert.match(page.url(), /\/staff$/);
    assert.match(await page.locator('h1').innerText(), /Welcome, No Script/);
    await page.screenshot({ path: `${SHOTS}/nojs-console.png`, fullPage: true });
    await page.getByRole('button', { name: 'Sign out' }).click();
    assert.match(await page.locator('.usa-alert').innerText(), /You have signed out/);
  });

  it('a resident changes how we contact them without JavaScript, in Spanish', async () => {
    const sent = await app.tdb.db.kysely
      .transaction()
      .execute((tx) =>
        notify(
          app.built.deps,
          tx,
          { contact: { email: 'rosa@example.com', phone: '555-010-0198', locale: 'es' } },
          testMessageTemplate,
          { senderName: 'Ada' },
        ),
      );
    const page = await ctx.newPage();
    await page.goto(
      `${app.url}/preferences/${preferencesToken(app.built.deps.config.secretKey, sent.contactId)}?lang=es`,
    );
    // USWDS radios hide the native input and style the label: people click the label.
    await page.getByText('Sólo correo electrónico').click();
    await page.getByRole('button', { name: 'Guardar mis opciones' }).click();
    assert.match(await page.locator('.usa-alert--success').innerText(), /Sus opciones quedaron guardadas/);
    assert.equal(await page.getByLabel('Sólo correo electrónico').isChecked(), true);
    await page.screenshot({ path: `${SHOTS}/nojs-preferences-es.png`, fullPage: true });
  });

  it('an admin invites a colleague without JavaScript', async () => {
    const page = await ctx.newPage();
    await signIn(page, app.url, 'nojs@county.example', PASSWORD);
    await page.goto(`${app.url}/staff/users/invite?lang=en`);
    await page.getByLabel('Full name').fill('Carla Caller');
    await page.getByLabel('Work e-mail address').fill('carla@county.example');
    await page.getByLabel('Role').selectOption('call-agent');
    await page.getByRole('button', { name: 'Send invitation' }).click();
    assert.match(page.url(), /\/staff\/users\?done=invited$/);
    assert.match(await page.locator('table').innerText(), /carla@county\.example/);
  });
});

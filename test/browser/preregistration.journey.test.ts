/**
 * The pre-registration journey in Chromium with JavaScript OFF, in English and in Spanish: home → screener (with its
 * error state) → its answer → the form (with its error state) → confirmation → the status link → status page; then
 * a matching run invites the person and they open the invitation link, type a wrong birth date (refused), the right
 * one, and land on their booking. axe (WCAG 2.2 AA + best practice) runs on every page; each page is photographed
 * at 390px and 1280px under test-results/screenshots/prereg-*.png.
 */
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import {
  addGroup,
  addPhase,
  runMatching,
  saveSettings,
  SEND_INVITATION_MESSAGES,
  setPhase,
} from '../../src/preregistration/index.js';
import { systemActor } from '../../src/platform/audit/index.js';
import { createUserWithOneTimePassword } from '../../src/staff/index.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { describeViolations, launchBrowser, runAxe } from '../support/browser.js';
import { catalog } from '../support/catalog-fixtures.js';

const SHOTS = 'test-results/screenshots';
const DAY = 86_400_000;

describe('pre-registration journey in Chromium (JavaScript off)', () => {
  let app: TestApp;
  let browser: Browser;
  let axePage: Page;
  let program = '';
  /** The manager's site (site roles reach only assigned sites: ADR 0019). */
  let site = '';
  const deps = () => ({ ...app.built.deps, actor: systemActor('test') });

  /** axe on a copy of the page (axe needs script; the page has none), then two screenshots. */
  async function check(page: Page, name: string): Promise<void> {
    await axePage.setContent(await page.content(), { waitUntil: 'load' });
    const violations = await runAxe(axePage);
    for (const width of [390, 1280]) {
      await page.setViewportSize({ width, height: 900 });
      await page.screenshot({ path: `${SHOTS}/prereg-${name}-${width}.png`, fullPage: true });
    }
    assert.equal(violations.length, 0, `${name} (${page.url()}):\n${describeViolations(violations)}`);
  }
  async function submit(page: Page, selector: string, status = 200): Promise<void> {
    const [res] = await Promise.all([page.waitForNavigation(), page.locator(selector).first().click()]);
    assert.equal(res?.status(), status, `${page.url()} answered ${res?.status()}`);
  }
  async function birthDate(page: Page, y: string, m: string, d: string) {
    await page.selectOption('#birthMonth', m);
    await page.fill('#birthDay', d);
    await page.fill('#birthYear', y);
  }
  async function inviteToken(email: string): Promise<string> {
    await app.built.runner.drain([SEND_INVITATION_MESSAGES]);
    const db = app.tdb.db.kysely;
    const rows = await db
      .selectFrom('messages')
      .select('content_enc')
      .where('type', '=', 'preregistration.invitation')
      .execute();
    for (const r of rows) {
      const content = deps().cipher.decrypt(r.content_enc, 'message.content');
      const m = /\/invite\/([A-Za-z0-9_-]+)/.exec(content);
      if (m?.[1] && content.includes(email.split('@')[0] ?? email)) return m[1];
    }
    // One invitation per journey: the latest is ours.
    const last = rows.at(-1)?.content_enc ?? assert.fail('no invitation');
    return /\/invite\/([A-Za-z0-9_-]+)/.exec(deps().cipher.decrypt(last, 'message.content'))?.[1] ?? assert.fail();
  }

  before(async () => {
    mkdirSync(SHOTS, { recursive: true });
    app = await startTestApp('sqlite', { RATE_LIMITS: 'off', QUIET_HOURS: '0-0' });
    const c = catalog({ db: app.tdb.db, now: Date.now });
    program = await c.program('invitation');
    const product = await c.product(program);
    site = await c.site({ doses: { [product]: 10 }, postalCode: '02108' });
    for (let i = 0; i < 2; i++) await c.slot(site, program, Date.now() + (2 + i) * DAY, 1);
    await saveSettings(
      program,
      {
        minAge: 16,
        referenceDate: '2030-01-01',
        zips: [],
        counties: [],
        holdHours: 24,
        horizonDays: 14,
        smsYes: false,
        productId: product,
      },
      deps(),
    );
    const p1 = await addPhase(program, { nameEn: 'Phase 1', nameEs: 'Fase 1' }, deps());
    await addGroup(
      program,
      { phaseId: p1, nameEn: 'Age 65+', nameEs: 'Edad 65+', questionEn: '', questionEs: '', minAge: 65 },
      deps(),
    );
    const p2 = await addPhase(program, { nameEn: 'Phase 2', nameEs: 'Fase 2' }, deps());
    await addGroup(
      program,
      {
        phaseId: p2,
        nameEn: 'Teachers',
        nameEs: 'Docentes',
        questionEn: 'Do you work in a school?',
        questionEs: '¿Trabaja en una escuela?',
        minAge: null,
      },
      deps(),
    );
    await setPhase(program, p1, 'open', deps());
    browser = await launchBrowser();
    axePage = await (await browser.newContext()).newPage();
    await axePage.goto(`${app.url}/healthz`);
  });
  after(async () => {
    await browser?.close();
    await app?.close();
  });

  for (const lang of ['en', 'es'] as const) {
    it(`screens, pre-registers, checks the status and accepts the invitation (${lang})`, async () => {
      const ctx = await browser.newContext({ javaScriptEnabled: false });
      const page = await ctx.newPage();
      const n = (step: string) => `${step}-${lang}`;
      const email = `journey-${lang}@example.com`;
      await page.goto(`${app.url}/?lang=${lang}`);
      await Promise.all([page.waitForNavigation(), page.locator('a[href="/preregister"]').first().click()]);
      await check(page, n('programs'));
      await Promise.all([page.waitForNavigation(), page.locator(`a[href="/preregister/${program}"]`).click()]);
      await check(page, n('screener'));
      await submit(page, 'button[type=submit]', 400);
      await check(page, n('screener-errors'));
      await birthDate(page, '1950', '3', '4');
      await page.fill('#zip', '02109');
      await submit(page, 'button[type=submit]');
      await check(page, n('result-now'));
      await Promise.all([page.waitForNavigation(), page.locator(`a[href$="/register"]`).click()]);
      await check(page, n('register'));
      await submit(page, 'form button[type=submit]', 400);
      await check(page, n('register-errors'));
      await page.fill('#givenName', lang === 'es' ? 'Lucía' : 'Lucy');
      await page.fill('#familyName', 'Journey');
      await birthDate(page, '1950', '3', '4');
      await page.fill('#zip', '02109');
      await page.fill('#email', email);
      await submit(page, 'form button[type=submit]');
      assert.match(page.url(), /\/preregister\/confirmation$/);
      await check(page, n('confirmation'));
      const statusLink = await page.locator('a[href*="/preregister/status/"]').getAttribute('href');
      // The link is absolute on PUBLIC_URL; the test server listens elsewhere.
      await page.goto(`${app.url}${new URL(statusLink ?? assert.fail('no status link')).pathname}`);
      assert.match(page.url(), /\/preregister\/status$/);
      await check(page, n('status'));

      assert.ok((await runMatching(deps(), { programId: program, trigger: 'test' })).invited >= 1);
      await page.goto(`${app.url}/invite/${await inviteToken(email)}`);
      assert.match(page.url(), /\/invite$/);
      await check(page, n('invitation'));
      await birthDate(page, '1951', '3', '4');
      await submit(page, 'button[value=accept]', 400);
      await check(page, n('invitation-mismatch'));
      await birthDate(page, '1950', '3', '4');
      await submit(page, 'button[value=accept]');
      assert.match(page.url(), /\/my-appointment\/[^?]+$/);
      const gone = await page.goto(`${app.url}/invite`);
      assert.equal(gone?.status(), 410);
      await check(page, n('invitation-gone'));
      await ctx.close();
    });
  }

  for (const lang of ['en', 'es'] as const) {
    it(`the console: dashboard and a caller's registration (${lang})`, async () => {
      const email = `manager-${lang}@county.example`;
      const user = await createUserWithOneTimePassword(
        { email, displayName: 'Site Manager', role: 'site-manager', sites: [site] },
        { db: app.tdb.db, now: Date.now, actor: systemActor('test') },
      );
      assert.ok(user.ok);
      const ctx = await browser.newContext({ javaScriptEnabled: false });
      const page = await ctx.newPage();
      const n = (step: string) => `staff-${step}-${lang}`;
      await page.goto(`${app.url}/staff/sign-in?lang=${lang}`);
      await page.fill('#email', email);
      await page.fill('#password', user.oneTimePassword);
      await submit(page, 'main form button[type=submit]');
      await page.fill('#current', user.oneTimePassword);
      await page.fill('#password', 'quiet river morning light');
      await page.fill('#confirm', 'quiet river morning light');
      await submit(page, 'main form button[type=submit]');
      await page.goto(`${app.url}/staff/preregistration`);
      await check(page, n('programs'));
      await page.goto(`${app.url}/staff/preregistration/${program}`);
      await check(page, n('dashboard'));
      await submit(page, `form[action$="/match"] button`);
      await check(page, n('dashboard-queued'));
      await page.goto(`${app.url}/staff/preregistration/${program}/register`);
      await check(page, n('register'));
      await submit(page, 'main form button[type=submit]', 400);
      await check(page, n('register-errors'));
      await ctx.close();
    });
  }
});

/**
 * Same-day standby and the list tools in Chromium with JavaScript OFF, in English and in Spanish: a resident ticks
 * "short notice" on the form; a site manager opens a standby offer (with its error state), sees the offer's state,
 * and a text "YES" books a dose; a call agent is shown a caller's status link once, works the call list (called
 * mark) and answers a held seat for a landline caller (with a wrong birth date first). axe (WCAG 2.2 AA + best
 * practice) on every page; screenshots at 390px and 1280px under test-results/screenshots/standby-*.png.
 */
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import {
  addGroup,
  addPhase,
  preRegister,
  runMatching,
  saveSettings,
  setPhase,
} from '../../src/preregistration/index.js';
import { systemActor } from '../../src/platform/audit/index.js';
import { createUserWithOneTimePassword } from '../../src/staff/index.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { describeViolations, launchBrowser, runAxe } from '../support/browser.js';
import { catalog } from '../support/catalog-fixtures.js';
import { postInboundSms } from '../support/sms-webhook.js';

const SHOTS = 'test-results/screenshots';
const DAY = 86_400_000;
// A Monday, 10:00 in New York (the sites' zone), moving with real time.
const START = Date.UTC(2030, 0, 7, 15);
const began = Date.now();
const now = () => START + (Date.now() - began);

describe('standby and list tools in Chromium (JavaScript off)', () => {
  let app: TestApp;
  let browser: Browser;
  let axePage: Page;
  let program = '';
  let site = '';
  const deps = () => ({ ...app.built.deps, actor: systemActor('test') });

  async function check(page: Page, name: string): Promise<void> {
    await axePage.setContent(await page.content(), { waitUntil: 'load' });
    const violations = await runAxe(axePage);
    for (const width of [390, 1280]) {
      await page.setViewportSize({ width, height: 900 });
      await page.screenshot({ path: `${SHOTS}/standby-${name}-${width}.png`, fullPage: true });
    }
    assert.equal(violations.length, 0, `${name} (${page.url()}):\n${describeViolations(violations)}`);
  }
  async function submit(page: Page, selector: string, status = 200): Promise<void> {
    const [res] = await Promise.all([page.waitForNavigation(), page.locator(selector).first().click()]);
    assert.equal(res?.status(), status, `${page.url()} answered ${res?.status()}`);
  }
  async function signIn(email: string, role: 'site-manager' | 'call-agent', lang: string): Promise<BrowserContext> {
    const user = await createUserWithOneTimePassword(
      { email, displayName: email, role, sites: [site] },
      { db: app.tdb.db, now, actor: systemActor('test') },
    );
    assert.ok(user.ok);
    const ctx = await browser.newContext({ javaScriptEnabled: false });
    const page = await ctx.newPage();
    await page.goto(`${app.url}/staff/sign-in?lang=${lang}`);
    await page.fill('#email', email);
    await page.fill('#password', user.oneTimePassword);
    await submit(page, 'main form button[type=submit]');
    await page.fill('#current', user.oneTimePassword);
    await page.fill('#password', 'quiet river morning light');
    await page.fill('#confirm', 'quiet river morning light');
    await submit(page, 'main form button[type=submit]');
    await page.close();
    return ctx;
  }

  before(async () => {
    mkdirSync(SHOTS, { recursive: true });
    app = await startTestApp('sqlite', { RATE_LIMITS: 'off', QUIET_HOURS: '0-0' }, { now });
    const c = catalog({ db: app.tdb.db, now });
    program = await c.program('invitation');
    const product = await c.product(program);
    site = await c.site({ doses: { [product]: 20 }, postalCode: '02108' });
    for (let i = 0; i < 3; i++) await c.slot(site, program, now() + (2 + i) * DAY, 2);
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
    await setPhase(program, p1, 'open', deps());
    browser = await launchBrowser();
    axePage = await (await browser.newContext()).newPage();
    await axePage.goto(`${app.url}/healthz`);
  });
  after(async () => {
    await browser?.close();
    await app?.close();
  });

  for (const [i, lang] of (['en', 'es'] as const).entries()) {
    it(`a resident ticks standby; a site manager offers leftover doses and a YES books one (${lang})`, async () => {
      const ctx = await browser.newContext({ javaScriptEnabled: false });
      const page = await ctx.newPage();
      const phone = `617555${String(2100 + i)}`;
      await page.goto(`${app.url}/preregister/${program}/register?lang=${lang}`);
      await page.fill('#givenName', lang === 'es' ? 'Inés' : 'Stan');
      await page.fill('#familyName', 'Standby');
      await page.selectOption('#birthMonth', '3');
      await page.fill('#birthDay', '4');
      await page.fill('#birthYear', '1950');
      await page.fill('#zip', '02109');
      await page.fill('#phone', phone);
      await page.click('label[for=standby-0]');
      await submit(page, 'form button[type=submit]');
      assert.match(page.url(), /\/preregister\/confirmation$/);
      await ctx.close();

      const staff = await signIn(`standby-manager-${lang}@county.example`, 'site-manager', lang);
      const s = await staff.newPage();
      const path = `${app.url}/staff/preregistration/${program}/standby`;
      await s.goto(`${app.url}/staff/preregistration/${program}`);
      await Promise.all([s.waitForNavigation(), s.locator(`a[href$="/${program}/standby"]`).click()]);
      await check(s, `console-${lang}`);
      await submit(s, 'main form button[type=submit]', 400);
      await check(s, `console-errors-${lang}`);
      await s.selectOption('#siteId', site);
      await s.fill('#doses', '1');
      await s.fill('#arriveBy', i === 0 ? '11:30' : '11:45');
      await submit(s, 'main form button[type=submit]');
      assert.match(s.url(), /\/standby\/[^/?]+\?done=opened$/);
      await check(s, `offer-${lang}`);
      const reply = await postInboundSms(app, `+1${phone}`, lang === 'es' ? 'SI' : 'YES');
      assert.match(reply, lang === 'es' ? /Tiene cita hoy/ : /You are booked today/);
      await s.reload();
      assert.match(await s.locator('main table').innerText(), lang === 'es' ? /Aceptadas\s+1/ : /Accepted\s+1/);
      await check(s, `offer-booked-${lang}`);
      await s.goto(path);
      await check(s, `console-list-${lang}`);
      await staff.close();
    });
  }

  for (const [i, lang] of (['en', 'es'] as const).entries()) {
    it(`a call agent reads out a status link, works the call list and answers for a caller (${lang})`, async () => {
      const r = await preRegister(
        deps(),
        program,
        {
          birthDate: '1944-05-06',
          zip: '02109',
          county: undefined,
          yes: [],
          forWhom: 'self',
          givenName: lang === 'es' ? 'Rosa' : 'Ruth',
          familyName: `Landline${i}`,
          email: undefined,
          phone: `617555${String(2200 + i)}`,
          callMe: true,
          language: lang,
          needs: [],
          languageNeed: undefined,
          maxMiles: 25,
          preferredSites: [],
          unavailable: [],
        },
        'phone',
      );
      assert.ok(r.ok);
      assert.ok((await runMatching(deps(), { programId: program, trigger: 'test' })).invited >= 1);

      const staff = await signIn(`agent-${lang}@county.example`, 'call-agent', lang);
      const page = await staff.newPage();
      const base = `${app.url}/staff/preregistration/${program}`;
      await page.goto(`${base}/register`);
      await page.fill('#givenName', 'Carl');
      await page.fill('#familyName', `Caller${lang}`);
      await page.selectOption('#birthMonth', '7');
      await page.fill('#birthDay', '8');
      await page.fill('#birthYear', '1948');
      await page.fill('#zip', '02109');
      await page.fill('#phone', `617555${String(2300 + i)}`);
      await page.click('label[for=callMe-0]');
      await submit(page, 'main form button[type=submit]');
      assert.match(await page.locator('main').innerText(), /\/preregister\/status\//);
      await check(page, `register-readout-${lang}`);

      await page.goto(`${base}/call-list`);
      await check(page, `call-list-${lang}`);
      const name = `${lang === 'es' ? 'Rosa' : 'Ruth'} Landline${i}`;
      await Promise.all([page.waitForNavigation(), page.locator(`a[href$="/${r.id}/answer"]`).click()]);
      await check(page, `answer-${lang}`);
      await page.selectOption('#birthMonth', '5');
      await page.fill('#birthDay', '6');
      await page.fill('#birthYear', '1945');
      await submit(page, 'button[value=accept]', 400);
      await check(page, `answer-mismatch-${lang}`);
      await page.selectOption('#birthMonth', '5');
      await page.fill('#birthDay', '6');
      await page.fill('#birthYear', '1944');
      await submit(page, 'button[value=accept]');
      await check(page, `answer-booked-${lang}`);
      await page.goto(`${base}/call-list`);
      assert.doesNotMatch(await page.locator('main').innerText(), new RegExp(name));
      // The caller registered above is due a call: mark them called.
      const marks = await page.locator('main form[action$="/called"] button').count();
      assert.ok(marks >= 1);
      await submit(page, 'main form[action$="/called"] button');
      assert.equal(await page.locator('main form[action$="/called"] button').count(), marks - 1);
      await check(page, `call-list-called-${lang}`);
      await staff.close();
    });
  }
});

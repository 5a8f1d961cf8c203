/**
 * Feedback in Chromium: a resident answers the survey in English and in Spanish with JavaScript off (and cannot
 * answer twice), the Likert form, the on-page invitation after booking (JavaScript off, Spanish) answered with the
 * "you may contact me" choice, and the analyst's and CX team's pages over the demo data — each page in both
 * languages with no axe violations, screenshots at phone and desktop widths, and the charts on their own.
 */
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { listProgramNames } from '../../src/appointments/index.js';
import { createInvitation } from '../../src/feedback/links.js';
import { openResponse } from '../../src/feedback/sealed-text.js';
import { systemActor } from '../../src/platform/audit/index.js';
import { createUserWithOneTimePassword } from '../../src/staff/index.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { describeViolations, launchBrowser, runAxe } from '../support/browser.js';

const SHOTS = 'test-results/screenshots';
const PASSWORD = 'quiet river morning light';

async function check(page: Page, url: string, name: string, status = 200): Promise<void> {
  const res = await page.goto(url);
  assert.equal(res?.status(), status, `${url} answered ${res?.status()}`);
  await axeClean(page, url, name);
}

async function axeClean(page: Page, url: string, name: string): Promise<void> {
  const violations = await runAxe(page);
  await page.screenshot({ path: `${SHOTS}/feedback-${name}.png`, fullPage: true });
  assert.equal(violations.length, 0, `${url}:\n${describeViolations(violations)}`);
}

describe('feedback in Chromium', () => {
  let app: TestApp;
  let browser: Browser;
  let programId = '';
  const tokens: string[] = [];

  async function link(token: string, language: 'en' | 'es', form: 'a11' | 'likert' = 'a11') {
    await createInvitation(app.tdb.db.kysely, {
      origin: 'visit',
      triggerKey: `browser:${token}`,
      form,
      context: { programId, siteId: null, channel: 'web', language, transactionDate: '2026-05-01' },
      now: Date.now(),
      token,
    });
    tokens.push(token);
    return `/feedback/s/${token}?lang=${language}`;
  }

  before(async () => {
    mkdirSync(SHOTS, { recursive: true });
    app = await startTestApp('sqlite', { SEED_DEMO: 'true' });
    browser = await launchBrowser();
    programId = (await listProgramNames(app.tdb.db.kysely))[0]?.id ?? '';
    assert.ok(programId);
  });
  after(async () => {
    await browser?.close();
    await app?.close();
  });

  async function shot(page: Page, name: string): Promise<void> {
    await page.screenshot({ path: `${SHOTS}/feedback-${name}.png`, fullPage: true });
  }

  for (const lang of ['en', 'es'] as const) {
    it(`a resident answers the survey in ${lang} with JavaScript off, once`, async () => {
      const url = await link(`journey-${lang}-token-0123456789`, lang);
      const ctx = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 390, height: 844 } });
      const page = await ctx.newPage();
      assert.equal((await page.goto(`${app.url}${url}`))?.status(), 200);
      await shot(page, `survey-${lang}-phone`);
      await page.getByRole('button', { name: lang === 'es' ? 'Enviar mis respuestas' : 'Send my answers' }).click();
      assert.match(
        await page.locator('.usa-alert--error').innerText(),
        lang === 'es' ? /Elija cuánto/ : /Choose how much/,
      );
      // USWDS hides the native inputs: people (and this test) click the labels.
      await page.locator('label[for=trust-4]').click();
      await page.locator('label[for=wentWell-ease]').click();
      await page.locator('label[for=notWell-efficiency]').click();
      await page.locator('#comment').fill(lang === 'es' ? 'Muy amables' : 'Very kind');
      await page.getByRole('button', { name: lang === 'es' ? 'Enviar mis respuestas' : 'Send my answers' }).click();
      assert.match(page.url(), /\/feedback\/thanks$/);
      assert.equal(await page.locator('h1').innerText(), lang === 'es' ? 'Gracias' : 'Thank you');
      await shot(page, `thanks-${lang}-phone`);
      assert.equal((await page.goto(`${app.url}${url}`))?.status(), 410);
      assert.match(await page.locator('h1').innerText(), lang === 'es' ? /ya fue respondida/ : /already answered/);
      await ctx.close();
      const stored = (await app.tdb.db.kysely.selectFrom('feedback_responses').selectAll().execute())
        .map((r) => openResponse(app.built.deps.cipher, r))
        .filter((r) => r.comment === (lang === 'es' ? 'Muy amables' : 'Very kind'))
        .map((r) => ({ trust: r.trust, went_well: r.went_well, not_well: r.not_well, language: r.language }));
      assert.deepEqual(stored, [{ trust: 4, went_well: ',ease,', not_well: ',efficiency,', language: lang }]);
    });
  }

  it('after booking (JavaScript off, Spanish) the confirmation invites to a survey; the resident answers and asks to be contacted', async () => {
    const db = app.tdb.db.kysely;
    const product = await db
      .selectFrom('products')
      .select('id')
      .where('program_id', '=', programId)
      .where('doses', '=', 1)
      .executeTakeFirstOrThrow();
    const site = await db.selectFrom('sites').select('id').orderBy('name').executeTakeFirstOrThrow();
    const ctx = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 390, height: 844 } });
    const page = await ctx.newPage();
    const axeCtx = await browser.newContext();
    const axePage = await axeCtx.newPage();
    await axePage.goto(`${app.url}/healthz`);
    /** axe needs script: check a copy of the no-script page on the same origin. */
    const axeCopy = async (name: string) => {
      await axePage.setContent(await page.content(), { waitUntil: 'load' });
      const violations = await runAxe(axePage);
      await shot(page, name);
      assert.equal(violations.length, 0, `${name}:\n${describeViolations(violations)}`);
    };
    const submit = async (selector: string) => {
      await Promise.all([page.waitForLoadState('load'), page.locator(selector).first().click()]);
      await page.waitForLoadState('load');
    };
    await page.goto(`${app.url}/book/${programId}/sites/${site.id}?product=${product.id}&lang=es`);
    await submit('a.fd-time');
    await page.click('label[for="forWhom-self"]');
    await page.fill('#givenName', 'Lucía');
    await page.fill('#familyName', 'Encuesta');
    await page.selectOption('#birthMonth', '3');
    await page.fill('#birthDay', '9');
    await page.fill('#birthYear', '1980');
    await page.fill('#email', 'lucia@example.com');
    await page.click('label[for="language-es"]');
    await submit('main form button[type=submit]');
    assert.match(page.url(), /\/review\?product=/);
    await submit('form[data-submit-once] button[type=submit]');
    assert.match(page.url(), /\/my-appointment\/[^/]+\/confirmation$/);
    const invitation = page.locator('#feedback-invitation-heading');
    assert.equal(await invitation.innerText(), 'Díganos cómo le fue al reservar — 1 minuto');
    await axeCopy('booking-confirmation-invitation-es');

    await submit('a.usa-summary-box__link');
    assert.match(page.url(), /\/feedback\/s\/[^?]+\?lang=es$/);
    assert.equal(await page.locator('#contactOk').isChecked(), false, 'anonymous unless chosen');
    await page.locator('label[for=trust-5]').click();
    await page.locator('label[for=contactOk]').click();
    await page.fill('#contact', 'no es un contacto');
    await submit('main form button[type=submit]');
    assert.match(await page.locator('.usa-error-message').first().innerText(), /Escriba un correo electrónico/);
    await axeCopy('survey-contact-error-es');
    await page.fill('#contact', 'lucia.encuesta@example.com');
    await submit('main form button[type=submit]');
    assert.match(page.url(), /\/feedback\/thanks$/);
    await ctx.close();
    await axeCtx.close();

    const stored = await db
      .selectFrom('feedback_responses')
      .innerJoin('feedback_contact_requests', 'feedback_contact_requests.response_id', 'feedback_responses.id')
      .select(['origin', 'channel', 'language', 'trust', 'kind'])
      .execute();
    assert.deepEqual(stored, [{ origin: 'booking', channel: 'web', language: 'es', trust: 5, kind: 'email' }]);
  });

  it('the survey pages (both forms, errors, thanks, refused) pass axe in both languages', async () => {
    const ctx = await browser.newContext();
    const page = await ctx.newPage();
    for (const lang of ['en', 'es'] as const) {
      const url = await link(`axe-${lang}-token-0123456789`, lang);
      await check(page, `${app.url}${url}`, `survey-${lang}`);
      await page.locator('main form button[type=submit]').click();
      await axeClean(page, url, `survey-errors-${lang}`);
      await check(page, `${app.url}${await link(`likert-${lang}-token-0123456789`, lang, 'likert')}`, `likert-${lang}`);
      await check(page, `${app.url}/feedback/thanks?lang=${lang}`, `thanks-${lang}`);
      await check(page, `${app.url}/feedback/s/journey-${lang}-token-0123456789?lang=${lang}`, `refused-${lang}`, 410);
      await check(page, `${app.url}/feedback/s/no-such-token?lang=${lang}`, `not-found-${lang}`, 404);
    }
    await ctx.close();
  });

  it('the analyst pages pass axe in both languages, and the charts render', async () => {
    const created = await createUserWithOneTimePassword(
      { email: 'analyst@county.example', displayName: 'Ana Analyst', role: 'analyst' },
      { db: app.tdb.db, now: Date.now, actor: systemActor('test') },
    );
    assert.ok(created.ok);
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await ctx.newPage();
    await page.goto(`${app.url}/staff/sign-in`);
    await page.fill('#email', 'analyst@county.example');
    await page.fill('#password', created.oneTimePassword);
    await page.click('main form button[type=submit]');
    await page.getByLabel('Current password').fill(created.oneTimePassword);
    await page.getByLabel('New password', { exact: true }).fill(PASSWORD);
    await page.getByLabel('Type the new password again').fill(PASSWORD);
    await page.getByRole('button', { name: 'Save password' }).click();
    const pages: [string, string][] = [
      ['/staff/feedback', 'dashboard'],
      ['/staff/feedback?by=site&grain=quarter', 'dashboard-by-site'],
      ['/staff/feedback/comments', 'comments'],
      ['/staff/feedback/exports', 'exports'],
      ['/staff/feedback/settings', 'settings'],
      [`/staff/feedback/settings/${programId}`, 'settings-edit'],
      ['/staff/feedback/questions/new', 'question-new'],
      ['/staff/feedback/pulse/settings', 'pulse-settings'],
      ['/staff/feedback/pulse/questions/new', 'pulse-question-new'],
      ['/staff/pulse', 'pulse'],
      ['/staff/feedback/pulse/results', 'pulse-results'],
    ];
    for (const lang of ['en', 'es'] as const)
      for (const [path, name] of pages)
        await check(page, `${app.url}${path}${path.includes('?') ? '&' : '?'}lang=${lang}`, `${name}-${lang}`);
    // The analyst sees the resident who asked to be contacted (from the booking step), on the comments view.
    await page.goto(`${app.url}/staff/feedback/comments?lang=en`);
    assert.match(await page.locator('#contacts-heading').innerText(), /People who asked to be contacted/);
    assert.equal(await page.getByText('lucia.encuesta@example.com').count(), 1);
    // The CX team edits a question's wording: the edit page, in both languages.
    await page.goto(`${app.url}/staff/feedback/pulse/questions/new?lang=en`);
    await page.selectOption('#kind', 'text');
    await page.fill('#promptEn', 'What slowed you down this week?');
    await page.fill('#promptEs', '¿Qué le retrasó esta semana?');
    await page.click('main form button[type=submit]');
    await page.waitForURL(/\/staff\/feedback\/pulse\/settings\?done=added$/);
    const edit = await page.locator('a[href$="/edit"]').first().getAttribute('href');
    assert.ok(edit);
    for (const lang of ['en', 'es'] as const)
      await check(page, `${app.url}${edit}?lang=${lang}`, `question-edit-${lang}`);
    await page.goto(`${app.url}/staff/feedback?lang=en`);
    const charts = page.locator('svg.fd-chart');
    assert.equal(await charts.count(), 2, 'trend and importance-vs-performance charts');
    for (const [i, name] of ['trend', 'importance'].entries())
      await page
        .locator('.fd-chart-frame')
        .nth(i)
        .screenshot({ path: `${SHOTS}/feedback-chart-${name}.png` });
    await page.setViewportSize({ width: 390, height: 844 });
    await axeClean(page, '/staff/feedback (phone)', 'dashboard-phone');
    await ctx.close();
  });
});

/**
 * The CX team's settings over HTTP on both engines: each program's trigger switches, custom questions added,
 * edited and retired (and what residents then see), the staff pulse's schedule and its own questions — with bad
 * input answered by a translated error and nothing changed, and every change audited.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DateTime } from 'luxon';
import { signedInClient, startTestApp, type TestApp, type TestClient } from '../../test/support/app.js';
import { engines } from '../../test/support/db.js';
import { createProgram } from '../appointments/index.js';
import { systemActor } from '../platform/audit/index.js';
import type { Role } from '../platform/auth/index.js';
import { createUserWithOneTimePassword } from '../staff/index.js';
import { createInvitation } from './links.js';
import { openPulse } from './sealed-text.js';
import es from './messages/es.json' with { type: 'json' };

async function staff(app: TestApp, email: string, role: Role): Promise<TestClient> {
  const r = await createUserWithOneTimePassword(
    { email, displayName: email, role },
    { db: app.tdb.db, now: Date.now, actor: systemActor('test') },
  );
  assert.ok(r.ok);
  const c = await signedInClient(app.url, email, r.oneTimePassword);
  await c.get('/staff/account/password');
  await c.post('/staff/account/password', {
    current: r.oneTimePassword,
    password: 'a long enough password',
    confirm: 'a long enough password',
  });
  return c;
}

for (const { engine, skip } of engines()) {
  describe(`feedback settings over HTTP (${engine})`, { skip }, () => {
    let app: TestApp;
    let editor: TestClient;
    let programId = '';
    let links = 0;
    const db = () => app.tdb.db.kysely;
    const settingsRow = () =>
      db().selectFrom('feedback_settings').selectAll().where('program_id', '=', programId).executeTakeFirst();
    const questions = () => db().selectFrom('feedback_questions').selectAll().orderBy('created_at').execute();
    const audits = (action: string) => db().selectFrom('audit_log').selectAll().where('action', '=', action).execute();
    /** A fresh survey link for the program, as a resident would open it. */
    async function surveyPage(language: 'en' | 'es' = 'en') {
      const token = `settings-test-token-${links++}-0123456789`;
      await createInvitation(db(), {
        origin: 'visit',
        triggerKey: `settings-test:${token}`,
        form: 'a11',
        context: { programId, siteId: null, channel: 'web', language, transactionDate: '2026-05-01' },
        now: Date.now(),
        token,
      });
      return (await editor.get(`/feedback/s/${token}?lang=${language}`)).text;
    }

    before(async () => {
      app = await startTestApp(engine);
      programId = await createProgram(
        { name: { en: 'Flu shots', es: 'Vacuna contra la gripe' }, bookingMode: 'open' },
        { db: app.tdb.db, now: Date.now, actor: systemActor('test') },
      );
      editor = await staff(app, 'editor@county.example', 'content-editor');
    });
    after(() => app.close());

    it('turns each trigger on or off per program, audited', async () => {
      const list = await editor.get('/staff/feedback/settings');
      assert.equal(list.status, 200);
      assert.match(list.text, /Flu shots/);
      await editor.get(`/staff/feedback/settings/${programId}`);
      const saved = await editor.post(`/staff/feedback/settings/${programId}`, {
        form: 'likert',
        trustWordingEn: '',
        trustWordingEs: '',
        triggerVisit: 'on',
      });
      assert.equal(saved.status, 303);
      assert.equal(saved.location, '/staff/feedback/settings?done=saved');
      const row = await settingsRow();
      assert.deepEqual(
        [row?.form, row?.trigger_visit, row?.trigger_cancellation, row?.trigger_booking],
        ['likert', 1, 0, 0],
      );
      const after = await editor.get(saved.location ?? '');
      assert.match(after.text, /Survey settings saved\./);
      const [audit] = await audits('feedback.settings.updated');
      assert.equal(audit?.subject_id, programId);
      assert.deepEqual(JSON.parse(audit?.details ?? '{}').triggers, {
        visit: true,
        cancellation: false,
        booking: false,
      });
      await editor.get(`/staff/feedback/settings/${programId}`);
      await editor.post(`/staff/feedback/settings/${programId}`, {
        form: 'a11',
        triggerVisit: 'on',
        triggerCancellation: 'on',
        triggerBooking: 'on',
      });
      const on = await settingsRow();
      assert.deepEqual([on?.form, on?.trigger_cancellation, on?.trigger_booking], ['a11', 1, 1]);
    });

    it('refuses bad settings with a translated error and changes nothing', async () => {
      const before = await settingsRow();
      await editor.get(`/staff/feedback/settings/${programId}?lang=es`);
      const bad = await editor.post(`/staff/feedback/settings/${programId}`, {
        form: 'paper',
        trustWordingEn: 'x'.repeat(301),
        triggerVisit: 'on',
      });
      assert.equal(bad.status, 400);
      assert.match(bad.text, /fd-error-summary/);
      assert.ok(bad.text.includes(es['settings.error.form']), 'the form error, in Spanish');
      assert.ok(bad.text.includes(es['settings.error.wording']), 'the wording error, in Spanish');
      assert.deepEqual(await settingsRow(), before);
      await editor.get('/staff/feedback/settings?lang=en');
    });

    it('adds, edits and retires a custom question; residents see exactly the active wording', async () => {
      await editor.get('/staff/feedback/questions/new');
      const added = await editor.post('/staff/feedback/questions/new', {
        programId,
        kind: 'scale',
        promptEn: 'The site was easy to find.',
        promptEs: 'El lugar fue fácil de encontrar.',
      });
      assert.equal(added.status, 303);
      const [q] = await questions();
      assert.ok(q);
      assert.deepEqual([q.audience, q.program_id, q.active], ['resident', programId, 1]);
      assert.match(await surveyPage(), /The site was easy to find\./);
      assert.match(await surveyPage('es'), /El lugar fue fácil de encontrar\./);

      const form = await editor.get(`/staff/feedback/questions/${q.id}/edit`);
      assert.equal(form.status, 200);
      assert.match(form.text, /value="The site was easy to find\."/);
      const edited = await editor.post(`/staff/feedback/questions/${q.id}/edit`, {
        promptEn: 'The site was easy to reach.',
        promptEs: 'Fue fácil llegar al lugar.',
        kind: 'text',
      });
      assert.equal(edited.status, 303);
      assert.equal(edited.location, '/staff/feedback/settings?done=changed');
      const [changed] = await questions();
      assert.deepEqual(
        [changed?.prompt_en, changed?.prompt_es, changed?.kind],
        ['The site was easy to reach.', 'Fue fácil llegar al lugar.', 'scale'],
        'only the wording changes',
      );
      const survey = await surveyPage();
      assert.match(survey, /The site was easy to reach\./);
      assert.doesNotMatch(survey, /easy to find/);
      assert.equal((await audits('feedback.question.edited')).length, 1);

      await editor.get('/staff/feedback/settings');
      const retired = await editor.post(`/staff/feedback/questions/${q.id}/retire`, {});
      assert.equal(retired.status, 303);
      assert.doesNotMatch(await surveyPage(), /easy to reach/);
      await editor.get('/staff/feedback/settings');
      await editor.post(`/staff/feedback/questions/${q.id}/resume`, {});
      assert.match(await surveyPage(), /easy to reach/);
      assert.equal((await audits('feedback.question.retired')).length, 1);
      assert.equal((await audits('feedback.question.resumed')).length, 1);
    });

    it('refuses a bad question (added or edited) with a translated error and changes nothing', async () => {
      const before = await questions();
      await editor.get('/staff/feedback/questions/new?lang=es');
      const bad = await editor.post('/staff/feedback/questions/new', {
        programId,
        kind: 'stars',
        promptEn: 'OK',
        promptEs: '',
      });
      assert.equal(bad.status, 400);
      assert.match(bad.text, /Elija un tipo de respuesta|tipo de respuesta/);
      assert.match(bad.text, /fd-error-summary/);
      const unknownProgram = await editor.post('/staff/feedback/questions/new', {
        programId: 'no-such-program',
        kind: 'text',
        promptEn: 'A fine question?',
        promptEs: '¿Una buena pregunta?',
      });
      assert.equal(unknownProgram.status, 400);
      const id = before[0]?.id ?? '';
      await editor.get(`/staff/feedback/questions/${id}/edit`);
      const badEdit = await editor.post(`/staff/feedback/questions/${id}/edit`, { promptEn: 'x', promptEs: 'y' });
      assert.equal(badEdit.status, 400);
      assert.match(badEdit.text, /fd-error-summary/);
      assert.deepEqual(await questions(), before);
      assert.equal((await editor.get('/staff/feedback/questions/no-such-id/edit')).status, 404);
      await editor.get('/staff/feedback/settings?lang=en');
    });

    it('a site-staff member cannot change settings or questions', async () => {
      const desk = await staff(app, 'desk@county.example', 'site-staff');
      assert.equal((await desk.get(`/staff/feedback/settings/${programId}`)).status, 403);
      assert.equal((await desk.get('/staff/feedback/pulse/settings')).status, 403);
      await desk.get('/staff/pulse');
      const r = await desk.post('/staff/feedback/pulse/settings', { frequency: 'off' });
      assert.equal(r.status, 403);
      assert.equal(await db().selectFrom('pulse_settings').select('id').executeTakeFirst(), undefined);
    });

    it('the pulse schedule is editable: monthly periods, paused, bad input refused', async () => {
      const page = await editor.get('/staff/feedback/pulse/settings');
      assert.equal(page.status, 200);
      assert.match(page.text, /id="frequency" type="radio" name="frequency" value="weekly" checked/);
      const monthly = await editor.post('/staff/feedback/pulse/settings', { frequency: 'monthly' });
      assert.equal(monthly.status, 303);
      const pulse = await editor.get('/staff/pulse');
      const month = DateTime.now().setZone(app.built.deps.config.agencyTimeZone).toFormat('yyyy-MM');
      assert.ok(pulse.text.includes(month), `the period is the month ${month}`);
      assert.equal((await editor.post('/staff/pulse', { workload: '3', tools: '4' })).status, 303);
      const [row] = await db().selectFrom('pulse_responses').selectAll().execute();
      assert.equal(row?.period, month);

      await editor.get('/staff/feedback/pulse/settings?lang=es');
      const bad = await editor.post('/staff/feedback/pulse/settings', { frequency: 'hourly' });
      assert.equal(bad.status, 400);
      assert.match(bad.text, /Elija con qué frecuencia/);
      assert.equal((await db().selectFrom('pulse_settings').selectAll().executeTakeFirst())?.frequency, 'monthly');

      await editor.get('/staff/feedback/pulse/settings?lang=en');
      await editor.post('/staff/feedback/pulse/settings', { frequency: 'off' });
      const paused = await editor.get('/staff/pulse');
      assert.match(paused.text, /The staff pulse is paused/);
      assert.doesNotMatch(paused.text, /name="workload"/);
      assert.equal((await audits('feedback.pulse.scheduled')).length, 2);
      await editor.post('/staff/feedback/pulse/settings', { frequency: 'weekly' });
    });

    it('staff add their own pulse questions; answers stay anonymous and show only from 5 answers', async () => {
      await editor.get('/staff/feedback/pulse/questions/new');
      const added = await editor.post('/staff/feedback/pulse/questions/new', {
        kind: 'scale',
        promptEn: 'Did you get the training you needed?',
        promptEs: '¿Recibió la capacitación que necesitaba?',
        programId,
      });
      assert.equal(added.status, 303);
      assert.equal(added.location, '/staff/feedback/pulse/settings?done=added');
      const q = (await questions()).find((x) => x.audience === 'staff');
      assert.ok(q);
      assert.equal(q.program_id, null, 'pulse questions belong to no program');
      const survey = await surveyPage();
      assert.doesNotMatch(survey, /training you needed/, 'residents never see pulse questions');

      const people: TestClient[] = [];
      for (let i = 0; i < 5; i++) people.push(await staff(app, `pulse${i}@county.example`, 'call-agent'));
      for (const [i, c] of people.entries()) {
        const form = await c.get('/staff/pulse');
        assert.match(form.text, /Did you get the training you needed\?/);
        const bad = await c.post('/staff/pulse', { workload: '3', tools: '3', [`q_${q.id}`]: '9' });
        assert.equal(bad.status, 400);
        const ok = await c.post('/staff/pulse', { workload: '3', tools: '3', [`q_${q.id}`]: String(1 + (i % 5)) });
        assert.equal(ok.status, 303);
      }
      const rows = await db().selectFrom('pulse_responses').selectAll().execute();
      assert.equal(rows.filter((r) => r.custom_answers_enc.includes(q.id)).length, 0, 'encrypted at rest');
      const open = rows.map((r) => openPulse(app.built.deps.cipher, r));
      assert.equal(open.filter((r) => r.custom_answers.includes(q.id)).length, 5);
      const analyst = await staff(app, 'analyst@county.example', 'analyst');
      const results = await analyst.get('/staff/feedback/pulse/results');
      assert.equal(results.status, 200);
      assert.match(results.text, /Did you get the training you needed\?/);
      assert.match(results.text, /3\.00 \(1\.04 to 4\.96\)/, 'the mean of 1..5 with its interval');
    });
  });
}

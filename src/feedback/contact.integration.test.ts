/**
 * "Anonymous unless the resident chooses otherwise" on both engines: the survey's contact choice is unticked, a
 * contact is kept only when ticked (encrypted, in its own table), a contact typed without the tick or a bad one
 * is refused with a translated error and nothing stored, only the analyst role sees it (on the comments view,
 * audited), and no export carries it.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { signedInClient, startTestApp, TestClient, type TestApp } from '../../test/support/app.js';
import { engines } from '../../test/support/db.js';
import { createProgram } from '../appointments/index.js';
import { systemActor } from '../platform/audit/index.js';
import type { Role } from '../platform/auth/index.js';
import { createUserWithOneTimePassword } from '../staff/index.js';
import { createInvitation } from './links.js';
import { openResponse } from './sealed-text.js';

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

const DATE = '2026-05-10';
const EMAIL = 'rosa.contact@example.com';

for (const { engine, skip } of engines()) {
  describe(`survey contact choice (${engine})`, { skip }, () => {
    let app: TestApp;
    let programId = '';
    let n = 0;
    const db = () => app.tdb.db.kysely;
    const contacts = () => db().selectFrom('feedback_contact_requests').selectAll().execute();
    /** A new survey link; returns a resident client on its form and the form's path. */
    async function openSurvey(language: 'en' | 'es' = 'en') {
      const token = `contact-test-token-${n++}-0123456789`;
      await createInvitation(db(), {
        origin: 'visit',
        triggerKey: `contact-test:${token}`,
        form: 'a11',
        context: { programId, siteId: null, channel: 'web', language, transactionDate: DATE },
        now: Date.now(),
        token,
      });
      const c = new TestClient(app.url);
      const page = await c.get(`/feedback/s/${token}?lang=${language}`);
      assert.equal(page.status, 200);
      return { c, path: `/feedback/s/${token}`, page: page.text };
    }

    before(async () => {
      // Every answer here comes from one address: lift the per-client limit the spam test covers elsewhere.
      app = await startTestApp(engine, { FEEDBACK_RATE_PER_MINUTE: '1000' });
      programId = await createProgram(
        { name: { en: 'Flu shots', es: 'Vacuna contra la gripe' }, bookingMode: 'open' },
        { db: app.tdb.db, now: Date.now, actor: systemActor('test') },
      );
      // Ten plain answers, so the comments view shows this selection.
      for (let i = 0; i < 10; i++) {
        const s = await openSurvey();
        assert.equal((await s.c.post(s.path, { trust: '4', comment: `plain ${i}` })).status, 303);
      }
    });
    after(() => app.close());

    it('the choice is offered unticked, with a labelled contact field', async () => {
      const { page } = await openSurvey();
      assert.match(
        page,
        /<input class="usa-checkbox__input" id="contactOk" type="checkbox" name="contactOk" value="yes"\/>/,
      );
      assert.match(
        page,
        /<label class="usa-checkbox__label" for="contactOk">You may contact me about my answers<\/label>/,
      );
      assert.match(page, /<label class="usa-label" for="contact">E-mail address or phone number<\/label>/);
      const es = await openSurvey('es');
      assert.match(es.page, /Pueden comunicarse conmigo sobre mis respuestas/);
    });

    it('a contact without the tick, or a bad one, is refused in the resident language and nothing is kept', async () => {
      const s = await openSurvey('es');
      const unticked = await s.c.post(s.path, { trust: '2', contact: EMAIL });
      assert.equal(unticked.status, 400);
      assert.match(unticked.text, /Marque &quot;Pueden comunicarse conmigo|Marque "Pueden comunicarse conmigo/);
      const bad = await s.c.post(s.path, { trust: '2', contactOk: 'yes', contact: 'call me maybe' });
      assert.equal(bad.status, 400);
      assert.match(bad.text, /Escriba un correo electrónico/);
      assert.equal((await contacts()).length, 0);
      assert.equal((await db().selectFrom('feedback_responses').select('id').execute()).length, 10);
      const fine = await s.c.post(s.path, { trust: '2' });
      assert.equal(fine.status, 303, 'the link is still usable');
      assert.equal((await contacts()).length, 0, 'no tick, no contact');
    });

    it('a ticked contact is kept encrypted, apart from the answers', async () => {
      const s = await openSurvey();
      const r = await s.c.post(s.path, {
        trust: '1',
        comment: 'Please call me back',
        contactOk: 'yes',
        contact: EMAIL,
      });
      assert.equal(r.status, 303);
      const phone = await openSurvey();
      await phone.c.post(phone.path, { trust: '3', contactOk: 'yes', contact: '(555) 010-0199' });
      const rows = await contacts();
      assert.equal(rows.length, 2);
      assert.deepEqual(rows.map((c) => c.kind).sort(), ['email', 'phone']);
      for (const c of rows) {
        assert.ok(!c.contact_enc.includes('rosa') && !c.contact_enc.includes('555'), 'encrypted at rest');
        assert.match(c.contact_enc, /^fd1\./);
      }
      const decrypted = rows.map((c) =>
        app.built.deps.cipher.decrypt(c.contact_enc, 'feedback_contact_requests.contact'),
      );
      assert.deepEqual(decrypted.sort(), ['+15550100199', EMAIL]);
      const responses = await db().selectFrom('feedback_responses').selectAll().execute();
      const response = responses.find((r) => openResponse(app.built.deps.cipher, r).comment === 'Please call me back');
      assert.ok(response);
      assert.ok(!JSON.stringify(response).includes(EMAIL), 'the response row holds no contact');
      assert.ok(!JSON.stringify(response).includes('call me back'), 'the comment is encrypted at rest');
    });

    it('only the analyst role sees the contact, on the comments view, and each read is audited', async () => {
      const analyst = await staff(app, 'analyst@county.example', 'analyst');
      const page = await analyst.get(`/staff/feedback/comments?from=${DATE}&to=${DATE}`);
      assert.equal(page.status, 200);
      assert.match(page.text, /People who asked to be contacted/);
      assert.ok(page.text.includes(EMAIL));
      assert.ok(page.text.includes('+15550100199'));
      const audit = await db()
        .selectFrom('audit_log')
        .selectAll()
        .where('action', '=', 'feedback.contact.viewed')
        .execute();
      assert.equal(audit.length, 2);
      assert.ok(!JSON.stringify(audit).includes(EMAIL), 'the audit log names the record, not the contact');
      const admin = await staff(app, 'admin@county.example', 'admin');
      const adminPage = await admin.get(`/staff/feedback/comments?from=${DATE}&to=${DATE}`);
      assert.equal(adminPage.status, 200);
      assert.match(adminPage.text, /Please call me back/, 'admins see the comments');
      assert.ok(!adminPage.text.includes(EMAIL), 'but not the contact');
      assert.doesNotMatch(adminPage.text, /People who asked to be contacted/);
    });

    it('no export carries a contact', async () => {
      const analyst = await staff(app, 'analyst2@county.example', 'analyst');
      const exports = [
        `/staff/feedback/comments.csv?from=${DATE}&to=${DATE}`,
        `/staff/feedback/exports/responses.csv?from=${DATE}&to=${DATE}`,
        '/staff/feedback/exports/a11.csv?quarter=2026-Q2',
      ];
      for (const path of exports) {
        const r = await analyst.get(path);
        assert.equal(r.status, 200, path);
        assert.ok(!r.text.includes(EMAIL) && !r.text.includes('5550100199'), `${path} has no contact`);
      }
      const comments = await analyst.get(exports[0] ?? '');
      assert.match(comments.text, /Please call me back/, 'the comment itself is exported');
    });
  });
}

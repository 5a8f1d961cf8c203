import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { simpleParser } from 'mailparser';
import { engines } from '../../test/support/db.js';
import { startTestApp, TestClient, signedInClient, type TestApp } from '../../test/support/app.js';
import { catalog } from '../../test/support/catalog-fixtures.js';
import { systemActor } from '../platform/audit/index.js';
import { createApiToken, createUserWithOneTimePassword } from './index.js';

/** POST a form with repeated fields (several checkboxes of one name), with the CSRF token of the last page. */
async function postPairs(c: TestClient, path: string, pairs: [string, string][]) {
  const body = new URLSearchParams(pairs);
  body.set('_csrf', c.lastCsrf ?? '');
  return c.request('POST', path, body.toString(), { 'content-type': 'application/x-www-form-urlencoded' });
}

async function makeUser(
  app: TestApp,
  email: string,
  role: Parameters<typeof createUserWithOneTimePassword>[0]['role'],
) {
  const r = await createUserWithOneTimePassword(
    { email, displayName: email.split('@')[0] ?? email, role },
    { db: app.tdb.db, now: Date.now, actor: systemActor('test') },
  );
  assert.ok(r.ok);
  return r;
}

/** Sign in with the one-time password and set a real one; returns the signed-in client. */
async function activate(app: TestApp, email: string, otp: string, password: string): Promise<TestClient> {
  const c = await signedInClient(app.url, email, otp);
  await c.get('/staff/account/password');
  const r = await c.post('/staff/account/password', { current: otp, password, confirm: password });
  assert.equal(r.status, 303);
  return c;
}

async function outboxMails(app: TestApp) {
  const dir = path.join(app.tdb.dataDir, 'outbox');
  let files: string[] = [];
  try {
    files = readdirSync(dir).sort();
  } catch {
    return [];
  }
  return Promise.all(files.map((f) => simpleParser(readFileSync(path.join(dir, f)))));
}

for (const { engine, skip } of engines()) {
  describe(`staff accounts (${engine})`, { skip }, () => {
    let app: TestApp;
    let admin: TestClient;
    const adminPassword = 'correct horse battery staple';
    before(async () => {
      app = await startTestApp(engine);
      const r = await makeUser(app, 'boss@county.example', 'admin');
      admin = await activate(app, 'boss@county.example', r.oneTimePassword, adminPassword);
    });
    after(() => app.close());

    it('sends an anonymous visitor of a staff page to sign-in and back', async () => {
      const r = await new TestClient(app.url).get('/staff/users');
      assert.equal(r.status, 303);
      assert.equal(r.location, '/staff/sign-in?next=%2Fstaff%2Fusers');
    });

    it('forces a one-time password to be changed before anything else', async () => {
      const r = await makeUser(app, 'fresh@county.example', 'analyst');
      const c = await signedInClient(app.url, 'fresh@county.example', r.oneTimePassword);
      const page = await c.get('/staff');
      assert.equal(page.status, 303);
      assert.equal(page.location, '/staff/account/password');
    });

    it('refuses a wrong password with a translated message and no session', async () => {
      const c = new TestClient(app.url);
      const r = await c.submit('/staff/sign-in?lang=es', '/staff/sign-in', {
        email: 'boss@county.example',
        password: 'nope nope nope',
      });
      assert.equal(r.status, 400);
      assert.match(r.text, /El correo electrónico o la contraseña no son correctos/);
      assert.ok(![...c.cookies.keys()].includes('fd_staff'));
    });

    it('locks an account after five failures, even for the right password', async () => {
      const r = await makeUser(app, 'victim@county.example', 'analyst');
      await activate(app, 'victim@county.example', r.oneTimePassword, 'a much better password');
      const c = new TestClient(app.url);
      for (let i = 0; i < 5; i++)
        await c.submit('/staff/sign-in', '/staff/sign-in', {
          email: 'victim@county.example',
          password: `wrong ${i} attempt`,
        });
      const locked = await c.submit('/staff/sign-in', '/staff/sign-in', {
        email: 'victim@county.example',
        password: 'a much better password',
      });
      assert.equal(locked.status, 400);
      assert.match(locked.text, /Too many failed attempts/);
      const audit = await app.tdb.db.kysely
        .selectFrom('audit_log')
        .select('action')
        .where('action', '=', 'staff.sign-in.locked')
        .execute();
      assert.equal(audit.length, 1);
    });

    it('rejects a form POST without a valid CSRF token and changes nothing', async () => {
      const before = await app.tdb.db.kysely.selectFrom('staff_users').select('id').execute();
      const r = await admin.post(
        '/staff/users/invite',
        { displayName: 'X', email: 'x@county.example', role: 'analyst' },
        { csrf: false },
      );
      assert.equal(r.status, 403);
      assert.match(r.text, /Your form expired/);
      const afterRows = await app.tdb.db.kysely.selectFrom('staff_users').select('id').execute();
      assert.equal(afterRows.length, before.length);
    });

    it('invites a colleague by e-mail; the link sets a password once and activates the account', async () => {
      const r = await admin.submit('/staff/users/invite', '/staff/users/invite', {
        displayName: 'Nia Analyst',
        email: 'Nia@County.example',
        role: 'analyst',
      });
      assert.equal(r.status, 303);
      await app.built.runner.drain();
      const mails = await outboxMails(app);
      const invite = mails.find((m) => m.subject?.includes('staff account'));
      assert.ok(invite, 'an invitation e-mail was written');
      assert.equal(invite.to && 'text' in invite.to ? invite.to.text : '', 'nia@county.example');
      const link = /http:\/\/127\.0\.0\.1:\d+\/staff\/password\/[A-Za-z0-9_-]+/.exec(invite.text ?? '')?.[0];
      assert.ok(link);
      const linkPath = new URL(link).pathname;
      const c = new TestClient(app.url);
      const weak = await c.submit(linkPath, linkPath, { password: 'short', confirm: 'short' });
      assert.equal(weak.status, 400);
      assert.match(weak.text, /at least 12 characters/);
      const ok = await c.submit(linkPath, linkPath, { password: 'analysts love data', confirm: 'analysts love data' });
      assert.equal(ok.status, 303);
      const again = await c.get(linkPath);
      assert.equal(again.status, 410);
      const signed = await signedInClient(app.url, 'nia@county.example', 'analysts love data');
      assert.equal((await signed.get('/staff')).status, 200);
      assert.equal((await signed.get('/staff/users')).status, 403);
    });

    it('shows an invalid invitation form again with translated errors and keeps what was typed', async () => {
      const r = await admin.submit('/staff/users/invite', '/staff/users/invite', {
        displayName: '',
        email: 'not-an-email',
        role: 'analyst',
      });
      assert.equal(r.status, 400);
      assert.match(r.text, /There is a problem/);
      assert.match(r.text, /Enter their full name/);
      assert.match(r.text, /value="not-an-email"/);
    });

    it('lets admins change roles and deactivate, never the last admin', async () => {
      const r = await makeUser(app, 'mover@county.example', 'site-staff');
      const changed = await admin.submit('/staff/users', `/staff/users/${r.userId}/role`, { role: 'site-manager' });
      assert.equal(changed.status, 303);
      const row = await app.tdb.db.kysely
        .selectFrom('staff_users')
        .select(['role', 'status'])
        .where('id', '=', r.userId)
        .executeTakeFirstOrThrow();
      assert.equal(row.role, 'site-manager');
      const off = await admin.submit('/staff/users', `/staff/users/${r.userId}/status`, { active: 'false' });
      assert.equal(off.status, 303);
      const row2 = await app.tdb.db.kysely
        .selectFrom('staff_users')
        .select('status')
        .where('id', '=', r.userId)
        .executeTakeFirstOrThrow();
      assert.equal(row2.status, 'deactivated');
      const me = await app.tdb.db.kysely
        .selectFrom('staff_users')
        .select('id')
        .where('email', '=', 'boss@county.example')
        .executeTakeFirstOrThrow();
      const self = await admin.submit('/staff/users', `/staff/users/${me.id}/role`, { role: 'analyst' });
      assert.equal(self.location, '/staff/users?error=self');
    });

    it('admins give accounts their sites when inviting and editing; audited; the next request sees them', async () => {
      const c = catalog({ db: app.tdb.db, now: Date.now });
      const [north, south] = [await c.site(), await c.site()];
      const names = await app.tdb.db.kysely.selectFrom('sites').select(['id', 'name']).execute();
      const nameOf = (id: string) => names.find((n) => n.id === id)?.name ?? '';
      await admin.get('/staff/users/invite');
      const invited = await postPairs(admin, '/staff/users/invite', [
        ['displayName', 'Desk Person'],
        ['email', 'desk@county.example'],
        ['role', 'site-staff'],
        ['sites', north],
      ]);
      assert.equal(invited.status, 303);
      const desk = await app.tdb.db.kysely
        .selectFrom('staff_users')
        .select('id')
        .where('email', '=', 'desk@county.example')
        .executeTakeFirstOrThrow();
      const assigned = (userId: string) =>
        app.tdb.db.kysely
          .selectFrom('staff_site_assignments')
          .select('site_id')
          .where('user_id', '=', userId)
          .orderBy('site_id')
          .execute()
          .then((rows) => rows.map((r) => r.site_id));
      assert.deepEqual(await assigned(desk.id), [north]);
      const list = await admin.get('/staff/users');
      assert.match(list.text, new RegExp(nameOf(north)));
      assert.match(list.text, /Every site \(by role\)/, 'county-wide roles are said to reach every site');

      // An active site manager with no sites sees none, and is told so; once given two, the next page shows them.
      const m = await makeUser(app, 'lead@county.example', 'site-manager');
      const lead = await activate(app, 'lead@county.example', m.oneTimePassword, 'a long enough password');
      assert.match((await lead.get('/staff')).text, /No sites are assigned to you yet/);
      const form = await admin.get(`/staff/users/${m.userId}/sites`);
      assert.equal(form.status, 200);
      assert.match(form.text, new RegExp(`name="sites" value="${north}"`));
      const saved = await postPairs(admin, `/staff/users/${m.userId}/sites`, [
        ['sites', north],
        ['sites', south],
      ]);
      assert.equal(saved.location, '/staff/users?done=sites-changed');
      assert.deepEqual(await assigned(m.userId), [north, south].sort());
      const home = await lead.get('/staff');
      assert.match(home.text, new RegExp(nameOf(north)));
      assert.match(home.text, new RegExp(nameOf(south)));
      const audit = await app.tdb.db.kysely
        .selectFrom('audit_log')
        .select(['action', 'actor_label', 'details'])
        .where('subject_id', 'in', [desk.id, m.userId])
        .where('action', 'in', ['staff.user.invited', 'staff.user.sites-changed'])
        .orderBy('id')
        .execute();
      assert.deepEqual(
        audit.map((a) => [a.action, a.actor_label, JSON.parse(a.details ?? '{}') as unknown]),
        [
          ['staff.user.invited', 'boss@county.example', { role: 'site-staff', sites: [north] }],
          ['staff.user.sites-changed', 'boss@county.example', { from: [], to: [north, south].sort() }],
        ],
      );

      // An unknown site changes nothing; only admins edit sites.
      await admin.get(`/staff/users/${m.userId}/sites?lang=es`);
      const bad = await postPairs(admin, `/staff/users/${m.userId}/sites`, [['sites', 'no-such-site']]);
      assert.equal(bad.status, 400);
      assert.match(bad.text, /Elija sitios de la lista/);
      assert.deepEqual(await assigned(m.userId), [north, south].sort());
      await admin.get('/staff/users?lang=en');
      assert.equal((await lead.get(`/staff/users/${m.userId}/sites`)).status, 403);
    });

    it('a site-staff token carries its sites; other roles reach every site', async () => {
      const site = await catalog({ db: app.tdb.db, now: Date.now }).site();
      await admin.get('/staff/tokens');
      const page = await postPairs(admin, '/staff/tokens', [
        ['name', 'desk scanner'],
        ['role', 'site-staff'],
        ['sites', site],
      ]);
      assert.equal(page.status, 201);
      const token = /data-token[^>]*>\s*(fd_[A-Za-z0-9_-]+)/.exec(page.text)?.[1] ?? assert.fail('no token');
      const me = await new TestClient(app.url, { authorization: `Bearer ${token}` }).get('/api/v1/me');
      assert.deepEqual((JSON.parse(me.text) as { sites: unknown }).sites, [site]);
      const d = { db: app.tdb.db, now: Date.now, actor: systemActor('test') };
      const other = await createApiToken({ name: 'numbers', role: 'analyst', sites: [site] }, d);
      const wide = await new TestClient(app.url, { authorization: `Bearer ${other.token}` }).get('/api/v1/me');
      assert.equal((JSON.parse(wide.text) as { sites: unknown }).sites, 'all');
      const scanner = await app.tdb.db.kysely
        .selectFrom('api_tokens')
        .select('id')
        .where('name', '=', 'desk scanner')
        .executeTakeFirstOrThrow();
      const audit = await app.tdb.db.kysely
        .selectFrom('audit_log')
        .select('details')
        .where('action', '=', 'staff.token.created')
        .where('subject_id', '=', scanner.id)
        .executeTakeFirstOrThrow();
      assert.deepEqual((JSON.parse(audit.details ?? '{}') as { sites: string[] }).sites, [site]);
      await admin.get('/staff/tokens');
      const refused = await postPairs(admin, '/staff/tokens', [
        ['name', 'bad'],
        ['role', 'site-staff'],
        ['sites', 'no-such-site'],
      ]);
      assert.equal(refused.status, 400);
      assert.match(refused.text, /Choose sites from the list/);
    });

    it('creates an API token shown once; a token of the wrong role gets 403, a revoked one 401', async () => {
      const page = await admin.submit('/staff/tokens', '/staff/tokens', {
        name: 'reporting pipeline',
        role: 'analyst',
      });
      assert.equal(page.status, 201);
      const token = /data-token[^>]*>\s*(fd_[A-Za-z0-9_-]+)/.exec(page.text)?.[1];
      assert.ok(token);
      const stored = await app.tdb.db.kysely.selectFrom('api_tokens').select('token_hash').execute();
      assert.ok(
        stored.every((s) => s.token_hash !== token),
        'the plain token is never stored',
      );
      const api = new TestClient(app.url, { authorization: `Bearer ${token}` });
      const me = await api.get('/api/v1/me');
      assert.equal(me.status, 200);
      assert.equal((JSON.parse(me.text) as { role: string }).role, 'analyst');
      const forbidden = await api.get('/api/v1/staff/users');
      assert.equal(forbidden.status, 403);
      assert.deepEqual(JSON.parse(forbidden.text), {
        error: { code: 'forbidden', message: 'This token’s role is not allowed to do this.' },
      });
      const row = await app.tdb.db.kysely
        .selectFrom('api_tokens')
        .select('id')
        .where('name', '=', 'reporting pipeline')
        .executeTakeFirstOrThrow();
      await admin.submit('/staff/tokens', `/staff/tokens/${row.id}/revoke`, {});
      assert.equal((await api.get('/api/v1/me')).status, 401);
    });

    it('an admin token reads users and the audit log, which shows who did what', async () => {
      const { token } = await createApiToken(
        { name: 'auditor', role: 'admin' },
        { db: app.tdb.db, now: Date.now, actor: systemActor('test') },
      );
      const api = new TestClient(app.url, { authorization: `Bearer ${token}` });
      const users = JSON.parse((await api.get('/api/v1/staff/users')).text) as { users: { email: string }[] };
      assert.ok(users.users.some((u) => u.email === 'boss@county.example'));
      const audit = JSON.parse((await api.get('/api/v1/audit?action=staff.user.role-changed')).text) as {
        entries: { actorLabel: string; details: { to: string } }[];
      };
      assert.ok(audit.entries.some((e) => e.actorLabel === 'boss@county.example' && e.details.to === 'site-manager'));
      const page = await admin.get('/staff/audit?actor=boss');
      assert.equal(page.status, 200);
      assert.match(page.text, /staff\.user\.role-changed/);
    });

    it('lists failed jobs for admins and retries one, audited', async () => {
      const { enqueue } = await import('../platform/jobs/index.js');
      const { id } = await enqueue(app.tdb.db.kysely, app.tdb.db.dialect, 'send-password-link', {
        userId: 'gone',
        purpose: 'reset',
        locale: 'en',
      });
      await app.tdb.db.kysely
        .updateTable('jobs')
        .set({ status: 'failed', attempts: 10, last_error: 'smtp refused' })
        .where('id', '=', id)
        .execute();
      const page = await admin.get('/staff/jobs');
      assert.match(page.text, /smtp refused/);
      const r = await admin.post(`/staff/jobs/${id}/retry`, {});
      assert.equal(r.status, 303);
      const job = await app.tdb.db.kysely
        .selectFrom('jobs')
        .select(['status', 'attempts'])
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      assert.deepEqual(job, { status: 'queued', attempts: 0 });
      const audit = await app.tdb.db.kysely
        .selectFrom('audit_log')
        .select('subject_id')
        .where('action', '=', 'jobs.retried')
        .execute();
      assert.deepEqual(audit, [{ subject_id: String(id) }]);
    });

    it('the audit log refuses changes at the database', async () => {
      await assert.rejects(app.tdb.db.kysely.updateTable('audit_log').set({ action: 'tampered' }).execute());
      await assert.rejects(app.tdb.db.kysely.deleteFrom('audit_log').execute());
    });

    it('ends a session after its idle time', async () => {
      const { resolveSession } = await import('./sessions.js');
      const c = await signedInClient(app.url, 'boss@county.example', adminPassword);
      const token = c.cookies.get('fd_staff');
      assert.ok(token);
      const policy = app.built.deps.config.sessions;
      assert.ok(await resolveSession(app.tdb.db.kysely, token, Date.now(), policy));
      assert.equal(
        await resolveSession(app.tdb.db.kysely, token, Date.now() + (policy.idleMinutes + 1) * 60_000, policy),
        null,
      );
      assert.equal(
        await resolveSession(app.tdb.db.kysely, token, Date.now(), policy),
        null,
        'the expired session is gone',
      );
    });

    it('sign-out ends the session', async () => {
      const c = await signedInClient(app.url, 'boss@county.example', adminPassword);
      const token = c.cookies.get('fd_staff');
      await c.get('/staff');
      const r = await c.post('/staff/sign-out', {});
      assert.equal(r.location, '/staff/sign-in?done=signed-out');
      const stale = new TestClient(app.url);
      stale.cookies.set('fd_staff', token ?? '');
      assert.equal((await stale.get('/staff')).status, 303);
    });

    it('a password reset link arrives by e-mail and never reveals unknown addresses', async () => {
      const c = new TestClient(app.url);
      const known = await c.submit('/staff/forgot-password', '/staff/forgot-password', {
        email: 'boss@county.example',
      });
      const unknown = await c.submit('/staff/forgot-password', '/staff/forgot-password', {
        email: 'nobody@county.example',
      });
      assert.equal(known.location, unknown.location);
      await app.built.runner.drain();
      const mails = await outboxMails(app);
      assert.ok(mails.some((m) => m.subject?.startsWith('Reset your')));
      assert.ok(!mails.some((m) => JSON.stringify(m.to).includes('nobody@')));
    });
  });
}

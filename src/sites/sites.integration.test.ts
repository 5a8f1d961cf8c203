import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { signedInClient, startTestApp, TestClient, type TestApp } from '../../test/support/app.js';
import { engines } from '../../test/support/db.js';
import { systemActor } from '../platform/audit/index.js';
import { createApiToken, createUserWithOneTimePassword } from '../staff/index.js';

const site = {
  name: 'North Clinic',
  address: '1 North Road, Springfield',
  postalCode: '12345',
  timeZone: 'America/Chicago',
  phone: '555-010-0300',
  status: 'active',
};

async function staff(
  app: TestApp,
  email: string,
  role: 'admin' | 'site-manager' | 'analyst',
  sites: string[] = [],
): Promise<TestClient> {
  const r = await createUserWithOneTimePassword(
    { email, displayName: email, role, sites },
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
  describe(`sites (${engine})`, { skip }, () => {
    let app: TestApp;
    let admin: TestClient;
    const siteId = async (name: string) =>
      (await app.tdb.db.kysely.selectFrom('sites').select('id').where('name', '=', name).executeTakeFirstOrThrow()).id;
    before(async () => {
      app = await startTestApp(engine);
      // Adding sites is county-wide work (admins); site managers edit the sites assigned to them (ADR 0019).
      admin = await staff(app, 'manager@county.example', 'admin');
    });
    after(() => app.close());

    it('an admin adds a site; it is listed in its own time zone and audited', async () => {
      const r = await admin.submit('/staff/sites/new', '/staff/sites/new', site);
      assert.equal(r.location, '/staff/sites?done=created');
      const list = await admin.get('/staff/sites?done=created');
      assert.match(list.text, /North Clinic/);
      assert.match(list.text, /America\/Chicago/);
      const audit = await app.tdb.db.kysely
        .selectFrom('audit_log')
        .select(['action', 'actor_label'])
        .where('action', '=', 'sites.created')
        .execute();
      assert.deepEqual(audit, [{ action: 'sites.created', actor_label: 'manager@county.example' }]);
    });

    it('bad input gets translated errors and changes nothing', async () => {
      const before = await app.tdb.db.kysely.selectFrom('sites').select('id').execute();
      await admin.get('/staff/sites/new?lang=es');
      const r = await admin.post('/staff/sites/new', {
        ...site,
        name: 'X',
        postalCode: 'abc',
        timeZone: 'Mars/Base',
      });
      assert.equal(r.status, 400);
      assert.match(r.text, /Escriba un código postal de 5 dígitos/);
      assert.match(r.text, /Escriba una zona horaria como America\/New_York/);
      const afterRows = await app.tdb.db.kysely.selectFrom('sites').select('id').execute();
      assert.equal(afterRows.length, before.length);
      await admin.get('/staff/sites?lang=en');
    });

    it('a duplicate name is refused with a clear message', async () => {
      const r = await admin.submit('/staff/sites/new', '/staff/sites/new', site);
      assert.equal(r.status, 409);
      assert.match(r.text, /Another site already has this name/);
    });

    it('a site manager edits only their own sites and adds none; another site is not found', async () => {
      await admin.submit('/staff/sites/new', '/staff/sites/new', { ...site, name: 'South Clinic' });
      const north = await siteId('North Clinic');
      const south = await siteId('South Clinic');
      const own = await staff(app, 'north@county.example', 'site-manager', [north]);
      const list = await own.get('/staff/sites');
      assert.match(list.text, /North Clinic/);
      assert.doesNotMatch(list.text, /South Clinic/);
      assert.doesNotMatch(list.text, /href="\/staff\/sites\/new"/);
      assert.equal((await own.get(`/staff/sites/${north}/edit`)).status, 200);
      assert.equal((await own.get(`/staff/sites/${south}/edit`)).status, 404);
      const r = await own.post(`/staff/sites/${south}/edit`, { ...site, name: 'South Clinic', phone: '' });
      assert.equal(r.status, 404);
      assert.equal((await own.get('/staff/sites/new')).status, 403);
      assert.equal((await own.post('/staff/sites/new', { ...site, name: 'Mine' })).status, 403);
      assert.equal((await own.get('/staff/sites/import')).status, 403);
    });

    it('a site manager with no sites sees none, and is told why', async () => {
      const none = await staff(app, 'nowhere@county.example', 'site-manager');
      const list = await none.get('/staff/sites');
      assert.equal(list.status, 200);
      assert.doesNotMatch(list.text, /North Clinic/);
      assert.match(list.text, /No sites are assigned to you yet/);
    });

    it('editing records which fields changed', async () => {
      const row = { id: await siteId('North Clinic') };
      const r = await admin.submit(`/staff/sites/${row.id}/edit`, `/staff/sites/${row.id}/edit`, {
        ...site,
        phone: '',
        status: 'inactive',
      });
      assert.equal(r.location, '/staff/sites?done=updated');
      const saved = await app.tdb.db.kysely
        .selectFrom('sites')
        .select(['status', 'phone'])
        .where('id', '=', row.id)
        .executeTakeFirstOrThrow();
      assert.deepEqual(saved, { status: 'inactive', phone: null });
      const audit = await app.tdb.db.kysely
        .selectFrom('audit_log')
        .select('details')
        .where('action', '=', 'sites.updated')
        .executeTakeFirstOrThrow();
      assert.deepEqual(JSON.parse(audit.details ?? '{}'), { changed: ['phone', 'status'] });
    });

    it('records access features, languages spoken, walk-ins and the VTrckS PIN', async () => {
      await admin.get('/staff/sites/new');
      const body = new URLSearchParams({
        ...site,
        name: 'Access Clinic',
        languages: 'en, ES, vi',
        walkIns: 'yes',
        vtrcksPin: 'PIN12345',
      });
      body.append('accessibility', 'wheelchair');
      body.append('accessibility', 'asl');
      body.set('_csrf', admin.lastCsrf ?? '');
      const r = await admin.request('POST', '/staff/sites/new', body.toString(), {
        'content-type': 'application/x-www-form-urlencoded',
      });
      assert.equal(r.status, 303);
      const row = await app.tdb.db.kysely
        .selectFrom('sites')
        .select(['accessibility', 'languages', 'walk_ins', 'vtrcks_pin'])
        .where('name', '=', 'Access Clinic')
        .executeTakeFirstOrThrow();
      assert.deepEqual(row, {
        accessibility: '["wheelchair","asl"]',
        languages: '["en","es","vi"]',
        walk_ins: 1,
        vtrcks_pin: 'PIN12345',
      });
      const bad = await admin.submit('/staff/sites/new', '/staff/sites/new', {
        ...site,
        name: 'Bad Clinic',
        languages: 'english!',
      });
      assert.equal(bad.status, 400);
      assert.match(bad.text, /Enter language codes like en, es/);
    });

    it('an analyst can neither see nor change sites', async () => {
      const analyst = await staff(app, 'numbers@county.example', 'analyst');
      assert.equal((await analyst.get('/staff/sites')).status, 403);
      const r = await analyst.post('/staff/sites/new', site);
      assert.equal(r.status, 403);
    });

    it('lists sites on the staff API for a fitting token (a site-staff token: its own only), 403 for others', async () => {
      const ok = await createApiToken(
        { name: 'scheduler', role: 'site-staff', sites: [await siteId('North Clinic')] },
        { db: app.tdb.db, now: Date.now, actor: systemActor('test') },
      );
      const no = await createApiToken(
        { name: 'bi', role: 'content-editor' },
        { db: app.tdb.db, now: Date.now, actor: systemActor('test') },
      );
      const r = await new TestClient(app.url, { authorization: `Bearer ${ok.token}` }).get('/api/v1/sites');
      assert.equal(r.status, 200);
      const listed = (JSON.parse(r.text) as { sites: { name: string; timeZone: string }[] }).sites;
      assert.deepEqual(
        listed.map((s) => [s.name, s.timeZone]),
        [['North Clinic', 'America/Chicago']],
      );
      assert.equal(
        (await new TestClient(app.url, { authorization: `Bearer ${no.token}` }).get('/api/v1/sites')).status,
        403,
      );
    });
  });
}

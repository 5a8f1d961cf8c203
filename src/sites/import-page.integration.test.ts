/** Importing sites from CSV in the console: a good file imports every row; one bad row imports nothing. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { signedInClient, startTestApp, type TestApp, type TestClient } from '../../test/support/app.js';
import { engines } from '../../test/support/db.js';
import { systemActor } from '../platform/audit/index.js';
import { createUserWithOneTimePassword } from '../staff/index.js';
import { SAMPLE_SITES_CSV } from './import-routes.js';

async function staff(app: TestApp, email: string, role: 'admin' | 'site-manager'): Promise<TestClient> {
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
  describe(`sites CSV import page (${engine})`, { skip }, () => {
    let app: TestApp;
    let admin: TestClient;
    const count = async () => (await app.tdb.db.kysely.selectFrom('sites').select('id').execute()).length;
    before(async () => {
      app = await startTestApp(engine);
      // Adding sites is county-wide work: admins (ADR 0019).
      admin = await staff(app, 'importer@county.example', 'admin');
    });
    after(() => app.close());

    it('offers a sample that imports as it is, with a summary and an audit row', async () => {
      const sample = await admin.get('/staff/sites/import/sample.csv');
      assert.equal(sample.status, 200);
      assert.match(sample.headers.get('content-type') ?? '', /text\/csv/);
      assert.match(sample.headers.get('content-disposition') ?? '', /attachment/);
      const r = await admin.submit('/staff/sites/import', '/staff/sites/import', { csv: sample.text });
      assert.equal(r.status, 303);
      assert.equal(r.location, '/staff/sites/import?imported=2');
      const page = await admin.get(r.location ?? '');
      assert.match(page.text, /2 sites imported/);
      assert.equal(await count(), 2);
      const audit = await app.tdb.db.kysely
        .selectFrom('audit_log')
        .select(['details', 'actor_label'])
        .where('action', '=', 'sites.imported')
        .executeTakeFirstOrThrow();
      assert.deepEqual(audit, { details: '{"count":2}', actor_label: 'importer@county.example' });
      assert.equal(SAMPLE_SITES_CSV, sample.text);
    });

    it('takes a real file upload (multipart) and still demands the CSRF token', async () => {
      const before = await count();
      const page = await admin.get('/staff/sites/import');
      assert.match(page.text, /enctype="multipart\/form-data"/);
      const csv = 'name,address,postalCode,timeZone\nUploaded Place,9 File Road Springfield,12345,America/Chicago\n';
      const file = { field: 'file', name: 'sites.csv', type: 'text/csv', content: csv };
      const forged = await admin.upload('/staff/sites/import', {}, file, { csrf: false });
      assert.equal(forged.status, 403);
      assert.equal(await count(), before);
      await admin.get('/staff/sites/import');
      const r = await admin.upload('/staff/sites/import', { csv: '' }, file);
      assert.equal(r.status, 303, r.text.slice(0, 300));
      assert.equal(r.location, '/staff/sites/import?imported=1');
      assert.equal(await count(), before + 1);
    });

    it('lists every bad row by row and column, translated, and imports nothing', async () => {
      const before = await count();
      await admin.get('/staff/sites/import?lang=es');
      const csv = [
        'name,address,postalCode,timeZone',
        'Good Place,1 Good Road Springfield,12345,America/New_York',
        'Eastside Community Center,2 Dup Road Springfield,12345,America/New_York',
        'Bad Zip,3 Bad Road Springfield,ABCDE,Mars/Base',
      ].join('\n');
      const r = await admin.post('/staff/sites/import', { csv });
      assert.equal(r.status, 400);
      assert.match(r.text, /Se encontraron 2 problemas/);
      assert.match(r.text, /No se importó nada/);
      assert.match(r.text, /Escriba un código postal de 5 dígitos/);
      assert.match(r.text, /Escriba una zona horaria como America\/New_York/);
      assert.match(r.text, /<th scope="row" data-label="Fila">4<\/th>/);
      assert.match(r.text, /Good Place/, 'the pasted text is shown again to fix');
      assert.equal(await count(), before);
      // Once every row reads well, a name already taken is named on its row.
      const dup = await admin.post('/staff/sites/import', { csv: csv.split('\n').slice(0, 3).join('\n') });
      assert.equal(dup.status, 400);
      assert.match(dup.text, /Otro sitio ya tiene este nombre/);
      assert.match(dup.text, /<th scope="row" data-label="Fila">3<\/th>/);
      assert.equal(await count(), before);
      const empty = await admin.post('/staff/sites/import', { csv: 'name,address\n' });
      assert.match(empty.text, /El archivo no tiene filas/);
      await admin.get('/staff/sites?lang=en');
    });

    it('is for admins only (a site manager edits their own sites but adds none)', async () => {
      const clerk = await staff(app, 'clerk@county.example', 'site-manager');
      assert.equal((await clerk.get('/staff/sites/import')).status, 403);
      assert.equal((await clerk.post('/staff/sites/import', { csv: SAMPLE_SITES_CSV })).status, 403);
    });
  });
}

/** Importing slots from CSV in the console: the sample imports as it is; one bad row imports nothing. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { signedInClient, startTestApp, type TestApp, type TestClient } from '../../../test/support/app.js';
import { engines } from '../../../test/support/db.js';
import { inventoryFixture, type Fixture } from '../../../test/support/inventory-fixture.js';
import { systemActor } from '../../platform/audit/index.js';
import { createUserWithOneTimePassword } from '../../staff/index.js';

for (const { engine, skip } of engines()) {
  describe(`slots CSV import page (${engine})`, { skip }, () => {
    let app: TestApp;
    let f: Fixture;
    let manager: TestClient;
    const count = async () => (await app.tdb.db.kysely.selectFrom('slots').select('id').execute()).length;
    before(async () => {
      app = await startTestApp(engine);
      f = await inventoryFixture(app.built.deps);
      const harbor = await f.site('Harbor Clinic');
      await f.site('Other Clinic');
      const r = await createUserWithOneTimePassword(
        { email: 'slots@county.example', displayName: 'Slots', role: 'site-manager', sites: [harbor] },
        { db: app.tdb.db, now: Date.now, actor: systemActor('test') },
      );
      assert.ok(r.ok);
      manager = await signedInClient(app.url, 'slots@county.example', r.oneTimePassword);
      await manager.get('/staff/account/password');
      await manager.post('/staff/account/password', {
        current: r.oneTimePassword,
        password: 'a long enough password',
        confirm: 'a long enough password',
      });
    });
    after(() => app.close());

    it('the sample names a real site and program and imports as it is', async () => {
      const sample = await manager.get('/staff/appointments/slots/import/sample.csv');
      assert.equal(sample.status, 200);
      assert.match(sample.text, new RegExp(`Harbor Clinic,${f.programId},`));
      const r = await manager.submit('/staff/appointments/slots/import', '/staff/appointments/slots/import', {
        csv: sample.text,
      });
      assert.equal(r.location, '/staff/appointments/slots/import?imported=2');
      assert.match((await manager.get(r.location ?? '')).text, /2 slots imported/);
      assert.equal(await count(), 2);
      const audit = await app.tdb.db.kysely
        .selectFrom('audit_log')
        .select('actor_label')
        .where('action', '=', 'appointments.slots.imported')
        .execute();
      assert.deepEqual(audit, [{ actor_label: 'slots@county.example' }]);
      // The same file again: those times are taken, nothing more is imported.
      const again = await manager.post('/staff/appointments/slots/import', { csv: sample.text });
      assert.equal(again.status, 400);
      assert.match(again.text, /A slot already starts at one of these times/);
      assert.equal(await count(), 2);
    });

    it('a site manager imports only at their own sites: another site is "no such site"', async () => {
      const csv = `site,program,date,time,durationMinutes,capacity\nOther Clinic,${f.programId},2030-05-07,09:00,15,4\n`;
      await manager.get('/staff/appointments/slots/import');
      const r = await manager.post('/staff/appointments/slots/import', { csv });
      assert.equal(r.status, 400);
      assert.match(r.text, /No site has this name or id/);
      assert.equal(await count(), 2);
    });

    it('names each bad row and column in Spanish and imports nothing', async () => {
      await manager.get('/staff/appointments/slots/import?lang=es');
      const csv = [
        'site,program,date,time,durationMinutes,capacity',
        `Harbor Clinic,${f.programId},2030-05-06,09:00,15,4`,
        `Nowhere,${f.programId},2030-05-06,09:15,15,4`,
        `Harbor Clinic,${f.programId},2030-03-10,02:30,15,4`,
        `Harbor Clinic,${f.programId},06/05/2030,25:00,0,-1`,
      ].join('\n');
      const r = await manager.post('/staff/appointments/slots/import', { csv });
      assert.equal(r.status, 400);
      assert.match(r.text, /Escriba una fecha real como AAAA-MM-DD/);
      assert.match(r.text, /Escriba la hora como HH:mm/);
      assert.match(r.text, /Escriba la duración en minutos/);
      assert.match(r.text, /Escriba cuántas personas caben/);
      assert.match(r.text, /<th scope="row" data-label="Fila">5<\/th>/);
      assert.equal(await count(), 2);
      // With every row well formed, the site and the spring-forward hour are named on their rows.
      const r2 = await manager.post('/staff/appointments/slots/import', {
        csv: csv.split('\n').slice(0, 4).join('\n'),
      });
      assert.match(r2.text, /Ningún sitio tiene este nombre o id/);
      assert.match(r2.text, /<th scope="row" data-label="Fila">3<\/th>/);
      assert.equal(await count(), 2);
      const r3 = await manager.post('/staff/appointments/slots/import', {
        csv: [csv.split('\n')[0], csv.split('\n')[3]].join('\n'),
      });
      assert.match(r3.text, /Esa hora no existe ese día en el sitio/);
      assert.equal(await count(), 2);
      await manager.get('/staff/inventory?lang=en');
    });
  });
}

/**
 * The eligibility editor on both engines, through the console pages a site manager uses: settings, phases and
 * groups (add, edit, reorder), ZIP weights (file upload, paste, problems by row in Spanish, all or nothing, clear).
 * Every valid post is stored and audited with the manager's name; every invalid one answers a translated error and
 * changes nothing. An analyst can open none of it.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { signedInClient, startTestApp, type TestApp, type TestClient } from '../../../test/support/app.js';
import { catalog } from '../../../test/support/catalog-fixtures.js';
import { engines } from '../../../test/support/db.js';
import { systemActor } from '../../platform/audit/index.js';
import { createUserWithOneTimePassword } from '../../staff/index.js';

async function staff(app: TestApp, email: string, role: 'site-manager' | 'analyst') {
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
  describe(`eligibility editor (${engine})`, { skip }, () => {
    let app: TestApp;
    let manager: TestClient;
    let analyst: TestClient;
    let program = '';
    let other = '';
    let product2 = '';
    const db = () => app.tdb.db.kysely;
    const base = () => `/staff/preregistration/${program}/eligibility`;
    const audit = (action: string) =>
      db().selectFrom('audit_log').select(['actor_label', 'subject_id']).where('action', '=', action).execute();
    const phases = () =>
      db().selectFrom('prereg_phases').selectAll().where('program_id', '=', program).orderBy('position').execute();
    const groups = () =>
      db().selectFrom('prereg_groups').selectAll().where('program_id', '=', program).orderBy('position').execute();
    const weights = () =>
      db()
        .selectFrom('prereg_zip_weights')
        .select(['zip', 'weight'])
        .where('program_id', '=', program)
        .orderBy('zip')
        .execute();

    before(async () => {
      app = await startTestApp(engine, { RATE_LIMITS: 'off' });
      const c = catalog({ db: app.tdb.db, now: Date.now });
      program = await c.program('invitation');
      await c.product(program);
      product2 = await c.product(program);
      other = await c.program('invitation');
      manager = await staff(app, 'editor@county.example', 'site-manager');
      analyst = await staff(app, 'analyst@county.example', 'analyst');
    });
    after(() => app.close());

    it('settings: a program without pre-registration is set up; bad values are refused in Spanish', async () => {
      const setup = await manager.get('/staff/preregistration/setup');
      assert.equal(setup.status, 200);
      assert.match(setup.text, new RegExp(`href="${base()}"`));
      const overview = await manager.get(base());
      assert.match(overview.text, /Residents do not see this program yet/);

      await manager.get(`${base()}/settings?lang=es`);
      const bad = await manager.post(`${base()}/settings`, {
        minAge: 'abc',
        referenceDate: '2030-02-31x',
        zips: '02108\n123',
        counties: '',
        holdHours: '0',
        horizonDays: '',
      });
      assert.equal(bad.status, 400);
      assert.match(bad.text, /Hay un problema/);
      assert.match(bad.text, /Escriba una edad de 0 a 120/);
      assert.match(bad.text, /Escriba una fecha como AAAA-MM-DD/);
      assert.match(bad.text, /Escriba códigos postales de 5 dígitos/);
      assert.match(bad.text, /Escriba de 1 a 168 horas/);
      assert.match(bad.text, /Escriba de 1 a 90 días/);
      assert.match(bad.text, /value="02108\n123"|02108\n123<\/textarea>/);
      assert.equal(await db().selectFrom('prereg_settings').selectAll().executeTakeFirst(), undefined);
      assert.deepEqual(await audit('preregistration.settings.saved'), []);

      await manager.get(`${base()}/settings?lang=en`);
      const ok = await manager.post(`${base()}/settings`, {
        minAge: '18',
        referenceDate: '2030-01-01',
        zips: '02108, 02109\n02110',
        counties: 'Suffolk\nMiddlesex',
        holdHours: '12',
        horizonDays: '21',
        smsYes: 'yes',
        productId: product2,
      });
      assert.equal(ok.status, 303);
      assert.equal(ok.location, `${base()}?done=settings`);
      const s = await db()
        .selectFrom('prereg_settings')
        .selectAll()
        .where('program_id', '=', program)
        .executeTakeFirstOrThrow();
      assert.deepEqual(
        {
          min: s.min_age,
          ref: s.reference_date,
          zips: JSON.parse(s.zips) as unknown,
          counties: JSON.parse(s.counties) as unknown,
          hold: s.hold_hours,
          horizon: s.horizon_days,
          sms: s.sms_yes,
          product: s.product_id,
        },
        {
          min: 18,
          ref: '2030-01-01',
          zips: ['02108', '02109', '02110'],
          counties: ['Suffolk', 'Middlesex'],
          hold: 12,
          horizon: 21,
          sms: 1,
          product: product2,
        },
      );
      assert.deepEqual(await audit('preregistration.settings.saved'), [
        { actor_label: 'editor@county.example', subject_id: program },
      ]);
      const page = await manager.get(ok.location);
      assert.match(page.text, /The settings were saved/);
      assert.match(page.text, /Suffolk, Middlesex/);
      // The form shows what is stored; the program now has a dashboard that links here.
      assert.match((await manager.get(`${base()}/settings`)).text, /Suffolk\nMiddlesex<\/textarea>/);
      const dash = await manager.get(`/staff/preregistration/${program}`);
      assert.match(dash.text, new RegExp(`href="${base()}/zip-weights"`));
      assert.doesNotMatch((await manager.get('/staff/preregistration/setup')).text, new RegExp(`href="${base()}"`));
    });

    it('phases: added closed, renamed and reordered (audited); a missing name changes nothing', async () => {
      await manager.get(`${base()}/phases/new`);
      const bad = await manager.post(`${base()}/phases/new`, { nameEn: 'Phase 1', nameEs: ' ' });
      assert.equal(bad.status, 400);
      assert.match(bad.text, /Enter a name in English and in Spanish/);
      assert.equal((await phases()).length, 0);

      for (const [en, es] of [
        ['Phase 1', 'Fase 1'],
        ['Phase 2', 'Fase 2'],
      ] as const) {
        const r = await manager.post(`${base()}/phases/new`, { nameEn: en, nameEs: es });
        assert.equal(r.location, `${base()}?done=phase-added`);
      }
      const [p1, p2] = await phases();
      assert.ok(p1 && p2);
      assert.deepEqual([p1.name_en, p1.status, p2.name_es], ['Phase 1', 'closed', 'Fase 2']);
      assert.equal((await audit('preregistration.phase.added')).length, 2);

      const edit = await manager.get(`${base()}/phases/${p2.id}`);
      assert.match(edit.text, /value="Fase 2"/);
      const renamed = await manager.post(`${base()}/phases/${p2.id}`, {
        nameEn: 'Teachers phase',
        nameEs: 'Fase docente',
      });
      assert.equal(renamed.location, `${base()}?done=phase-saved`);
      assert.equal((await manager.post(`${base()}/phases/${p2.id}`, { nameEn: '', nameEs: 'x' })).status, 400);
      const moved = await manager.post(`${base()}/phases/${p2.id}/move`, { direction: 'up' });
      assert.equal(moved.location, `${base()}?done=moved`);
      assert.deepEqual(
        (await phases()).map((p) => p.name_en),
        ['Teachers phase', 'Phase 1'],
      );
      assert.deepEqual(await audit('preregistration.phase.renamed'), [
        { actor_label: 'editor@county.example', subject_id: program },
      ]);
      assert.equal((await audit('preregistration.phase.moved')).length, 1);
      // Another program's phase is not this program's to rename.
      assert.equal(
        (
          await manager.post(`/staff/preregistration/${other}/eligibility/phases/${p1.id}`, {
            nameEn: 'X',
            nameEs: 'X',
          })
        ).status,
        404,
      );
      assert.equal((await phases()).find((p) => p.id === p1.id)?.name_en, 'Phase 1');
    });

    it('groups: questions in both languages or neither, a real phase, an age; edited, moved (audited)', async () => {
      const [teachers, general] = await phases();
      assert.ok(teachers && general);
      const path = `${base()}/groups/new`;
      await manager.get(`${path}?lang=es`);
      const valid = {
        phaseId: teachers.id,
        nameEn: 'School staff',
        nameEs: 'Personal escolar',
        questionEn: 'Do you work in a school?',
        questionEs: '¿Trabaja en una escuela?',
        minAge: '',
      };
      const oneLanguage = await manager.post(path, { ...valid, questionEs: '' });
      assert.equal(oneLanguage.status, 400);
      assert.match(oneLanguage.text, /Escriba la pregunta en ambos idiomas o en ninguno/);
      const badAge = await manager.post(path, { ...valid, minAge: 'old' });
      assert.match(badAge.text, /Escriba una edad de 0 a 120/);
      const otherPhase = await manager.post(path, { ...valid, phaseId: 'not-a-phase' });
      assert.equal(otherPhase.status, 400);
      assert.match(otherPhase.text, /Elija una fase/);
      assert.equal((await groups()).length, 0);
      assert.deepEqual(await audit('preregistration.group.added'), []);

      await manager.get(`${path}?lang=en`);
      assert.equal((await manager.post(path, valid)).location, `${base()}?done=group-added`);
      const older = {
        ...valid,
        phaseId: general.id,
        nameEn: 'Age 65+',
        nameEs: 'Edad 65+',
        questionEn: '',
        questionEs: '',
      };
      assert.equal((await manager.post(path, { ...older, minAge: '65' })).status, 303);
      const [school, seniors] = await groups();
      assert.ok(school && seniors);
      assert.deepEqual(
        [school.question_es, school.min_age, seniors.min_age, seniors.question_en],
        ['¿Trabaja en una escuela?', null, 65, ''],
      );
      assert.equal((await audit('preregistration.group.added')).length, 2);

      // Edit: new texts and another phase; a phase of another program is refused.
      const edit = `${base()}/groups/${school.id}`;
      assert.match((await manager.get(edit)).text, /Do you work in a school\?/);
      const refused = await manager.post(edit, { ...valid, phaseId: 'not-a-phase', nameEn: 'Changed' });
      assert.equal(refused.status, 400);
      assert.equal((await groups())[0]?.name_en, 'School staff');
      const saved = await manager.post(edit, {
        ...valid,
        phaseId: general.id,
        questionEn: 'Do you work in a school or a daycare?',
        questionEs: '¿Trabaja en una escuela o una guardería?',
        minAge: '18',
      });
      assert.equal(saved.location, `${base()}?done=group-saved`);
      const changed = await db()
        .selectFrom('prereg_groups')
        .selectAll()
        .where('id', '=', school.id)
        .executeTakeFirstOrThrow();
      assert.deepEqual(
        [changed.phase_id, changed.question_en, changed.min_age],
        [general.id, 'Do you work in a school or a daycare?', 18],
      );
      assert.deepEqual(await audit('preregistration.group.changed'), [
        { actor_label: 'editor@county.example', subject_id: program },
      ]);
      assert.equal((await manager.post(`${base()}/groups/${seniors.id}/move`, { direction: 'up' })).status, 303);
      assert.deepEqual(
        (await groups()).map((g) => g.name_en),
        ['Age 65+', 'School staff'],
      );
      assert.equal((await manager.post(`${base()}/groups/${seniors.id}/move`, { direction: 'sideways' })).status, 400);
      assert.equal((await audit('preregistration.group.moved')).length, 1);
      const overview = await manager.get(base());
      assert.match(overview.text, /Move School staff up/);
      assert.match(overview.text, /¿Trabaja en una escuela o una guardería\?/);
    });

    it('ZIP weights: a file replaces them; bad rows are named in Spanish and change nothing; clear', async () => {
      const path = `${base()}/zip-weights`;
      const page = await manager.get(path);
      assert.match(page.text, /enctype="multipart\/form-data"/);
      assert.match(page.text, /No weights: every ZIP counts as 1/);
      const up = await manager.upload(
        path,
        {},
        {
          field: 'file',
          name: 'svi.csv',
          type: 'text/csv',
          content: 'zip,weight,county\n02108,3,Suffolk\n02109,1.5,Suffolk\n',
        },
      );
      assert.equal(up.status, 303, up.text.slice(0, 300));
      assert.equal(up.location, `${path}?done=weights&n=2`);
      const shown = await manager.get(up.location ?? '');
      assert.match(shown.text, /2 ZIP weights were uploaded/);
      assert.match(shown.text, /<th scope="row" data-label="ZIP code">02108<\/th>/);
      assert.deepEqual(await weights(), [
        { zip: '02108', weight: 3 },
        { zip: '02109', weight: 1.5 },
      ]);
      assert.deepEqual(await audit('preregistration.weights.uploaded'), [
        { actor_label: 'editor@county.example', subject_id: program },
      ]);

      await manager.get(`${path}?lang=es`);
      const bad = await manager.post(path, { csv: 'zip,weight\n02110,2\n2111,1\n02112,lots\n02110,4\n' });
      assert.equal(bad.status, 400);
      assert.match(bad.text, /Se encontraron 2 problemas/);
      assert.match(bad.text, /No se cambió nada/);
      assert.match(bad.text, /Escriba un código postal de 5 dígitos/);
      assert.match(bad.text, /Escriba un número de 0 a 1000/);
      assert.match(bad.text, /<th scope="row" data-label="Fila">3<\/th>/);
      assert.match(bad.text, /02112,lots/);
      // Every row well formed but one ZIP twice: still nothing.
      const twice = await manager.post(path, { csv: 'zip,weight\n02110,2\n02110,4\n' });
      assert.match(twice.text, /Este código postal ya está en una fila anterior/);
      assert.match(
        (await manager.post(path, { csv: '' })).text,
        /El archivo no tiene filas debajo del encabezado|No se pudo leer/,
      );
      assert.equal((await weights()).length, 2);
      assert.equal((await audit('preregistration.weights.uploaded')).length, 1);

      const cleared = await manager.post(`${path}/clear`, {});
      assert.equal(cleared.location, `${base()}/zip-weights?done=cleared`);
      assert.deepEqual(await weights(), []);
      assert.equal((await audit('preregistration.weights.cleared')).length, 1);
      await manager.get(`${path}?lang=en`);
    });

    it('an analyst sees none of the editor and changes nothing', async () => {
      for (const p of ['', '/settings', '/phases/new', '/groups/new', '/zip-weights'])
        assert.equal((await analyst.get(`${base()}${p}`)).status, 403, p);
      await analyst.get(`/staff/preregistration/${program}`);
      assert.equal((await analyst.post(`${base()}/phases/new`, { nameEn: 'X', nameEs: 'X' })).status, 403);
      assert.equal((await analyst.post(`${base()}/zip-weights`, { csv: 'zip,weight\n02108,9\n' })).status, 403);
      assert.equal((await phases()).length, 2);
      assert.doesNotMatch((await analyst.get(`/staff/preregistration/${program}`)).text, /eligibility"/);
    });
  });
}

/**
 * The county question and the preferred sites on the resident forms, on both engines: the county is asked only
 * when the program's rules accept counties, and makes a person outside the ZIP list eligible (screener and
 * registration, in English and Spanish); the preferred sites are the active sites offering the program, and only
 * those are stored (a site without the program's seats, or a forged id, is dropped).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTestApp, TestClient, type TestApp } from '../../test/support/app.js';
import { catalog } from '../../test/support/catalog-fixtures.js';
import { engines } from '../../test/support/db.js';
import { systemActor } from '../platform/audit/index.js';
import { addGroup, addPhase, saveSettings, setPhase } from './index.js';

const DAY = 86_400_000;

for (const { engine, skip } of engines()) {
  describe(`county question and preferred sites (${engine})`, { skip }, () => {
    let app: TestApp;
    let byCounty = '';
    let byZip = '';
    let offered = '';
    let elsewhere = '';
    const deps = () => ({ ...app.built.deps, actor: systemActor('test') });
    const registrants = () =>
      app.tdb.db.kysely
        .selectFrom('prereg_registrants')
        .select(['zip', 'preferred_sites'])
        .where('program_id', '=', byCounty)
        .execute();

    async function setUp(zips: string[], counties: string[]) {
      const c = catalog({ db: app.tdb.db, now: Date.now });
      const program = await c.program('invitation');
      const product = await c.product(program);
      await saveSettings(
        program,
        {
          minAge: 16,
          referenceDate: '2030-01-01',
          zips,
          counties,
          holdHours: 24,
          horizonDays: 14,
          smsYes: false,
          productId: product,
        },
        deps(),
      );
      const phase = await addPhase(program, { nameEn: 'Phase 1', nameEs: 'Fase 1' }, deps());
      await addGroup(
        program,
        { phaseId: phase, nameEn: 'Everyone', nameEs: 'Todos', questionEn: '', questionEs: '', minAge: null },
        deps(),
      );
      await setPhase(program, phase, 'open', deps());
      return { program, c };
    }

    before(async () => {
      app = await startTestApp(engine, { RATE_LIMITS: 'off' });
      const a = await setUp(['02108'], ['Suffolk', 'Middlesex']);
      byCounty = a.program;
      byZip = (await setUp(['02108'], [])).program;
      offered = await a.c.site({ postalCode: '02108' });
      elsewhere = await a.c.site({ postalCode: '02109' });
      await a.c.slot(offered, byCounty, Date.now() + 3 * DAY, 2);
      // A seat of another program does not make a site offer this one.
      await a.c.slot(elsewhere, byZip, Date.now() + 3 * DAY, 2);
    });
    after(() => app.close());

    const answers = { birthYear: '1960', birthMonth: '5', birthDay: '6', zip: '01901' };

    it('asks the county only when the rules accept counties; a listed county qualifies', async () => {
      const resident = new TestClient(app.url);
      const screener = await resident.get(`/preregister/${byCounty}?lang=es`);
      assert.match(screener.text, /<label class="usa-label" for="county">Condado donde vive la persona<\/label>/);
      assert.match(screener.text, /<option value="Middlesex">Middlesex<\/option>/);
      assert.match(screener.text, /<option value="other">Otro condado<\/option>/);
      assert.doesNotMatch((await resident.get(`/preregister/${byZip}`)).text, /id="county"/);

      const noCounty = await resident.post(`/preregister/${byCounty}`, answers);
      assert.match(noCounty.text, /Este programa es para personas que viven en su zona/);
      const other = await resident.post(`/preregister/${byCounty}`, { ...answers, county: 'other' });
      assert.match(other.text, /Este programa es para personas que viven en su zona/);
      const listed = await resident.post(`/preregister/${byCounty}`, { ...answers, county: 'middlesex' });
      assert.match(listed.text, /Puede preinscribirse ahora/);
      await resident.get('/?lang=en');
    });

    it('registers by county with the offered preferred site only; outside the area stores nothing', async () => {
      const resident = new TestClient(app.url);
      const form = await resident.get(`/preregister/${byCounty}/register`);
      assert.match(form.text, /Preferred sites \(optional\)/);
      assert.match(form.text, new RegExp(`value="${offered}"`));
      assert.match(form.text, /Main Street, Springfield 02108/);
      assert.doesNotMatch(form.text, new RegExp(`value="${elsewhere}"`));
      const person = {
        ...answers,
        givenName: 'Ana',
        familyName: 'County',
        email: 'ana@example.com',
        language: 'en',
        maxMiles: '25',
        preferredSites: `${offered},${elsewhere},forged-id`,
      };
      const outside = await resident.post(`/preregister/${byCounty}/register`, person);
      assert.equal(outside.status, 200);
      assert.match(outside.text, /This program is for people who live in its area/);
      assert.deepEqual(await registrants(), []);

      await resident.get(`/preregister/${byCounty}/register`);
      const ok = await resident.post(`/preregister/${byCounty}/register`, { ...person, county: 'Suffolk' });
      assert.equal(ok.status, 303, ok.text.slice(0, 300));
      assert.deepEqual(await registrants(), [{ zip: '01901', preferred_sites: JSON.stringify([offered]) }]);
      // Each program lists its own sites.
      const other = (await resident.get(`/preregister/${byZip}/register`)).text;
      assert.match(other, new RegExp(`name="preferredSites" value="${elsewhere}"`));
      assert.doesNotMatch(other, new RegExp(`value="${offered}"`));
    });
  });
}

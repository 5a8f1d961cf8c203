/**
 * The pre-registration console on both engines: a call agent registers a phone caller (channel phone, "call me"
 * puts them on no text list, audited with the agent's name); a site manager closes and opens a phase and queues a
 * matching run (both audited); an analyst sees the dashboard's counts but cannot change anything; a call agent
 * cannot see the dashboard.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { signedInClient, startTestApp, type TestApp, type TestClient } from '../../test/support/app.js';
import { catalog } from '../../test/support/catalog-fixtures.js';
import { engines } from '../../test/support/db.js';
import { systemActor } from '../platform/audit/index.js';
import { createUserWithOneTimePassword } from '../staff/index.js';
import { addGroup, addPhase, saveSettings, setPhase } from './index.js';

async function staff(
  app: TestApp,
  email: string,
  role: 'site-manager' | 'analyst' | 'call-agent',
  sites: string[] = [],
) {
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
  describe(`pre-registration console (${engine})`, { skip }, () => {
    let app: TestApp;
    let manager: TestClient;
    let mySite = '';
    let otherSite = '';
    let analyst: TestClient;
    let agent: TestClient;
    let program = '';
    let phase2 = '';
    const deps = () => ({ ...app.built.deps, actor: systemActor('test') });
    const audit = (action: string) =>
      app.tdb.db.kysely
        .selectFrom('audit_log')
        .select(['action', 'actor_label'])
        .where('action', '=', action)
        .execute();

    before(async () => {
      app = await startTestApp(engine, { RATE_LIMITS: 'off' });
      const c = catalog({ db: app.tdb.db, now: Date.now });
      program = await c.program('invitation');
      const product = await c.product(program);
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
      const phase1 = await addPhase(program, { nameEn: 'Phase 1', nameEs: 'Fase 1' }, deps());
      phase2 = await addPhase(program, { nameEn: 'Phase 2', nameEs: 'Fase 2' }, deps());
      await addGroup(
        program,
        { phaseId: phase1, nameEn: 'Everyone', nameEs: 'Todos', questionEn: '', questionEs: '', minAge: null },
        deps(),
      );
      await addGroup(
        program,
        {
          phaseId: phase2,
          nameEn: 'Teachers',
          nameEs: 'Docentes',
          questionEn: 'Do you work in a school?',
          questionEs: '¿Trabaja en una escuela?',
          minAge: null,
        },
        deps(),
      );
      await setPhase(program, phase1, 'open', deps());
      mySite = await catalog({ db: app.tdb.db, now: Date.now }).site();
      otherSite = await catalog({ db: app.tdb.db, now: Date.now }).site();
      manager = await staff(app, 'manager@county.example', 'site-manager', [mySite]);
      analyst = await staff(app, 'analyst@county.example', 'analyst');
      agent = await staff(app, 'agent@county.example', 'call-agent');
    });
    after(() => app.close());

    it('a call agent registers a landline caller: channel phone, call-me, audited; bad input stores nothing', async () => {
      const path = `/staff/preregistration/${program}/register`;
      const bad = await agent.submit(path, path, { givenName: 'Rosa', zip: '1' });
      assert.equal(bad.status, 400);
      assert.match(bad.text, /Enter a 5-digit ZIP code/);
      const r = await agent.submit(path, path, {
        givenName: 'Rosa',
        familyName: 'Caller',
        birthYear: '1950',
        birthMonth: '4',
        birthDay: '5',
        zip: '02109',
        phone: '617-555-0142',
        callMe: 'yes',
        language: 'es',
        maxMiles: '10',
      });
      assert.equal(r.status, 303, r.text.slice(0, 300));
      assert.equal(r.location, `${path}?done=registered`);
      const row = await app.tdb.db.kysely
        .selectFrom('prereg_registrants')
        .select(['channel', 'call_me', 'language'])
        .executeTakeFirstOrThrow();
      assert.deepEqual(row, { channel: 'phone', call_me: 1, language: 'es' });
      assert.deepEqual(await audit('preregistration.registered'), [
        { action: 'preregistration.registered', actor_label: 'agent@county.example' },
      ]);
      assert.equal((await agent.get(`/staff/preregistration/${program}`)).status, 403);
    });

    it('a site manager opens a phase and queues matching (audited); an analyst only looks', async () => {
      const dash = `/staff/preregistration/${program}`;
      const page = await manager.get(dash);
      assert.equal(page.status, 200);
      assert.match(page.text, /Do you work in a school\?/);
      const opened = await manager.post(`${dash}/phases/${phase2}`, { status: 'open' });
      assert.equal(opened.location, `${dash}?done=phase`);
      const status = await app.tdb.db.kysely
        .selectFrom('prereg_phases')
        .select('status')
        .where('id', '=', phase2)
        .executeTakeFirstOrThrow();
      assert.equal(status.status, 'open');
      assert.deepEqual(
        (await audit('preregistration.phase.opened')).filter((a) => a.actor_label !== 'test'),
        [{ action: 'preregistration.phase.opened', actor_label: 'manager@county.example' }],
      );
      // "Invite now" for one of the manager's sites: the job names the site. Every site at once, another site or a
      // site that does not exist is refused (county-wide runs are for county-wide roles: ADR 0019).
      const picker = (await manager.get(dash)).text;
      assert.match(picker, new RegExp(`<option value="${mySite}"`));
      assert.doesNotMatch(picker, new RegExp(`<option value="${otherSite}"`));
      assert.doesNotMatch(picker, /All open seats/);
      assert.equal((await manager.post(`${dash}/match`, {})).status, 400);
      assert.equal((await manager.post(`${dash}/match`, { siteId: mySite })).location, `${dash}?done=matching`);
      const jobs = await app.tdb.db.kysely
        .selectFrom('jobs')
        .select('payload')
        .where('name', '=', 'match-invitations')
        .execute();
      assert.equal(jobs.length, 1);
      assert.match(jobs[0]?.payload ?? '', new RegExp(mySite));
      assert.equal((await audit('preregistration.matching.requested')).length, 1);
      assert.equal((await manager.post(`${dash}/match`, { siteId: otherSite })).status, 400);
      assert.equal((await manager.post(`${dash}/match`, { siteId: 'no-such-site' })).status, 400);

      const seen = await analyst.get(`${dash}?lang=es`);
      assert.equal(seen.status, 200);
      assert.match(seen.text, /Personas inscritas por estado/);
      assert.doesNotMatch(seen.text, /Asignar ahora/);
      assert.equal((await analyst.post(`${dash}/match`, {})).status, 403);
    });
  });
}

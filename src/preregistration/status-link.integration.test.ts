/**
 * The status link in later messages and on the call agent's screen, on both engines: the weekly status message
 * carries a link that opens the person's own status page (the raw token is never stored: the link's token is
 * derived from a server key), the confirmation link keeps working beside it, registering again retires both old
 * links; a call agent who registers a caller is shown the status link once to read out, and it opens the page.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { signedInClient, startTestApp, TestClient, type TestApp } from '../../test/support/app.js';
import { catalog } from '../../test/support/catalog-fixtures.js';
import { engines } from '../../test/support/db.js';
import { systemActor } from '../platform/audit/index.js';
import { createUserWithOneTimePassword } from '../staff/index.js';
import { addGroup, addPhase, preRegister, saveSettings, setPhase } from './index.js';
import type { RegisterInput } from './schema.js';
import { sendWeeklyStatus } from './weekly-status.js';

const WEEK = 7 * 86_400_000;

for (const { engine, skip } of engines()) {
  describe(`status links (${engine})`, { skip }, () => {
    let app: TestApp;
    let clock = Date.UTC(2030, 0, 7, 15);
    let program = '';
    const deps = () => ({ ...app.built.deps, actor: systemActor('test') });
    const input = (o: Partial<RegisterInput> = {}): RegisterInput => ({
      birthDate: '1950-03-04',
      zip: '02109',
      county: undefined,
      yes: [],
      forWhom: 'self',
      givenName: 'Week',
      familyName: 'Ly',
      email: 'weekly@example.com',
      phone: undefined,
      callMe: false,
      language: 'en',
      needs: [],
      languageNeed: undefined,
      maxMiles: 25,
      preferredSites: [],
      unavailable: [],
      ...o,
    });
    /** The status-link tokens in the weekly messages sent so far, oldest first. */
    async function weeklyTokens(): Promise<string[]> {
      const rows = await app.tdb.db.kysely
        .selectFrom('messages')
        .select('content_enc')
        .where('type', '=', 'preregistration.status')
        .orderBy('created_at')
        .execute();
      return rows.map(
        (r) =>
          /\/preregister\/status\/([A-Za-z0-9_-]+)/.exec(
            deps().cipher.decrypt(r.content_enc, 'message.content'),
          )?.[1] ?? assert.fail('the weekly message has no tokened status link'),
      );
    }
    async function opens(token: string): Promise<number> {
      const c = new TestClient(app.url);
      await c.get(`/preregister/status/${token}`);
      return (await c.get('/preregister/status')).status;
    }

    before(async () => {
      app = await startTestApp(engine, { QUIET_HOURS: '0-0', RATE_LIMITS: 'off' }, { now: () => clock });
      const c = catalog({ db: app.tdb.db, now: () => clock });
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
      const phase = await addPhase(program, { nameEn: 'Phase 1', nameEs: 'Fase 1' }, deps());
      await addGroup(
        program,
        { phaseId: phase, nameEn: 'Everyone', nameEs: 'Todos', questionEn: '', questionEs: '', minAge: null },
        deps(),
      );
      await setPhase(program, phase, 'open', deps());
    });
    after(() => app.close());

    it('the weekly message links to the person’s own status page; a new registration retires old links', async () => {
      const first = await preRegister(deps(), program, input(), 'web');
      assert.ok(first.ok);
      assert.equal(await sendWeeklyStatus(app.built.deps), 1);
      const [weekly] = await weeklyTokens();
      assert.ok(weekly && weekly !== first.statusToken);
      assert.equal(await opens(weekly), 200);
      assert.equal(await opens(first.statusToken), 200, 'the confirmation link still works');
      clock += WEEK;
      await sendWeeklyStatus(app.built.deps);
      assert.equal((await weeklyTokens())[1], weekly, 'the same link next week');
      const again = await preRegister(deps(), program, input(), 'web');
      assert.ok(again.ok && again.merged);
      assert.equal(await opens(weekly), 403);
      assert.equal(await opens(first.statusToken), 403);
      assert.equal(await opens(again.statusToken), 200);
      clock += WEEK;
      await sendWeeklyStatus(app.built.deps);
      const latest = (await weeklyTokens()).at(-1) ?? '';
      assert.notEqual(latest, weekly);
      assert.equal(await opens(latest), 200);
    });

    it('a call agent is shown the caller’s status link once, to read out', async () => {
      const email = `agent-${engine}@county.example`;
      const user = await createUserWithOneTimePassword(
        { email, displayName: 'Agent', role: 'call-agent' },
        { db: app.tdb.db, now: () => clock, actor: systemActor('test') },
      );
      assert.ok(user.ok);
      const agent = await signedInClient(app.url, email, user.oneTimePassword);
      await agent.get('/staff/account/password');
      await agent.post('/staff/account/password', {
        current: user.oneTimePassword,
        password: 'a long enough password',
        confirm: 'a long enough password',
      });
      const path = `/staff/preregistration/${program}/register`;
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
      assert.equal(r.status, 303);
      assert.doesNotMatch(r.location ?? '', /status/, 'no token in the address');
      const shown = await agent.get(r.location ?? '');
      const token = /\/preregister\/status\/([A-Za-z0-9_-]+)/.exec(shown.text)?.[1] ?? assert.fail('no link shown');
      assert.match(shown.text, /Read the status link out/);
      assert.equal(await opens(token), 200);
      const later = await agent.get(r.location ?? '');
      assert.doesNotMatch(later.text, /\/preregister\/status\//, 'shown once');
    });
  });
}

/**
 * The list tools on both engines: the CSV export has one row per person with status, group, phase, ZIP, language,
 * channel and invitation dates, and no name, birth date or contact (audited; a call agent may not download it); the
 * call list shows landline callers with a held seat (what to tell them) and those due a status call, a "called"
 * mark, and answering the invitation for the caller after the birth-date check books the seat.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { parse } from 'csv-parse/sync';
import { signedInClient, startTestApp, type TestApp, type TestClient } from '../../../test/support/app.js';
import { catalog } from '../../../test/support/catalog-fixtures.js';
import { engines } from '../../../test/support/db.js';
import { systemActor } from '../../platform/audit/index.js';
import { createUserWithOneTimePassword } from '../../staff/index.js';
import { addGroup, addPhase, preRegister, runMatching, saveSettings, setPhase } from '../index.js';
import type { RegisterInput } from '../schema.js';

const DAY = 86_400_000;

for (const { engine, skip } of engines()) {
  describe(`pre-registration list tools (${engine})`, { skip }, () => {
    let app: TestApp;
    let clock = Date.UTC(2030, 0, 7, 15);
    let program = '';
    let analyst: TestClient;
    let agent: TestClient;
    const ids: Record<string, string> = {};
    const deps = () => ({ ...app.built.deps, actor: systemActor('test') });
    const db = () => app.tdb.db.kysely;
    const input = (o: Partial<RegisterInput>): RegisterInput => ({
      birthDate: '1950-03-04',
      zip: '02109',
      county: undefined,
      yes: [],
      forWhom: 'self',
      givenName: 'Given',
      familyName: 'Family',
      email: undefined,
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
    async function staff(email: string, role: 'analyst' | 'call-agent') {
      const r = await createUserWithOneTimePassword(
        { email, displayName: email, role },
        { db: app.tdb.db, now: () => clock, actor: systemActor('test') },
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

    before(async () => {
      app = await startTestApp(engine, { QUIET_HOURS: '0-0', RATE_LIMITS: 'off' }, { now: () => clock });
      const c = catalog({ db: app.tdb.db, now: () => clock });
      program = await c.program('invitation');
      const product = await c.product(program);
      const site = await c.site({ doses: { [product]: 10 }, postalCode: '02108' });
      await c.slot(site, program, clock + 2 * DAY, 1);
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
      const open = await addPhase(program, { nameEn: 'Phase 1', nameEs: 'Fase 1' }, deps());
      const later = await addPhase(program, { nameEn: 'Phase 2', nameEs: 'Fase 2' }, deps());
      await addGroup(
        program,
        { phaseId: open, nameEn: '65+', nameEs: '65+', questionEn: '', questionEs: '', minAge: 65 },
        deps(),
      );
      await addGroup(
        program,
        { phaseId: later, nameEn: 'Everyone', nameEs: 'Todos', questionEn: '', questionEs: '', minAge: null },
        deps(),
      );
      await setPhase(program, open, 'open', deps());
      const reg = async (key: string, o: Partial<RegisterInput>, channel: 'web' | 'phone') => {
        const r = await preRegister(deps(), program, input(o), channel);
        assert.ok(r.ok);
        ids[key] = r.id;
        clock += 1000;
      };
      await reg(
        'landline',
        { givenName: 'Rosa', familyName: 'Landline', phone: '617-555-0142', callMe: true, language: 'es' },
        'phone',
      );
      await reg(
        'waiting',
        { givenName: 'Tom', familyName: 'Later', birthDate: '1990-01-01', phone: '617-555-0143', callMe: true },
        'phone',
      );
      await reg('web', { givenName: 'Wendy', familyName: 'Web', email: 'wendy@example.com', zip: '02110' }, 'web');
      assert.equal((await runMatching(deps(), { programId: program, trigger: 'test' })).invited, 1);
      analyst = await staff(`analyst-${engine}@county.example`, 'analyst');
      agent = await staff(`agent-${engine}@county.example`, 'call-agent');
    });
    after(() => app.close());

    it('exports one row per person without names, birth dates or contacts; audited; call agents may not', async () => {
      const path = `/staff/preregistration/${program}/export.csv`;
      const dash = await analyst.get(`/staff/preregistration/${program}`);
      assert.match(dash.text, new RegExp(`href="${path}"`));
      assert.match(dash.text, /Registrants by ZIP code/);
      const r = await analyst.get(path);
      assert.equal(r.status, 200);
      assert.match(r.headers.get('content-type') ?? '', /text\/csv/);
      assert.match(r.headers.get('content-disposition') ?? '', /attachment/);
      for (const secret of ['Rosa', 'Landline', 'Wendy', 'wendy@example.com', '5550142', '1950-03-04'])
        assert.ok(!r.text.includes(secret), `the export leaks ${secret}`);
      const rows = parse<Record<string, string>>(r.text, { columns: true, bom: true });
      assert.equal(rows.length, 3);
      const landline = rows.find((x) => x.id === ids.landline);
      assert.equal(landline?.status, 'invited');
      assert.equal(landline?.group, '65+');
      assert.equal(landline?.phase, 'Phase 1');
      assert.equal(landline?.language, 'es');
      assert.equal(landline?.channel, 'phone');
      assert.equal(landline?.call_me, '1');
      assert.equal(landline?.last_invitation_status, 'offered');
      assert.match(landline?.first_invited_at ?? '', /^2030-01-07T10:00:0\d-05:00$/);
      assert.equal(rows.find((x) => x.id === ids.web)?.zip, '02110');
      const audit = await db()
        .selectFrom('audit_log')
        .select(['actor_label', 'details'])
        .where('action', '=', 'preregistration.list.exported')
        .execute();
      assert.equal(audit.length, 1);
      assert.equal(audit[0]?.actor_label, `analyst-${engine}@county.example`);
      assert.equal((await agent.get(path)).status, 403);
    });

    it('the call list: what to tell each landline caller, a called mark, and answering for them books the seat', async () => {
      const path = `/staff/preregistration/${program}/call-list`;
      assert.equal((await analyst.get(path)).status, 403);
      const list = await agent.get(path);
      assert.equal(list.status, 200);
      assert.match(list.text, /Rosa Landline/);
      assert.match(list.text, /617/);
      assert.match(list.text, /A seat is held for them/);
      assert.match(list.text, /Tom Later/);
      assert.match(list.text, /Their phase is not open yet/);
      assert.doesNotMatch(list.text, /Wendy/, 'people who take texts or e-mail are not on it');
      assert.ok(list.text.indexOf('Rosa') < list.text.indexOf('Tom'), 'held seats first');

      const marked = await agent.post(`${path}/${ids.waiting}/called`, {});
      assert.equal(marked.status, 303);
      const after = await agent.get(path);
      assert.doesNotMatch(after.text, /Tom Later/, 'a status call is done for the week');
      const called = await db()
        .selectFrom('audit_log')
        .select('subject_id')
        .where('action', '=', 'preregistration.call-list.called')
        .execute();
      assert.deepEqual(
        called.map((c) => c.subject_id),
        [ids.waiting],
      );

      const answer = `${path}/${ids.landline}/answer`;
      const wrong = await agent.submit(answer, answer, {
        answer: 'accept',
        birthYear: '1951',
        birthMonth: '3',
        birthDay: '4',
      });
      assert.equal(wrong.status, 400);
      assert.match(wrong.text, /does not match/);
      const ok = await agent.submit(answer, answer, {
        answer: 'accept',
        birthYear: '1950',
        birthMonth: '3',
        birthDay: '4',
      });
      assert.equal(ok.status, 200);
      const code = /confirmation code: ([A-Z0-9-]+)/.exec(ok.text)?.[1];
      assert.ok(code, ok.text.slice(0, 500));
      const r = await db()
        .selectFrom('prereg_registrants')
        .select('status')
        .where('id', '=', ids.landline ?? '')
        .executeTakeFirstOrThrow();
      assert.equal(r.status, 'booked');
      const booking = await db()
        .selectFrom('bookings')
        .select('confirmation_code')
        .where('confirmation_code', '=', code)
        .executeTakeFirst();
      assert.ok(booking);
      assert.doesNotMatch((await agent.get(path)).text, /Rosa Landline/, 'booked: off the list');
    });
  });
}

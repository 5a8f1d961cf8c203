/**
 * Input that must be refused, through the real doors on both engines: impossible calendar dates (1971-02-30,
 * 1980-13-45, 0000-01-01, 2023-02-29) and birth dates after today, and names holding control, invisible or
 * direction-changing characters. Each door answers with a clear, translated error and changes nothing; real dates
 * (2024-02-29) and names in every script still go through, stored in NFC.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  addGroup,
  addPhase,
  runMatching,
  saveSettings,
  SEND_INVITATION_MESSAGES,
  setPhase,
} from '../src/preregistration/index.js';
import { systemActor } from '../src/platform/audit/index.js';
import { createApiToken, createUserWithOneTimePassword } from '../src/staff/index.js';
import { signedInClient, startTestApp, TestClient, type Answer, type TestApp } from './support/app.js';
import { catalog } from './support/catalog-fixtures.js';
import { engines } from './support/db.js';

const DAY = 86_400_000;
const PASSWORD = 'a long enough password';
/** Not a day on the calendar, or a year nobody means. */
const IMPOSSIBLE = ['1971-02-30', '1980-13-45', '0000-01-01', '2023-02-29'];
/** The clock: 7 January 2030, 15:00 UTC — the day after tomorrow is after today everywhere on Earth. */
const NOW = Date.UTC(2030, 0, 7, 15);
const FUTURE = '2030-01-09';
/** Names that must be refused by every name field (JSON can carry a lone surrogate; a browser form cannot). */
const BAD_NAMES: [string, string][] = [
  ['NUL', 'Ana\u0000'],
  ['a bell', '\u0007'],
  ['zero-width spaces only', '\u200B\u200B'],
  ['a right-to-left override', 'Ana\u202Egnal'],
  ['a left-to-right isolate', '\u2066Ana'],
];
const LONE_SURROGATE = '\uD800';
/** Names in several scripts, each with its own birth date (one person per name + birth date). */
const GOOD_NAMES: [string, string, string][] = [
  ['José', 'Ñúñez', '1961-01-02'],
  ['Nguyễn Thị', 'Minh Khai', '1962-01-02'],
  ['Zoë', "O'Brien-Smith", '1963-01-02'],
  ['محمد', 'عبد الله', '1964-01-02'],
  ['秀英', '王', '1965-01-02'],
  ['अमित', 'कुमार', '1966-01-02'],
  ['Wideline', 'Pòl-Dérilus', '1967-01-02'], // Haitian Creole
  ['Mikaël', 'Jean-Baptiste', '2024-02-29'],
];
const parts = (iso: string) => {
  const [y = '', m = '', d = ''] = iso.split('-');
  return { birthYear: y, birthMonth: String(Number(m)), birthDay: String(Number(d)) };
};

async function staffClient(app: TestApp, email: string, role: 'admin' | 'call-agent'): Promise<TestClient> {
  const r = await createUserWithOneTimePassword(
    { email, displayName: email, role },
    { db: app.tdb.db, now: () => NOW, actor: systemActor('test') },
  );
  assert.ok(r.ok);
  const c = await signedInClient(app.url, email, r.oneTimePassword);
  await c.get('/staff/account/password');
  await c.post('/staff/account/password', { current: r.oneTimePassword, password: PASSWORD, confirm: PASSWORD });
  return c;
}

const refusedWith = (a: Answer, text: RegExp, why: string) => {
  assert.equal(a.status, 400, `${why}: ${a.status} ${a.text.slice(0, 200)}`);
  assert.match(a.text, text, why);
};

for (const { engine, skip } of engines()) {
  describe(`refused input (${engine})`, { skip }, () => {
    let app: TestApp;
    let admin: TestClient;
    let agent: TestClient;
    let apiToken = '';
    const ids = { program: '', product: '', site: '', slot: '', invitationProgram: '' };
    const db = () => app.tdb.db.kysely;
    const deps = () => ({ ...app.built.deps, actor: systemActor('test') });
    const count = async (table: 'bookings' | 'prereg_registrants' | 'site_closures' | 'slots' | 'staff_users') =>
      Number(
        (
          await db()
            .selectFrom(table)
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const api = async (method: string, path: string, body: unknown, lang = 'en') => {
      const res = await fetch(app.url + path, {
        method,
        headers: {
          'content-type': 'application/json',
          'accept-language': lang,
          ...(path.startsWith('/api/v1/bookings') && method === 'POST' ? {} : { authorization: `Bearer ${apiToken}` }),
        },
        body: JSON.stringify(body),
      });
      return { status: res.status, body: (await res.json()) as { error?: { fields?: Record<string, string> } } };
    };
    const fields = (r: { body: { error?: { fields?: Record<string, string> } } }) => r.body.error?.fields ?? {};

    before(async () => {
      app = await startTestApp(engine, { RATE_LIMITS: 'off', QUIET_HOURS: '0-0' }, { now: () => NOW });
      const c = catalog({ db: app.tdb.db, now: () => NOW });
      ids.program = await c.program('open');
      ids.product = await c.product(ids.program);
      ids.site = await c.site({ doses: { [ids.product]: 100 } });
      ids.slot = await c.slot(ids.site, ids.program, NOW + 2 * DAY, 50);
      apiToken = (await createApiToken({ name: 'test', role: 'admin' }, deps())).token;
      admin = await staffClient(app, `admin-${engine}@county.example`, 'admin');
      agent = await staffClient(app, `agent-${engine}@county.example`, 'call-agent');
    });
    after(() => app.close());

    it('the booking API refuses impossible and future birth dates with a translated field error', async () => {
      const before = await count('bookings');
      for (const [lang, text] of [
        ['en', /real date of birth|between 1900-01-01 and today/],
        ['es', /fecha de nacimiento real|entre 1900-01-01 y hoy/],
      ] as const)
        for (const birthDate of [...IMPOSSIBLE, FUTURE]) {
          const r = await api(
            'POST',
            '/api/v1/bookings',
            {
              slotId: ids.slot,
              productId: ids.product,
              dose: 1,
              person: { givenName: 'Date', familyName: `Test ${birthDate}`, birthDate, language: 'en' },
            },
            lang,
          );
          assert.equal(r.status, 400, `${birthDate} (${lang}): ${JSON.stringify(r.body)}`);
          assert.match(fields(r)['person.birthDate'] ?? '', text, birthDate);
        }
      assert.equal(await count('bookings'), before, 'nothing was booked');
    });

    it('the booking API refuses unsafe names and welcomes names in every script, stored in NFC', async () => {
      const before = await count('bookings');
      const book = (givenName: string, familyName: string, birthDate: string) =>
        api('POST', '/api/v1/bookings', {
          slotId: ids.slot,
          productId: ids.product,
          dose: 1,
          person: { givenName, familyName, birthDate, language: 'es' },
        });
      for (const [what, bad] of [...BAD_NAMES, ['a lone surrogate', LONE_SURROGATE] as [string, string]]) {
        const r = await book(bad, 'Rivera', '1970-05-05');
        assert.equal(r.status, 400, what);
        assert.match(fields(r)['person.givenName'] ?? '', /invisible or control characters/, what);
        const r2 = await book('Ana', bad, '1970-05-05');
        assert.equal(r2.status, 400, what);
        assert.match(fields(r2)['person.familyName'] ?? '', /invisible or control characters/, what);
      }
      assert.equal(await count('bookings'), before, 'nothing was booked');

      for (const [given, family, born] of GOOD_NAMES) {
        // Typed decomposed (as some keyboards do): stored composed.
        const r = await book(given.normalize('NFD'), family.normalize('NFD'), born);
        assert.equal(r.status, 201, `${given} ${family}: ${JSON.stringify(r.body)}`);
      }
      const people = await db().selectFrom('people').select(['given_name_enc', 'family_name_enc']).execute();
      const cipher = app.built.deps.cipher;
      const names = people.map(
        (p) =>
          `${cipher.decrypt(p.given_name_enc, 'person.given_name')}|${cipher.decrypt(p.family_name_enc, 'person.family_name')}`,
      );
      for (const [given, family] of GOOD_NAMES) assert.ok(names.includes(`${given}|${family}`), `${given} in NFC`);
    });

    it('the booking pages refuse impossible and future birth dates and unsafe names, in Spanish too', async () => {
      const path = `/book/${ids.program}/sites/${ids.site}/slots/${ids.slot}?product=${ids.product}`;
      const resident = new TestClient(app.url);
      await resident.get(`${path}&lang=es`);
      const details = {
        forWhom: 'self',
        givenName: 'Ana',
        familyName: 'García',
        email: 'ana@example.com',
        language: 'es',
      };
      for (const birthDate of [...IMPOSSIBLE, FUTURE])
        refusedWith(
          await resident.post(path, { ...details, ...parts(birthDate) }),
          /Escriba una fecha de nacimiento real|debe estar entre 1900 y hoy/,
          birthDate,
        );
      for (const [what, bad] of BAD_NAMES)
        refusedWith(
          await resident.post(path, { ...details, givenName: bad, ...parts('1980-01-01') }),
          /caracteres invisibles ni de control/,
          what,
        );
      const ok = await resident.post(path, { ...details, givenName: 'Zoë', ...parts('2024-02-29') });
      assert.equal(ok.status, 303, ok.text.slice(0, 300));
    });

    it('the desk and the booking lookup refuse impossible birth dates and unsafe names', async () => {
      for (const [form, action] of [
        [`/staff/sites/${ids.site}/check-in`, `/staff/sites/${ids.site}/check-in/search`],
        ['/staff/bookings', '/staff/bookings/search'],
      ] as const) {
        await admin.get(`${form}?lang=en`);
        for (const birthDate of [...IMPOSSIBLE, FUTURE])
          refusedWith(
            await admin.post(action, { givenName: 'Ana', familyName: 'García', birthDate }),
            /Enter the birth date as year-month-day|between 1900-01-01 and today/,
            `${action} ${birthDate}`,
          );
        for (const [what, bad] of BAD_NAMES)
          refusedWith(
            await admin.post(action, { givenName: bad, familyName: 'García', birthDate: '1980-01-01' }),
            /invisible or control characters/,
            `${action} ${what}`,
          );
        const found = await admin.post(action, {
          givenName: 'Zoë',
          familyName: "O'Brien-Smith",
          birthDate: '1963-01-02',
        });
        assert.equal(found.status, 200, action);
      }
    });

    it('pre-registration (screener, form, staff form) refuses impossible birth dates and unsafe names', async () => {
      const program = await catalog({ db: app.tdb.db, now: () => NOW }).program('invitation');
      ids.invitationProgram = program;
      const product = await catalog({ db: app.tdb.db, now: () => NOW }).product(program);
      const site = await catalog({ db: app.tdb.db, now: () => NOW }).site({
        doses: { [product]: 10 },
        postalCode: '02108',
      });
      await catalog({ db: app.tdb.db, now: () => NOW }).slot(site, program, NOW + 2 * DAY, 2);
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

      const form = (o: Record<string, string>) => ({
        forWhom: 'self',
        givenName: 'Pat',
        familyName: 'Resident',
        zip: '02109',
        email: 'pat@example.com',
        language: 'en',
        maxMiles: '25',
        ...parts('1950-03-04'),
        ...o,
      });
      const resident = new TestClient(app.url);
      await resident.get(`/preregister/${program}?lang=en`);
      const before = await count('prereg_registrants');
      for (const birthDate of [...IMPOSSIBLE, FUTURE]) {
        const dates = parts(birthDate);
        refusedWith(
          await resident.post(`/preregister/${program}`, { zip: '02109', ...dates }),
          /Enter a real date of birth|must be between 1900 and today/,
          `screener ${birthDate}`,
        );
        refusedWith(
          await resident.post(`/preregister/${program}/register`, form(dates)),
          /Enter a real date of birth|must be between 1900 and today/,
          `form ${birthDate}`,
        );
        await agent.get(`/staff/preregistration/${program}/register?lang=en`);
        refusedWith(
          await agent.post(`/staff/preregistration/${program}/register`, form(dates)),
          /Enter a real date of birth|must be between 1900 and today/,
          `staff form ${birthDate}`,
        );
      }
      for (const [what, bad] of BAD_NAMES) {
        refusedWith(
          await resident.post(`/preregister/${program}/register`, form({ familyName: bad })),
          /invisible or control characters/,
          `form ${what}`,
        );
        refusedWith(
          await agent.post(`/staff/preregistration/${program}/register`, form({ givenName: bad })),
          /invisible or control characters/,
          `staff form ${what}`,
        );
      }
      assert.equal(await count('prereg_registrants'), before, 'nobody was registered');
      const leapBaby = await resident.post(`/preregister/${program}`, { zip: '02109', ...parts('2024-02-29') });
      assert.equal(leapBaby.status, 200, 'a real date: answered (too young here), not refused');
      const ok = await resident.post(
        `/preregister/${program}/register`,
        form({ givenName: 'فاطمة', ...parts('2000-02-29') }),
      );
      assert.equal(ok.status, 303, ok.text.slice(0, 300));
    });

    it('the invitation and the call agent’s answer refuse impossible birth dates before comparing them', async () => {
      const program = ids.invitationProgram;
      assert.ok(program, 'runs after the pre-registration test');
      // A landline caller for the call list (the resident of the test above has an e-mail address).
      await agent.get(`/staff/preregistration/${program}/register?lang=en`);
      const caller = await agent.post(`/staff/preregistration/${program}/register`, {
        forWhom: 'self',
        givenName: 'Rosa',
        familyName: 'Landline',
        zip: '02109',
        phone: '617-555-0142',
        callMe: 'yes',
        language: 'en',
        maxMiles: '25',
        ...parts('1950-03-04'),
      });
      assert.equal(caller.status, 303, caller.text.slice(0, 300));
      assert.equal((await runMatching(deps(), { programId: program, trigger: 'test' })).invited, 2);
      await app.built.runner.drain([SEND_INVITATION_MESSAGES]);

      const message = await db()
        .selectFrom('messages')
        .select('content_enc')
        .where('type', '=', 'preregistration.invitation')
        .where('channel', '=', 'email')
        .executeTakeFirstOrThrow();
      const content = app.built.deps.cipher.decrypt(message.content_enc, 'message.content');
      const token = /\/invite\/([A-Za-z0-9_-]+)/.exec(content)?.[1] ?? assert.fail('no invitation link');
      const resident = new TestClient(app.url);
      await resident.get(`/invite/${token}?lang=en`);
      await resident.get('/invite');
      for (const birthDate of [...IMPOSSIBLE, FUTURE]) {
        const r = await resident.post('/invite', { answer: 'decline', ...parts(birthDate) });
        refusedWith(r, /Enter a real date of birth|must be between 1900 and today/, `invitation ${birthDate}`);
        assert.doesNotMatch(r.text, /does not match our records/, 'not counted as a wrong birth date');
      }
      const statuses = await db().selectFrom('prereg_invitations').select('status').execute();
      assert.deepEqual(
        statuses.map((i) => i.status),
        ['offered', 'offered'],
        'nothing was declined',
      );

      const registrant = await db()
        .selectFrom('prereg_registrants')
        .select('id')
        .where('program_id', '=', program)
        .where('call_me', '=', 1)
        .executeTakeFirstOrThrow();
      const answer = `/staff/preregistration/${program}/call-list/${registrant.id}/answer`;
      assert.equal((await agent.get(`${answer}?lang=en`)).status, 200);
      for (const birthDate of [...IMPOSSIBLE, FUTURE])
        refusedWith(
          await agent.post(answer, { answer: 'decline', ...parts(birthDate) }),
          /a real date, month, day and 4-digit year|between 1900 and today/,
          `call list ${birthDate}`,
        );
    });

    it('console forms and the APIs refuse impossible dates: closures, schedules, slots, doses, settings', async () => {
      const site = `/staff/sites/${ids.site}/schedule`;
      await admin.get(`${site}/closures/new?lang=en`);
      const closures = await count('site_closures');
      const slots = await count('slots');
      for (const date of IMPOSSIBLE) {
        refusedWith(
          await admin.post(`${site}/closures/new`, { date, wholeDay: 'yes', reason: 'Holiday' }),
          /Enter a real date, like 2027-03-14/,
          `closure ${date}`,
        );
        refusedWith(
          await admin.post(`${site}/slots/new`, {
            programId: ids.program,
            date,
            time: '09:00',
            minutes: '15',
            capacity: '2',
          }),
          /Enter a real date, like 2027-03-14/,
          `slot ${date}`,
        );
        refusedWith(
          await admin.get(`${site}/publish?from=${date}&to=2030-02-01`),
          /Enter a real date, like 2027-03-14/,
          `publish ${date}`,
        );
        await admin.get(`${site}/templates/new?lang=en`);
        refusedWith(
          await admin.post(`${site}/templates/new`, {
            name: 'Weekdays',
            programId: ids.program,
            weekdays: '1',
            opens: '09:00',
            closes: '12:00',
            breaks: '',
            slotMinutes: '30',
            capacity: '2',
            validFrom: date,
            validTo: '2030-02-01',
          }),
          /Enter a real date, like 2027-03-14/,
          `template ${date}`,
        );
        await admin.get(`/staff/sites/${ids.site}/inventory/receive?lang=en`);
        refusedWith(
          await admin.post(`/staff/sites/${ids.site}/inventory/receive`, {
            productId: ids.product,
            lot: 'L9',
            doses: '10',
            expiresOn: date,
          }),
          /Enter the expiry date/,
          `receive ${date}`,
        );
        await admin.get('/staff/appointments/slots/import?lang=en');
        const imported = await admin.post('/staff/appointments/slots/import', {
          csv: `site,program,date,time,durationMinutes,capacity\n${ids.site},${ids.program},${date},09:00,15,2\n`,
        });
        assert.equal(imported.status, 400, `import ${date}`);
        assert.match(imported.text, /Enter a real date as YYYY-MM-DD, like 2027-03-14/);
        for (const [path, body] of [
          [`/api/v1/sites/${ids.site}/closures`, { date, reason: 'Holiday' }],
          [`/api/v1/sites/${ids.site}/schedule-templates/publish`, { from: date, to: '2030-02-01' }],
          [`/api/v1/sites/${ids.site}/inventory`, { productId: ids.product, doses: 1, lot: 'L9', expiresOn: date }],
        ] as const) {
          const r = await api('POST', path, body);
          assert.equal(r.status, 400, `${path} ${date}: ${JSON.stringify(r.body)}`);
        }
        await admin.get(`/staff/preregistration/${ids.invitationProgram}/eligibility/settings?lang=en`);
        refusedWith(
          await admin.post(`/staff/preregistration/${ids.invitationProgram}/eligibility/settings`, {
            minAge: '16',
            referenceDate: date,
            zips: '',
            counties: '',
            holdHours: '24',
            horizonDays: '14',
          }),
          /Enter a date as YYYY-MM-DD that exists on the calendar/,
          `reference date ${date}`,
        );
        const noShows = await admin.submit(`/staff/sites/${ids.site}/no-shows`, `/staff/sites/${ids.site}/no-shows`, {
          date,
        });
        assert.equal(noShows.status, 400, `no-shows ${date}`);
      }
      assert.equal(await count('site_closures'), closures, 'no closure was added');
      assert.equal(await count('slots'), slots, 'no slot was added');
      const settings = await db()
        .selectFrom('prereg_settings')
        .select('reference_date')
        .where('program_id', '=', ids.invitationProgram)
        .executeTakeFirstOrThrow();
      assert.equal(settings.reference_date, '2030-01-01', 'the settings did not change');
    });

    it('date filters ignore impossible dates instead of failing: roster, calendar, audit log, feedback', async () => {
      for (const date of IMPOSSIBLE) {
        const roster = await admin.get(`/staff/sites/${ids.site}/roster?date=${date}&lang=en`);
        assert.equal(roster.status, 200, `roster ${date}`);
        assert.match(roster.text, /2030-01-07|January 7, 2030/, 'today is shown instead');
        assert.equal((await admin.get(`/staff/sites/${ids.site}/schedule/day?date=${date}`)).status, 200);
        assert.equal((await admin.get(`/staff/sites/${ids.site}/schedule/week?start=${date}`)).status, 200);
        assert.equal((await admin.get(`/staff/audit?from=${date}&to=${date}`)).status, 200, `audit page ${date}`);
        const audit = await fetch(`${app.url}/api/v1/audit?from=${date}`, {
          headers: { authorization: `Bearer ${apiToken}` },
        });
        assert.equal(audit.status, 400, `audit API ${date}`);
        await audit.body?.cancel();
        assert.equal((await admin.get(`/staff/feedback?from=${date}&to=${date}`)).status, 200, `feedback ${date}`);
        assert.equal((await admin.get(`/staff/feedback/comments?from=${date}`)).status, 200);
      }
    });

    it('staff accounts refuse unsafe display names', async () => {
      await admin.get('/staff/users/invite?lang=es');
      const before = await count('staff_users');
      for (const [what, bad] of BAD_NAMES)
        refusedWith(
          await admin.post('/staff/users/invite', {
            displayName: bad,
            email: 'new@county.example',
            role: 'site-staff',
          }),
          /caracteres invisibles ni de control/,
          what,
        );
      assert.equal(await count('staff_users'), before, 'nobody was invited');
    });
  });
}

/**
 * The resident pages over HTTP on both engines: the screener's three answers, the form (merged duplicates,
 * translated errors, nothing stored on bad input), the status link's token handling and opt-out, and the
 * invitation page's birth-date check (mismatch refused, locked after a few) and acceptance that books.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTestApp, TestClient, type TestApp } from '../../test/support/app.js';
import { catalog } from '../../test/support/catalog-fixtures.js';
import { engines } from '../../test/support/db.js';
import { systemActor } from '../platform/audit/index.js';
import { addGroup, addPhase, runMatching, saveSettings, SEND_INVITATION_MESSAGES, setPhase } from './index.js';

const DAY = 86_400_000;

for (const { engine, skip } of engines()) {
  describe(`pre-registration pages (${engine})`, { skip }, () => {
    let app: TestApp;
    let clock = Date.UTC(2030, 0, 7, 15);
    let c: ReturnType<typeof catalog>;
    let n = 0;
    const deps = () => ({ ...app.built.deps, actor: systemActor('test') });
    const db = () => app.tdb.db.kysely;

    /** A program: 75+ (phase 1, open), teachers by question (phase 2, closed); one site with seats and doses. */
    async function setup(seats = 1) {
      const program = await c.program('invitation');
      const product = await c.product(program);
      const site = await c.site({ doses: { [product]: 10 }, postalCode: '02108' });
      for (let i = 0; i < seats; i++) await c.slot(site, program, clock + (2 + i) * DAY, 1);
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
      const p1 = await addPhase(program, { nameEn: 'Phase 1', nameEs: 'Fase 1' }, deps());
      const p2 = await addPhase(program, { nameEn: 'Phase 2', nameEs: 'Fase 2' }, deps());
      await addGroup(
        program,
        { phaseId: p1, nameEn: 'Age 75+', nameEs: 'Edad 75+', questionEn: '', questionEs: '', minAge: 75 },
        deps(),
      );
      const teachers = await addGroup(
        program,
        {
          phaseId: p2,
          nameEn: 'Teachers',
          nameEs: 'Docentes',
          questionEn: 'Do you work in a school?',
          questionEs: '¿Trabaja en una escuela?',
          minAge: null,
        },
        deps(),
      );
      await setPhase(program, p1, 'open', deps());
      return { program, teachers, site };
    }

    const born = (iso: string) => {
      const [y = '', m = '', d = ''] = iso.split('-');
      return { birthYear: y, birthMonth: String(Number(m)), birthDay: String(Number(d)) };
    };
    const person = (o: Record<string, string> = {}) => ({
      forWhom: 'self',
      givenName: `Pat${++n}`,
      familyName: 'Resident',
      ...born('1940-02-03'),
      zip: '02109',
      email: `p${n}@example.com`,
      phone: '',
      language: 'en',
      maxMiles: '25',
      ...o,
    });
    const registrants = async (program: string) =>
      Number(
        (
          await db()
            .selectFrom('prereg_registrants')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .where('program_id', '=', program)
            .executeTakeFirstOrThrow()
        ).n,
      );
    async function inviteToken(registrantId: string): Promise<string> {
      await app.built.runner.drain([SEND_INVITATION_MESSAGES]);
      const r = await db()
        .selectFrom('prereg_registrants')
        .select('contact_id')
        .where('id', '=', registrantId)
        .executeTakeFirstOrThrow();
      const m = await db()
        .selectFrom('messages')
        .select('content_enc')
        .where('contact_id', '=', r.contact_id ?? '')
        .where('type', '=', 'preregistration.invitation')
        .executeTakeFirst();
      const content = deps().cipher.decrypt(m?.content_enc ?? assert.fail('no invitation'), 'message.content');
      return /\/invite\/([A-Za-z0-9_-]+)/.exec(content)?.[1] ?? assert.fail('no link');
    }
    /** Register over HTTP; returns the client (holding the status cookie) and the registrant. */
    async function registerOverHttp(program: string, o: Record<string, string> = {}) {
      const client = new TestClient(app.url);
      const r = await client.submit(`/preregister/${program}/register`, `/preregister/${program}/register`, person(o));
      assert.equal(r.status, 303, r.text.slice(0, 400));
      const row = await db()
        .selectFrom('prereg_registrants')
        .select(['id', 'channel', 'status'])
        .where('program_id', '=', program)
        .orderBy('registered_at', 'desc')
        .executeTakeFirstOrThrow();
      clock += 1000;
      return { client, row, location: r.location };
    }

    before(async () => {
      app = await startTestApp(engine, { QUIET_HOURS: '0-0', RATE_LIMITS: 'off' }, { now: () => clock });
      c = catalog({ db: app.tdb.db, now: () => clock });
    });
    after(() => app.close());

    it('the screener says now, later (which phase) or not, and why, in English and Spanish', async () => {
      const s = await setup();
      const client = new TestClient(app.url);
      const ask = (fields: Record<string, string>) =>
        client.submit(`/preregister/${s.program}`, `/preregister/${s.program}`, { zip: '02109', ...fields });
      const list = await client.get('/preregister');
      assert.match(list.text, new RegExp(`/preregister/${s.program}`));
      const now = await ask(born('1940-02-03'));
      assert.equal(now.status, 200);
      assert.match(now.text, /You can pre-register now/);
      assert.match(now.text, /Age 75\+/);
      const later = await ask({ ...born('1980-02-03'), yes: s.teachers });
      assert.match(later.text, /You can pre-register for later/);
      assert.match(later.text, /Teachers/);
      assert.match(later.text, /Phase 2/);
      assert.match(
        (await ask(born('1980-02-03'))).text,
        /None of the program&#x27;s groups|None of the program's groups/,
      );
      assert.match((await ask(born('2020-02-03'))).text, /minimum age/);
      await client.get('/preregister?lang=es');
      const es = await ask({ ...born('1980-02-03'), yes: s.teachers });
      assert.match(es.text, /Puede preinscribirse para más adelante/);
      assert.match(es.text, /Docentes/);
      const bad = await ask({ birthYear: '19', birthMonth: '', birthDay: '' });
      assert.equal(bad.status, 400);
      assert.match(bad.text, /Escriba una fecha de nacimiento real/);
    });

    it('registers (web or for someone else), merges a duplicate, and refuses bad input with nothing stored', async () => {
      const s = await setup();
      const first = await registerOverHttp(s.program, { givenName: 'Ana', email: 'ana@example.com' });
      assert.equal(first.location, '/preregister/confirmation');
      assert.equal(first.row.channel, 'web');
      const shown = await first.client.get('/preregister/confirmation');
      assert.equal(shown.status, 200);
      assert.match(shown.text, /You are pre-registered/);
      assert.match(shown.text, /\/preregister\/status\/[A-Za-z0-9_-]+/);
      const again = await registerOverHttp(s.program, { givenName: 'ana', email: 'ANA@example.com', forWhom: 'other' });
      assert.equal(again.location, '/preregister/confirmation?merged=1');
      assert.equal(await registrants(s.program), 1);
      const proxy = await registerOverHttp(s.program, { forWhom: 'other' });
      assert.equal(proxy.row.channel, 'proxy');
      assert.equal(await registrants(s.program), 2);

      const es = new TestClient(app.url);
      await es.get('/preregister?lang=es');
      const bad = await es.submit(`/preregister/${s.program}/register`, `/preregister/${s.program}/register`, {
        ...person({ givenName: '', zip: '12', email: 'not-an-email' }),
      });
      assert.equal(bad.status, 400);
      assert.match(bad.text, /Escriba un nombre/);
      assert.match(bad.text, /Escriba un código postal de 5 dígitos/);
      assert.match(bad.text, /fd-error-summary/);
      const noContact = await es.submit(`/preregister/${s.program}/register`, `/preregister/${s.program}/register`, {
        ...person({ email: '', phone: '' }),
      });
      assert.equal(noContact.status, 400);
      assert.match(noContact.text, /Escriba un correo electrónico o un número de teléfono/);
      const tooYoung = await es.submit(`/preregister/${s.program}/register`, `/preregister/${s.program}/register`, {
        ...person(born('2020-01-01')),
      });
      assert.equal(tooYoung.status, 200);
      assert.match(tooYoung.text, /Todavía no puede preinscribirse/);
      assert.equal(await registrants(s.program), 2, 'nothing stored on bad input');
    });

    it('the status link moves its token into a cookie; the page tells honest facts; opt-out stops', async () => {
      const s = await setup();
      const { client } = await registerOverHttp(s.program);
      const link = /\/preregister\/status\/([A-Za-z0-9_-]+)/.exec((await client.get('/preregister/confirmation')).text);
      const token = link?.[1] ?? assert.fail('no status link');
      const fresh = new TestClient(app.url);
      const opened = await fresh.get(`/preregister/status/${token}`);
      assert.equal(opened.status, 303);
      assert.equal(opened.location, '/preregister/status');
      assert.equal(opened.headers.get('referrer-policy'), 'no-referrer');
      const page = await fresh.get('/preregister/status');
      assert.equal(page.status, 200);
      assert.match(page.text, /Age 75\+/);
      assert.match(page.text, /Phase 1 is open/);
      assert.match(page.text, /cannot tell you a date/);
      const stranger = new TestClient(app.url);
      assert.equal((await stranger.get('/preregister/status')).status, 403);
      await stranger.get('/preregister/status/wrong-token');
      assert.equal((await stranger.get('/preregister/status')).status, 403);
      const out = await fresh.post('/preregister/opt-out', {});
      assert.equal(out.status, 303);
      assert.match((await fresh.get(out.location ?? '')).text, /Stopped: you will not be invited/);
      const row = await db()
        .selectFrom('prereg_registrants')
        .select('status')
        .where('program_id', '=', s.program)
        .executeTakeFirstOrThrow();
      assert.equal(row.status, 'opted-out');
    });

    it('the invitation asks the birth date: a mismatch books nothing, a few lock it; the right one books', async () => {
      const s = await setup(2);
      const a = await registerOverHttp(s.program, { ...born('1940-05-06') });
      const b = await registerOverHttp(s.program, { ...born('1941-07-08') });
      assert.equal((await runMatching(deps(), { programId: s.program, trigger: 'test' })).invited, 2);
      const bookings = async () =>
        Number(
          (
            await db()
              .selectFrom('bookings')
              .select((eb) => eb.fn.countAll<number>().as('n'))
              .executeTakeFirstOrThrow()
          ).n,
        );
      const before = await bookings();

      // A shared link tried with other birth dates: refused, then locked.
      const shared = new TestClient(app.url);
      const opened = await shared.get(`/invite/${await inviteToken(b.row.id)}`);
      assert.equal(opened.location, '/invite');
      const page = await shared.get('/invite');
      assert.equal(page.status, 200);
      assert.match(page.text, /A seat is held for you/);
      for (let i = 0; i < 2; i++) {
        const wrong = await shared.post('/invite', { answer: 'accept', ...born('1990-01-01') });
        assert.equal(wrong.status, 400);
        assert.match(wrong.text, /does not match/);
      }
      const locked = await shared.post('/invite', { answer: 'accept', ...born('1990-01-01') });
      assert.equal(locked.status, 403);
      assert.equal((await shared.get('/invite')).status, 403);
      assert.equal(await bookings(), before, 'nothing booked');

      // The invitee, in Spanish, with the right date: booked, then the manage page.
      const me = new TestClient(app.url);
      await me.get(`/invite/${await inviteToken(a.row.id)}?lang=es`);
      const es = await me.get('/invite');
      assert.match(es.text, /Tiene un lugar reservado/);
      const yes = await me.post('/invite', { answer: 'accept', ...born('1940-05-06') });
      assert.equal(yes.status, 303, yes.text.slice(0, 300));
      assert.match(yes.location ?? '', /^\/my-appointment\/[^?]+\?token=/);
      const manage = await me.get(yes.location ?? '');
      assert.equal(manage.status, 303);
      assert.equal((await me.get(manage.location ?? '')).status, 200);
      assert.equal(await bookings(), before + 1);
      assert.equal((await me.get('/invite')).status, 410, 'single use');
    });
  });
}

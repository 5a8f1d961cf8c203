/**
 * Every staff view that shows people (names, birth dates, contacts) writes an audit row naming the staff member:
 * the roster, the no-shows step, booking lookup (by code and by name + birth date), a booking's pages, the desk,
 * staff booking's manage pages, the sent-messages list and a message, a contact, the call list and answering for a
 * caller, the pre-registration export, and the feedback comments with residents' contacts. The walk reads each view
 * as a staff member with a role that may, and checks that the log grew by that view's entry.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createInvitation } from '../src/feedback/links.js';
import { systemActor } from '../src/platform/audit/index.js';
import { addGroup, addPhase, preRegister, runMatching, saveSettings, setPhase } from '../src/preregistration/index.js';
import { createUserWithOneTimePassword } from '../src/staff/index.js';
import { signedInClient, startTestApp, TestClient, type Answer, type TestApp } from './support/app.js';
import { catalog } from './support/catalog-fixtures.js';
import { engines } from './support/db.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** 7 January 2030, 10:00 in New York (the sites' zone). */
const NOW = Date.UTC(2030, 0, 7, 15);
const TODAY = '2030-01-07';
const PASSWORD = 'a long enough password';

interface View {
  name: string;
  who: 'admin' | 'agent' | 'analyst';
  action: string;
  read: (c: TestClient) => Promise<Answer>;
}

for (const { engine, skip } of engines()) {
  describe(`staff views of people are audited (${engine})`, { skip }, () => {
    let app: TestApp;
    let clock = NOW - 3 * HOUR;
    const clients: Partial<Record<View['who'], TestClient>> = {};
    const emails: Partial<Record<View['who'], string>> = {};
    const as = (who: View['who']) => clients[who] ?? assert.fail(`${who} is not signed in`);
    const f = { site: '', booking: '', code: '', message: '', contact: '', program: '', registrant: '' };
    const db = () => app.tdb.db.kysely;
    const deps = () => ({ ...app.built.deps, actor: systemActor('test') });
    const auditRows = async (action: string, actor: string) =>
      (
        await db()
          .selectFrom('audit_log')
          .select('id')
          .where('action', '=', action)
          .where('actor_label', '=', actor)
          .execute()
      ).length;

    async function staff(who: View['who'], role: 'admin' | 'call-agent' | 'analyst') {
      const email = `${who}-${engine}@county.example`;
      const r = await createUserWithOneTimePassword(
        { email, displayName: who, role },
        { db: app.tdb.db, now: () => clock, actor: systemActor('test') },
      );
      assert.ok(r.ok);
      const c = await signedInClient(app.url, email, r.oneTimePassword);
      await c.get('/staff/account/password');
      await c.post('/staff/account/password', { current: r.oneTimePassword, password: PASSWORD, confirm: PASSWORD });
      clients[who] = c;
      emails[who] = email;
    }

    before(async () => {
      app = await startTestApp(engine, { RATE_LIMITS: 'off', QUIET_HOURS: '0-0' }, { now: () => clock });
      const c = catalog({ db: app.tdb.db, now: () => clock });
      // A booking this morning (ended by NOW: a no-show candidate), made through the API with an e-mail address.
      const program = await c.program('open');
      const product = await c.product(program);
      f.site = await c.site({ doses: { [product]: 10 } });
      const slot = await c.slot(f.site, program, NOW - 2 * HOUR, 5);
      const res = await fetch(`${app.url}/api/v1/bookings`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          slotId: slot,
          productId: product,
          dose: 1,
          person: {
            givenName: 'Rosa',
            familyName: 'Parks',
            birthDate: '1950-02-04',
            email: 'rosa@example.com',
            language: 'en',
          },
        }),
      });
      const booked = (await res.json()) as { id: string; confirmationCode: string };
      assert.equal(res.status, 201, JSON.stringify(booked));
      f.booking = booked.id;
      f.code = booked.confirmationCode;
      const message = await db()
        .selectFrom('messages')
        .select(['id', 'contact_id'])
        .where('contact_id', 'is not', null)
        .executeTakeFirstOrThrow();
      f.message = message.id;
      f.contact = message.contact_id ?? '';

      // A landline caller with a held seat, on the call list.
      f.program = await c.program('invitation');
      const preProduct = await c.product(f.program);
      const preSite = await c.site({ doses: { [preProduct]: 10 }, postalCode: '02108' });
      await c.slot(preSite, f.program, NOW + 2 * DAY, 1);
      await saveSettings(
        f.program,
        {
          minAge: 16,
          referenceDate: '2030-01-01',
          zips: [],
          counties: [],
          holdHours: 24,
          horizonDays: 14,
          smsYes: false,
          productId: preProduct,
        },
        deps(),
      );
      const phase = await addPhase(f.program, { nameEn: 'Phase 1', nameEs: 'Fase 1' }, deps());
      await addGroup(
        f.program,
        { phaseId: phase, nameEn: 'Everyone', nameEs: 'Todos', questionEn: '', questionEs: '', minAge: null },
        deps(),
      );
      await setPhase(f.program, phase, 'open', deps());
      const caller = await preRegister(
        deps(),
        f.program,
        {
          birthDate: '1950-03-04',
          zip: '02109',
          county: undefined,
          yes: [],
          forWhom: 'self',
          givenName: 'Tom',
          familyName: 'Landline',
          email: undefined,
          phone: '617-555-0142',
          callMe: true,
          language: 'en',
          needs: [],
          languageNeed: undefined,
          maxMiles: 25,
          preferredSites: [],
          unavailable: [],
        },
        'phone',
      );
      assert.ok(caller.ok);
      f.registrant = caller.id;
      assert.equal((await runMatching(deps(), { programId: f.program, trigger: 'test' })).invited, 1);

      // A survey answer whose resident asked to be contacted.
      const token = `audit-walk-token-${engine}-0123456789`;
      await createInvitation(db(), {
        origin: 'visit',
        triggerKey: `audit-walk:${token}`,
        form: 'a11',
        context: { programId: program, siteId: f.site, channel: 'web', language: 'en', transactionDate: '2029-12-10' },
        now: clock,
        token,
      });
      const resident = new TestClient(app.url);
      await resident.get(`/feedback/s/${token}`);
      const answered = await resident.post(`/feedback/s/${token}`, {
        trust: '2',
        comment: 'Call me',
        contactOk: 'yes',
        contact: 'rosa.survey@example.com',
      });
      assert.equal(answered.status, 303);

      clock = NOW;
      await staff('admin', 'admin');
      await staff('agent', 'call-agent');
      await staff('analyst', 'analyst');
    });
    after(() => app.close());

    const views: View[] = [
      {
        name: 'the roster',
        who: 'admin',
        action: 'appointments.roster.viewed',
        read: (c) => c.get(`/staff/sites/${f.site}/roster?date=${TODAY}`),
      },
      {
        name: 'the no-shows step',
        who: 'admin',
        action: 'appointments.no-shows.viewed',
        read: (c) => c.get(`/staff/sites/${f.site}/no-shows?date=${TODAY}`),
      },
      {
        name: 'lookup by code',
        who: 'agent',
        action: 'appointments.booking.looked-up',
        read: (c) => c.get(`/staff/bookings?code=${f.code}`),
      },
      {
        name: 'lookup by name and birth date',
        who: 'agent',
        action: 'appointments.booking.looked-up',
        read: async (c) => {
          await c.get('/staff/bookings');
          return c.post('/staff/bookings/search', { givenName: 'Rosa', familyName: 'Parks', birthDate: '1950-02-04' });
        },
      },
      {
        name: 'a booking’s page',
        who: 'agent',
        action: 'appointments.booking.viewed',
        read: (c) => c.get(`/staff/bookings/${f.booking}`),
      },
      {
        name: 'a booking’s cancel step',
        who: 'agent',
        action: 'appointments.booking.viewed',
        read: (c) => c.get(`/staff/bookings/${f.booking}/cancel`),
      },
      {
        name: 'the desk, by code',
        who: 'admin',
        action: 'appointments.booking.looked-up',
        read: (c) => c.get(`/staff/sites/${f.site}/check-in?code=${f.code}`),
      },
      {
        name: 'the desk, by name and birth date',
        who: 'admin',
        action: 'appointments.booking.looked-up',
        read: async (c) => {
          await c.get(`/staff/sites/${f.site}/check-in`);
          return c.post(`/staff/sites/${f.site}/check-in/search`, {
            givenName: 'Rosa',
            familyName: 'Parks',
            birthDate: '1950-02-04',
          });
        },
      },
      {
        name: 'the administer step',
        who: 'admin',
        action: 'appointments.booking.viewed',
        read: (c) => c.get(`/staff/sites/${f.site}/bookings/${f.booking}/administer`),
      },
      {
        name: 'staff booking’s manage page',
        who: 'agent',
        action: 'appointments.booking.viewed',
        read: (c) => c.get(`/staff/book/manage/${f.booking}`),
      },
      {
        name: 'the sent-messages list',
        who: 'admin',
        action: 'notifications.messages.listed',
        read: (c) => c.get('/staff/messages'),
      },
      {
        name: 'a sent message',
        who: 'admin',
        action: 'notifications.message.viewed',
        read: (c) => c.get(`/staff/messages/${f.message}`),
      },
      {
        name: 'a contact',
        who: 'agent',
        action: 'notifications.contact.viewed',
        read: (c) => c.get(`/staff/contacts/${f.contact}`),
      },
      {
        name: 'the call list',
        who: 'agent',
        action: 'preregistration.call-list.viewed',
        read: (c) => c.get(`/staff/preregistration/${f.program}/call-list`),
      },
      {
        name: 'answering for a caller',
        who: 'agent',
        action: 'preregistration.call-list.viewed',
        read: (c) => c.get(`/staff/preregistration/${f.program}/call-list/${f.registrant}/answer`),
      },
      {
        name: 'the pre-registration export',
        who: 'analyst',
        action: 'preregistration.list.exported',
        read: (c) => c.get(`/staff/preregistration/${f.program}/export.csv`),
      },
      {
        name: 'feedback comments with residents’ contacts',
        who: 'analyst',
        action: 'feedback.contact.viewed',
        read: (c) => c.get('/staff/feedback/comments'),
      },
    ];

    for (const v of views)
      it(`${v.name}: ${v.action}`, async () => {
        const email = emails[v.who] ?? '';
        const before = await auditRows(v.action, email);
        const r = await v.read(as(v.who));
        assert.ok(r.status === 200 || r.status === 303, `${v.name}: ${r.status} ${r.text.slice(0, 200)}`);
        assert.ok((await auditRows(v.action, email)) > before, `${v.name} shows people without an audit entry`);
      });

    it('the views really showed people (names or masked contacts)', async () => {
      const roster = await as('admin').get(`/staff/sites/${f.site}/roster?date=${TODAY}`);
      assert.match(roster.text, /Parks/);
      const noShows = await as('admin').get(`/staff/sites/${f.site}/no-shows?date=${TODAY}`);
      assert.match(noShows.text, /Parks/);
      const messages = await as('admin').get('/staff/messages');
      assert.match(messages.text, /r\*+@example\.com|ro\*+|@example\.com/);
      const callList = await as('agent').get(`/staff/preregistration/${f.program}/call-list`);
      assert.match(callList.text, /Landline/);
      const comments = await as('analyst').get('/staff/feedback/comments');
      assert.match(comments.text, /rosa\.survey@example\.com/);
    });
  });
}

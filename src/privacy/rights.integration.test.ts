/**
 * A person's rights, handled by an admin in the console, on both engines: only admins reach the pages; a search by
 * e-mail, by name and birth date, by phone or by confirmation code finds the same records in every module (and not
 * another person's); the export file holds them all; a correction changes every module's copy in one step (and a
 * refused one changes nothing); an erasure cancels the upcoming appointment through the booking module, leaves no
 * personal value readable in any table — plain, encrypted or blind-indexed — and keeps the statistics and the seat
 * and dose counts exact. Every action is in the audit log with the reason given, never with a searched value.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { signedInClient, startTestApp, type TestApp, TestClient } from '../../test/support/app.js';
import { catalog } from '../../test/support/catalog-fixtures.js';
import { engines } from '../../test/support/db.js';
import { bookAppointment, checkIn, recordAdministration } from '../appointments/index.js';
import { offerSurveyAfterBooking } from '../feedback/index.js';
import { systemActor } from '../platform/audit/index.js';
import type { Role } from '../platform/auth/index.js';
import { addGroup, addPhase, preRegister, runMatching, saveSettings, setPhase } from '../preregistration/index.js';
import { createApiToken, createUserWithOneTimePassword } from '../staff/index.js';

const DAY = 86_400_000;
const T0 = Date.UTC(2026, 2, 2, 14);
const PASSWORD = 'a long enough password';
const REASON = 'Request received by letter, reference 2026-041';
const ZELDA = { givenName: 'Zelda', familyName: 'Quintanilla', birthDate: '1975-06-15' };
const EMAIL = 'zelda.q@example.com';
const PHONE = '617-555-0142';
const CONTEXTS = [
  'person.given_name',
  'person.family_name',
  'person.birth_date',
  'prereg.given_name',
  'prereg.family_name',
  'prereg.birth_date',
  'contact.name',
  'contact.email',
  'contact.phone',
  'message.recipient',
  'message.content',
  'feedback_contact_requests.contact',
  'feedback_responses.comment',
  'feedback_responses.comment_well',
  'feedback_responses.custom_answers',
  'pulse_responses.help_text',
  'pulse_responses.custom_answers',
  'prereg_registrants.needs',
  'prereg_registrants.language_need',
  'idempotency_keys.response',
  'jobs.payload',
];

for (const { engine, skip } of engines()) {
  describe(`a person's rights (${engine})`, { skip }, () => {
    let app: TestApp;
    let clock = T0;
    let admin: TestClient;
    let analystToken = '';
    const db = () => app.tdb.db.kysely;
    const sys = () => ({ ...app.built.deps, now: () => clock, actor: systemActor('test') });
    const fx = {
      program: '',
      product: '',
      site: '',
      s1: '',
      s2: '',
      s3: '',
      s4: '',
      prereg: '',
      preregProduct: '',
      group: '',
    };
    const zelda = { dose1: '', dose2: '', codes: [] as string[] };
    let bobPerson = '';

    async function staff(email: string, role: Role): Promise<TestClient> {
      const r = await createUserWithOneTimePassword({ email, displayName: email, role }, sys());
      assert.ok(r.ok);
      const c = await signedInClient(app.url, email, r.oneTimePassword);
      await c.get('/staff/account/password');
      await c.post('/staff/account/password', { current: r.oneTimePassword, password: PASSWORD, confirm: PASSWORD });
      return c;
    }
    const refsIn = (html: string) => [...html.matchAll(/name="ref" value="([^"]+)"/g)].map((m) => m[1] ?? '');
    async function search(fields: Record<string, string>) {
      await admin.get('/staff/privacy');
      return admin.post('/staff/privacy/search', { reason: REASON, ...fields });
    }
    async function act(
      path: string,
      terms: Record<string, string>,
      refs: string[],
      extra: Record<string, string> = {},
    ) {
      await admin.get('/staff/privacy');
      const form = new URLSearchParams({ ...terms, reason: REASON, ...extra });
      for (const r of refs) form.append('ref', r);
      form.set('_csrf', admin.lastCsrf ?? '');
      return admin.request('POST', path, form.toString(), { 'content-type': 'application/x-www-form-urlencoded' });
    }
    const audit = (action: string) =>
      db().selectFrom('audit_log').selectAll().where('action', '=', action).orderBy('id').execute();
    const a11 = async () => {
      const r = await fetch(`${app.url}/api/v1/feedback/a11-export?quarter=2026-Q1`, {
        headers: { authorization: `Bearer ${analystToken}` },
      });
      return r.text();
    };
    const capacity = async () => ({
      slots: await db().selectFrom('slots').select(['id', 'booked']).orderBy('id').execute(),
      inventory: await db().selectFrom('site_inventory').select(['product_id', 'on_hand', 'reserved']).execute(),
    });

    before(async () => {
      app = await startTestApp(
        engine,
        {
          RATE_LIMITS: 'off',
          FEEDBACK_RATE_PER_MINUTE: '1000',
          SESSION_IDLE_MINUTES: '1440',
          SESSION_MAX_HOURS: '336',
        },
        { now: () => clock },
      );
      const c = catalog({ db: app.tdb.db, now: () => clock });
      fx.program = await c.program('open');
      const product = await c.product(fx.program, 2, { minDays: 21, maxDays: 28 });
      fx.product = product;
      fx.site = await c.site({ doses: { [product]: 10 } });
      fx.s1 = await c.slot(fx.site, fx.program, T0 + DAY, 3);
      fx.s2 = await c.slot(fx.site, fx.program, T0 + 23 * DAY, 3);
      fx.s3 = await c.slot(fx.site, fx.program, T0 + 2 * DAY, 3);
      analystToken = (await createApiToken({ name: 'reports', role: 'analyst' }, sys())).token;

      const booked = await bookAppointment(sys(), {
        slotId: fx.s1,
        productId: product,
        dose: 1,
        person: { ...ZELDA, email: EMAIL, phone: PHONE, language: 'es' },
        channel: 'web',
      });
      zelda.dose1 = booked.id;
      zelda.dose2 = booked.secondDose?.id ?? '';
      assert.ok(zelda.dose2, 'dose 2 is held with dose 1');
      const bob = await bookAppointment(sys(), {
        slotId: fx.s3,
        productId: product,
        dose: 1,
        person: {
          givenName: 'Bob',
          familyName: 'Other',
          birthDate: '1981-01-01',
          email: 'bob@example.com',
          language: 'en',
        },
        channel: 'phone',
      });
      bobPerson = (
        await db().selectFrom('bookings').select('person_id').where('id', '=', bob.id).executeTakeFirstOrThrow()
      ).person_id;
      zelda.codes = (
        await db()
          .selectFrom('bookings')
          .select('confirmation_code')
          .where(
            'series_id',
            '=',
            (
              await db()
                .selectFrom('bookings')
                .select('series_id')
                .where('id', '=', zelda.dose1)
                .executeTakeFirstOrThrow()
            ).series_id,
          )
          .execute()
      ).map((b) => b.confirmation_code);
      const survey = await offerSurveyAfterBooking(sys(), {
        bookingId: zelda.dose1,
        programId: fx.program,
        siteId: fx.site,
        channel: 'web',
        language: 'es',
      });
      assert.ok(survey);
      const resident = new TestClient(app.url);
      const answered = await resident.submit(survey.href, survey.href.split('?')[0] ?? '', {
        trust: '2',
        comment: 'Zelda Quintanilla says the line was long',
        contactOk: 'yes',
        contact: EMAIL,
      });
      assert.equal(answered.status, 303);

      fx.prereg = await c.program('invitation');
      const preregProduct = await c.product(fx.prereg);
      fx.preregProduct = preregProduct;
      await saveSettings(
        fx.prereg,
        {
          minAge: 16,
          referenceDate: '2026-01-01',
          zips: [],
          counties: [],
          holdHours: 24,
          horizonDays: 14,
          smsYes: false,
          productId: preregProduct,
        },
        sys(),
      );
      const phase = await addPhase(fx.prereg, { nameEn: 'Phase 1', nameEs: 'Fase 1' }, sys());
      fx.group = await addGroup(
        fx.prereg,
        { phaseId: phase, nameEn: 'Everyone', nameEs: 'Todos', questionEn: '', questionEs: '', minAge: null },
        sys(),
      );
      await setPhase(fx.prereg, phase, 'open', sys());
      const reg = await preRegister(
        sys(),
        fx.prereg,
        {
          ...ZELDA,
          zip: '02108',
          yes: [],
          forWhom: 'self',
          email: EMAIL,
          callMe: false,
          language: 'es',
          needs: ['asl'],
          maxMiles: 10,
          preferredSites: [],
          unavailable: [],
        },
        'web',
      );
      assert.ok(reg.ok);
      await app.built.runner.drain(['deliver-message']);
      // Dose 1 is given; dose 2 is still ahead.
      clock = T0 + DAY + 5 * 60_000;
      assert.ok(await checkIn(zelda.dose1, sys()));
      assert.deepEqual(await recordAdministration(zelda.dose1, { lot: 'L1' }, sys()), { ok: true });
      // Her registration is invited: a seat and a dose are held for her.
      const preregSite = await c.site({ doses: { [preregProduct]: 5 }, accessibility: ['asl'] });
      fx.s4 = await c.slot(preregSite, fx.prereg, T0 + 3 * DAY, 2);
      assert.equal((await runMatching(sys(), { programId: fx.prereg, trigger: 'test' })).invited, 1);
      admin = await staff('admin@county.example', 'admin');
    });
    after(() => app?.close());

    it('only admins reach the personal data pages', async () => {
      const anonymous = new TestClient(app.url);
      const a = await anonymous.get('/staff/privacy');
      assert.equal(a.status, 303);
      assert.match(a.location ?? '', /^\/staff\/sign-in/);
      assert.equal((await admin.get('/staff/privacy')).status, 200);
      assert.equal((await admin.get('/staff/privacy/retention')).status, 200);
      assert.match((await admin.get('/staff')).text, /href="\/staff\/privacy"/);
      for (const role of ['site-manager', 'site-staff', 'call-agent', 'analyst', 'content-editor'] as const) {
        const c = await staff(`${role}@county.example`, role);
        assert.doesNotMatch((await c.get('/staff')).text, /href="\/staff\/privacy"/, role);
        assert.equal((await c.get('/staff/privacy')).status, 403, role);
        assert.equal((await c.get('/staff/privacy/retention')).status, 403, role);
        // A valid CSRF token from a page this role may open, so the refusal is the policy's.
        await c.get('/staff');
        const r = await c.post('/staff/privacy/search', { email: EMAIL, reason: REASON });
        assert.equal(r.status, 403, role);
        assert.doesNotMatch(r.text, /Quintanilla/);
      }
    });

    it('finds the same records by e-mail, name and birth date, phone or code — and nobody else’s', async () => {
      const byEmail = await search({ email: EMAIL.toUpperCase() });
      assert.equal(byEmail.status, 200);
      for (const title of [
        'Appointments: Zelda Quintanilla',
        'Pre-registration: Zelda Quintanilla',
        'Contact: Zelda Quintanilla',
        'Survey: asked to be contacted about their answers',
      ])
        assert.ok(byEmail.text.includes(title), title);
      const refs = refsIn(byEmail.text).sort();
      assert.deepEqual([...new Set(refs.map((r) => r.split(':')[0]))].sort(), [
        'appointments',
        'feedback',
        'notifications',
        'preregistration',
      ]);
      assert.doesNotMatch(byEmail.text, /Bob|bob@example/);
      assert.match(byEmail.text, /1 upcoming appointment is cancelled first/);
      assert.match(byEmail.text, /The invitation is withdrawn first/);
      assert.deepEqual(refsIn((await search(ZELDA)).text).sort(), refs, 'by name and birth date');
      assert.deepEqual(refsIn((await search({ phone: '(617) 555-0142' })).text).sort(), refs, 'by phone');
      assert.deepEqual(refsIn((await search({ code: zelda.codes[0] ?? '' })).text).sort(), refs, 'by code');

      const searched = await audit('privacy.searched');
      assert.equal(searched.length >= 4, true);
      for (const s of searched) {
        assert.equal(s.actor_label, 'admin@county.example');
        assert.equal(JSON.parse(s.details ?? '{}').reason, REASON);
      }
      const viewed = await audit('privacy.record.viewed');
      assert.ok(viewed.length >= refs.length * 4);
      const details = (await db().selectFrom('audit_log').select('details').execute()).map((d) => d.details ?? '');
      assert.doesNotMatch(
        details.join('\n'),
        /zelda|quintanilla|555-?0142|1975-06-15/i,
        'no searched value is audited',
      );

      const noReason = await admin.post('/staff/privacy/search', { email: EMAIL });
      assert.equal(noReason.status, 400);
      assert.match(noReason.text, /Give a reason of 5 to 500 characters/);
      const partial = await search({ givenName: 'Zelda', familyName: 'Quintanilla' });
      assert.equal(partial.status, 400);
      assert.match(partial.text, /give the first name, the last name and the birth date/);
      const none = await search({ email: 'nobody@example.com' });
      assert.match(none.text, /Nothing is held under these details/);
    });

    it('exports the records found as one JSON file, each export audited with the reason', async () => {
      const refs = refsIn((await search({ email: EMAIL })).text);
      const r = await act('/staff/privacy/export', { email: EMAIL }, refs);
      assert.equal(r.status, 200);
      assert.match(
        r.headers.get('content-disposition') ?? '',
        /^attachment; filename="personal-data-2026-03-03\.json"$/,
      );
      assert.equal(r.headers.get('cache-control'), 'no-store');
      const file = JSON.parse(r.text) as { format: string; records: Record<string, unknown>[] };
      assert.equal(file.format, 'frontdoor.personal-data/1');
      assert.equal(file.records.length, refs.length);
      const person = file.records.find((x) => x.source === 'appointments');
      assert.equal(person?.givenName, 'Zelda');
      assert.equal(person?.birthDate, '1975-06-15');
      const bookings = person?.bookings as { status: string; confirmationCode: string }[];
      assert.deepEqual(
        bookings.map((b) => b.status),
        ['administered', 'booked'],
      );
      assert.deepEqual(bookings.map((b) => b.confirmationCode).sort(), [...zelda.codes].sort());
      assert.deepEqual(file.records.find((x) => x.source === 'preregistration')?.needs, ['asl']);
      const contact = file.records.find((x) => x.source === 'notifications' && x.email === EMAIL);
      assert.ok(Array.isArray(contact?.messages) && contact.messages.length > 0);
      const survey = file.records.find((x) => x.source === 'feedback') as {
        contact: string;
        answers: { comment: string };
      };
      assert.equal(survey.contact, EMAIL);
      assert.match(survey.answers.comment, /line was long/);
      assert.doesNotMatch(r.text, /Bob|bob@example/);
      const exported = await audit('privacy.record.exported');
      assert.equal(exported.length, refs.length);
      for (const e of exported) assert.deepEqual(JSON.parse(e.details ?? '{}'), { reason: REASON });
    });

    it('corrects names and e-mail everywhere in one step; a correction onto someone else’s identity changes nothing', async () => {
      const refs = refsIn((await search({ email: EMAIL })).text);
      const form = await act('/staff/privacy/correct', { email: EMAIL }, refs);
      assert.equal(form.status, 200);
      assert.match(form.text, /name="newGivenName"/);
      const missing = await act('/staff/privacy/correct/save', { email: EMAIL }, refs, { newGivenName: 'Zeldina' });
      assert.equal(missing.status, 400);
      assert.match(missing.text, /Correct the first and last name together/);

      const clash = await act('/staff/privacy/correct/save', { email: EMAIL }, refs, {
        newGivenName: 'Bob',
        newFamilyName: 'Other',
        newBirthDate: '1981-01-01',
        newEmail: 'clash@example.com',
      });
      assert.equal(clash.status, 409);
      assert.match(clash.text, /Another record already has this name and birth date/);
      assert.equal(refsIn((await search({ email: EMAIL })).text).length, refs.length, 'the e-mail was not changed');

      const saved = await act('/staff/privacy/correct/save', { email: EMAIL }, refs, {
        newGivenName: 'Zeldina',
        newFamilyName: 'Quintanilla',
        newEmail: 'zeldina.q@example.com',
      });
      assert.equal(saved.status, 303);
      assert.match(saved.location ?? '', /^\/staff\/privacy\/done\?action=corrected&count=\d+$/);
      const again = refsIn((await search({ email: 'zeldina.q@example.com' })).text).sort();
      assert.deepEqual(again, [...refs].sort(), 'every record follows the new e-mail');
      const byName = await search({ ...ZELDA, givenName: 'Zeldina' });
      assert.match(byName.text, /Appointments: Zeldina Quintanilla/);
      assert.match(byName.text, /Pre-registration: Zeldina Quintanilla/);
      assert.equal(refsIn((await search({ email: EMAIL })).text).length, 0, 'the old e-mail finds nothing');
      const corrected = await audit('privacy.record.corrected');
      assert.ok(corrected.length >= 3);
      for (const e of corrected) {
        const d = JSON.parse(e.details ?? '{}') as { reason: string; fields: string[] };
        assert.equal(d.reason, REASON);
        assert.ok(d.fields.length > 0);
      }
    });

    it('erases: the upcoming appointment is cancelled, nothing personal stays anywhere, statistics and counts hold', async () => {
      const terms = { email: 'zeldina.q@example.com' };
      const refs = refsIn((await search(terms)).text);
      // What identifies her in the database now: the values to look for afterwards, in every table.
      const people = await db().selectFrom('people').selectAll().where('id', '<>', bobPerson).execute();
      const registrants = await db().selectFrom('prereg_registrants').selectAll().execute();
      const bobContact = (
        await db().selectFrom('people').select('contact_id').where('id', '=', bobPerson).executeTakeFirstOrThrow()
      ).contact_id;
      const contacts = await db()
        .selectFrom('contacts')
        .selectAll()
        .where('id', '<>', bobContact ?? '')
        .execute();
      const secrets = [
        'Zelda',
        'Quintanilla',
        'zelda.q@example',
        'zeldina.q@example',
        '5550142',
        '1975-06-15',
        'line was long',
        ...zelda.codes,
        ...people.map((p) => p.identity_index),
        ...registrants.flatMap((r) => [r.identity_index, r.birth_date_index, r.status_token_hash]),
        ...contacts.flatMap((c) => [c.email_index ?? '', c.phone_index ?? '']).filter(Boolean),
        ...(await db().selectFrom('feedback_contact_requests').select('contact_index').execute()).map(
          (c) => c.contact_index ?? '',
        ),
        ...(
          await db().selectFrom('bookings').select('manage_token_hash').where('person_id', '<>', bobPerson).execute()
        ).map((b) => b.manage_token_hash),
      ].filter((s) => s.length > 0);
      assert.ok(contacts.some((c) => c.email_index !== null));
      const before = {
        capacity: await capacity(),
        a11: await a11(),
        responses: (await db().selectFrom('feedback_responses').select('id').execute()).length,
        registrants: registrants.length,
      };

      const confirm = await act('/staff/privacy/erase', terms, refs);
      assert.equal(confirm.status, 200);
      assert.match(confirm.text, /Erasing cannot be undone/);
      assert.match(confirm.text, /1 upcoming appointment is cancelled first/);
      const unconfirmed = await act('/staff/privacy/erase/confirm', terms, refs);
      assert.equal(unconfirmed.status, 400);
      assert.match(unconfirmed.text, /Tick the box to confirm/);
      const done = await act('/staff/privacy/erase/confirm', terms, refs, { confirm: 'yes' });
      assert.equal(done.status, 303);
      assert.equal(done.location, `/staff/privacy/done?action=erased&count=${refs.length}`);

      // The upcoming dose 2 was cancelled through the booking module: its seat and dose went back, nothing else moved.
      const statuses = await db()
        .selectFrom('bookings')
        .select(['id', 'status'])
        .where('id', 'in', [zelda.dose1, zelda.dose2])
        .execute();
      assert.deepEqual(Object.fromEntries(statuses.map((s) => [s.id, s.status])), {
        [zelda.dose1]: 'administered',
        [zelda.dose2]: 'cancelled',
      });
      assert.equal((await audit('appointments.booking.cancelled')).length, 1);
      const now = await capacity();
      const slot = (c: Awaited<ReturnType<typeof capacity>>, id: string) => c.slots.find((s) => s.id === id)?.booked;
      assert.equal(slot(now, fx.s1), slot(before.capacity, fx.s1));
      assert.equal(slot(now, fx.s3), slot(before.capacity, fx.s3));
      assert.equal(slot(now, fx.s2), (slot(before.capacity, fx.s2) ?? 0) - 1);
      const inv = (c: Awaited<ReturnType<typeof capacity>>, product: string) =>
        c.inventory.find((i) => i.product_id === product);
      assert.equal(inv(now, fx.product)?.on_hand, inv(before.capacity, fx.product)?.on_hand);
      assert.equal(inv(now, fx.product)?.reserved, (inv(before.capacity, fx.product)?.reserved ?? 0) - 1);
      // The invitation was withdrawn: its held seat and dose went back.
      assert.equal(slot(before.capacity, fx.s4), 1);
      assert.equal(slot(now, fx.s4), 0);
      assert.deepEqual(
        [inv(before.capacity, fx.preregProduct)?.reserved, inv(now, fx.preregProduct)?.reserved],
        [1, 0],
      );
      assert.deepEqual(
        (await db().selectFrom('prereg_invitations').select('status').execute()).map((i) => i.status),
        ['withdrawn'],
      );
      // Seats equal active bookings, slot by slot.
      for (const s of now.slots) {
        const active = await db()
          .selectFrom('bookings')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('slot_id', '=', s.id)
          .where('status', 'in', ['booked', 'checked-in', 'administered'])
          .executeTakeFirstOrThrow();
        assert.equal(s.booked, Number(active.n));
      }
      // Statistics: the A-11 export, the survey answers and the registrations are all still counted.
      assert.equal(await a11(), before.a11);
      assert.equal((await db().selectFrom('feedback_responses').select('id').execute()).length, before.responses);
      assert.equal((await db().selectFrom('prereg_registrants').select('id').execute()).length, before.registrants);

      // Nothing personal is readable anywhere: plain values, decrypted values, blind indexes.
      const tables =
        engine === 'sqlite'
          ? await sql<{ name: string }>`select name from sqlite_master where type = 'table'`.execute(db())
          : await sql<{ name: string }>`select table_name as name from information_schema.tables
              where table_schema = current_schema() and table_type = 'BASE TABLE'`.execute(db());
      let scanned = 0;
      for (const { name } of tables.rows) {
        const rows = await sql<Record<string, unknown>>`select * from ${sql.table(name)}`.execute(db());
        for (const row of rows.rows)
          for (const [column, value] of Object.entries(row)) {
            if (typeof value !== 'string') continue;
            scanned += 1;
            let text = value;
            if (value.startsWith('fd1.')) {
              const plain = CONTEXTS.flatMap((ctx) => {
                try {
                  return [app.built.deps.cipher.decrypt(value, ctx)];
                } catch {
                  return [];
                }
              });
              assert.equal(plain.length, 1, `${name}.${column}: a ciphertext of an unknown field`);
              text = plain[0] ?? '';
            }
            for (const s of secrets)
              assert.ok(
                !text.toLowerCase().includes(s.toLowerCase()),
                `${name}.${column} still holds a personal value`,
              );
          }
      }
      assert.ok(scanned > 100);
      // Bob is untouched, and the person is not found any more.
      const bob = await db().selectFrom('people').selectAll().where('id', '=', bobPerson).executeTakeFirstOrThrow();
      assert.equal(app.built.deps.cipher.decrypt(bob.given_name_enc, 'person.given_name'), 'Bob');
      assert.match((await search(terms)).text, /Nothing is held under these details/);
      assert.match((await search({ ...ZELDA, givenName: 'Zeldina' })).text, /Nothing is held under these details/);
      const erased = await audit('privacy.record.erased');
      assert.equal(erased.length, refs.length);
      for (const e of erased) assert.deepEqual(JSON.parse(e.details ?? '{}'), { reason: REASON });
      const page = await admin.get(done.location ?? '');
      assert.match(page.text, new RegExp(`${refs.length} records erased`));
    });
  });
}

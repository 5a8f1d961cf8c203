/**
 * Retention on both engines, through the daily job with a fixed clock: before any period ends nothing changes;
 * after, the person whose last appointment is past the period, the pre-registration, the messages, the contacts
 * nothing uses any more, the survey contact and the audit entries past their period lose their personal fields (or
 * go), while someone with an appointment ahead keeps theirs — and seat and dose counts, the transactions feed (with
 * its languages), the A-11 export and the pre-registration counts are exactly the same as before. The audit log's
 * deletion stays narrow: recent rows cannot be deleted, the floor only moves forward and never within a year.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTestApp, TestClient, type TestApp } from '../../test/support/app.js';
import { catalog } from '../../test/support/catalog-fixtures.js';
import { engines } from '../../test/support/db.js';
import { bookAppointment, checkIn, listTransactionsSince, recordAdministration } from '../appointments/index.js';
import { offerSurveyAfterBooking } from '../feedback/index.js';
import { recordAudit, systemActor } from '../platform/audit/index.js';
import { addGroup, addPhase, preRegister, saveSettings, setPhase } from '../preregistration/index.js';
import { createApiToken } from '../staff/index.js';
import { modules } from '../app.js';
import { RETENTION_JOB } from './index.js';
import { retentionJob } from './jobs/retention.js';

const DAY = 86_400_000;
// Times fixed in the past, so the audit floor (never within 360 days of the database's own clock) can move.
const T0 = Date.UTC(2025, 8, 1, 13); // 1 September 2025, 09:00 in New York
const BEFORE_ANY_PERIOD = T0 + 30 * DAY;
const AFTER = T0 + 200 * DAY;
const OLD_AUDIT = T0 - 300 * DAY;

for (const { engine, skip } of engines()) {
  describe(`retention (${engine})`, { skip }, () => {
    let app: TestApp;
    let clock = T0;
    const db = () => app.tdb.db.kysely;
    const sys = () => ({ ...app.built.deps, now: () => clock, actor: systemActor('test') });
    const fx = { program: '', product: '', prereg: '', group: '', site: '', slotA: '', slotB: '' };
    const ids = { old: '', ahead: '', registrant: '' };
    let analystToken = '';

    const runRetention = async (at: number) => {
      clock = at;
      await app.built.runner.drain([RETENTION_JOB]);
    };
    const capacity = async () => ({
      slots: await db().selectFrom('slots').select(['id', 'booked', 'capacity']).orderBy('id').execute(),
      inventory: await db()
        .selectFrom('site_inventory')
        .select(['site_id', 'product_id', 'on_hand', 'reserved'])
        .orderBy('product_id')
        .execute(),
    });
    const feed = () =>
      listTransactionsSince(db(), {
        since: 0,
        kinds: ['booked', 'checked-in', 'administered', 'cancelled'],
      });
    const a11 = async () => {
      const r = await fetch(`${app.url}/api/v1/feedback/a11-export?quarter=2025-Q3`, {
        headers: { authorization: `Bearer ${analystToken}` },
      });
      assert.equal(r.status, 200);
      return r.text();
    };
    const preregCounts = async () =>
      Promise.all(
        (['group_id', 'zip', 'language'] as const).map((c) =>
          db()
            .selectFrom('prereg_registrants')
            .select([c, (eb) => eb.fn.countAll<number>().as('n')])
            .groupBy(c)
            .orderBy(c)
            .execute()
            .then((rows) => rows.map((r) => `${String(r[c])}=${Number(r.n)}`).join(',')),
        ),
      );
    const person = async (id: string) => {
      const p = await db().selectFrom('people').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
      return { ...p, givenName: app.built.deps.cipher.decrypt(p.given_name_enc, 'person.given_name') };
    };

    before(async () => {
      app = await startTestApp(
        engine,
        { RATE_LIMITS: 'off', FEEDBACK_RATE_PER_MINUTE: '1000', RETENTION_AUDIT_DAYS: '365' },
        { now: () => clock },
      );
      const c = catalog({ db: app.tdb.db, now: () => clock });
      fx.program = await c.program('open');
      fx.product = await c.product(fx.program);
      fx.site = await c.site({ doses: { [fx.product]: 10 } });
      fx.slotA = await c.slot(fx.site, fx.program, T0 + DAY, 3);
      fx.slotB = await c.slot(fx.site, fx.program, AFTER + 10 * DAY, 3);
      analystToken = (await createApiToken({ name: 'reports', role: 'analyst' }, sys())).token;

      // Olive's only visit was long before AFTER; Nora's appointment is still ahead then.
      const book = (slotId: string, givenName: string, email: string) =>
        bookAppointment(sys(), {
          slotId,
          productId: fx.product,
          dose: 1,
          person: { givenName, familyName: 'Tester', birthDate: '1970-03-04', email, language: 'es' },
          channel: 'web',
        });
      const olive = await book(fx.slotA, 'Olive', 'olive@example.com');
      const nora = await book(fx.slotB, 'Nora', 'nora@example.com');
      const survey = await offerSurveyAfterBooking(sys(), {
        bookingId: olive.id,
        programId: fx.program,
        siteId: fx.site,
        channel: 'web',
        language: 'en',
      });
      assert.ok(survey);
      const resident = new TestClient(app.url);
      const answered = await resident.submit(survey.href, survey.href.split('?')[0] ?? '', {
        trust: '4',
        contactOk: 'yes',
        contact: 'olive@example.com',
      });
      assert.equal(answered.status, 303);
      clock = T0 + DAY + 60_000;
      assert.ok(await checkIn(olive.id, sys()));
      assert.deepEqual(await recordAdministration(olive.id, { lot: 'L1' }, sys()), { ok: true });

      fx.prereg = await c.program('invitation');
      const preregProduct = await c.product(fx.prereg);
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
          birthDate: '1960-05-06',
          zip: '02108',
          yes: [],
          forWhom: 'self',
          givenName: 'Rita',
          familyName: 'Registrant',
          email: 'rita@example.com',
          callMe: false,
          language: 'es',
          needs: ['wheelchair'],
          maxMiles: 10,
          preferredSites: [],
          unavailable: [],
        },
        'web',
      );
      assert.ok(reg.ok);
      ids.old = (
        await db().selectFrom('bookings').select('person_id').where('id', '=', olive.id).executeTakeFirstOrThrow()
      ).person_id;
      ids.ahead = (
        await db().selectFrom('bookings').select('person_id').where('id', '=', nora.id).executeTakeFirstOrThrow()
      ).person_id;
      ids.registrant = reg.id;
      await recordAudit(db(), systemActor('test'), { action: 'test.long-ago' }, OLD_AUDIT);
      // Every message handed over (a queued one is never anonymised under its sender).
      await app.built.runner.drain(['deliver-message']);
    });
    after(() => app?.close());

    it('does nothing at all while switched off (RETENTION_ENABLED=false, a legal hold)', async () => {
      const deps = app.built.deps;
      const held = retentionJob(
        { ...deps, config: { ...deps.config, retention: { ...deps.config.retention, enabled: false } } },
        () => modules().flatMap((m) => (m.personalData ? [m.personalData] : [])),
      );
      const log = { info: () => undefined, warn: () => undefined, error: () => undefined };
      await held.handler(null, {
        db: app.tdb.db,
        jobId: 0,
        attempt: 1,
        now: () => AFTER,
        log,
        signal: new AbortController().signal,
      });
      assert.equal((await person(ids.old)).givenName, 'Olive');
      assert.equal(
        (await db().selectFrom('audit_log').select('id').where('action', '=', 'privacy.retention.completed').execute())
          .length,
        0,
      );
    });

    it('before any period ends, the daily job changes nothing and says so in the audit log', async () => {
      const before = await capacity();
      await runRetention(BEFORE_ANY_PERIOD);
      const done = await db()
        .selectFrom('audit_log')
        .select(['details', 'actor_label'])
        .where('action', '=', 'privacy.retention.completed')
        .execute();
      // Today's run (and the one the set-up's day queued, which the runner catches up on).
      assert.ok(done.length >= 1);
      for (const d of done) {
        assert.equal(d.actor_label, RETENTION_JOB);
        assert.deepEqual(JSON.parse(d.details ?? '{}'), {
          counts: { bookings: 0, preregistrations: 0, messages: 0, contacts: 0, surveyContacts: 0, audit: 0 },
        });
      }
      assert.equal((await person(ids.old)).givenName, 'Olive');
      assert.equal((await db().selectFrom('feedback_contact_requests').select('id').execute()).length, 1);
      assert.equal(
        (await db().selectFrom('audit_log').select('id').where('action', '=', 'test.long-ago').execute()).length,
        1,
      );
      assert.deepEqual(await capacity(), before);
    });

    it('after the periods: personal fields go, statistics and capacity counts stay exactly the same', async () => {
      const before = { capacity: await capacity(), feed: await feed(), a11: await a11(), prereg: await preregCounts() };
      const messages = await db().selectFrom('messages').select(['id', 'contact_id']).execute();
      assert.ok(messages.length >= 3);
      const responses = await db().selectFrom('feedback_responses').select('id').execute();

      await runRetention(AFTER);

      // Olive: her last appointment is past RETENTION_BOOKINGS_DAYS (180).
      const olive = await person(ids.old);
      assert.equal(olive.givenName, '');
      assert.equal(app.built.deps.cipher.decrypt(olive.birth_date_enc, 'person.birth_date'), '');
      assert.equal(olive.identity_index, `erased:${olive.id}`);
      assert.equal(olive.anonymised_at, AFTER);
      assert.notEqual(olive.contact_id, null, 'retention keeps the link, so the booking still counts in its language');
      for (const b of await db().selectFrom('bookings').selectAll().where('person_id', '=', ids.old).execute()) {
        assert.equal(b.confirmation_code, `erased:${b.id}`);
        assert.equal(b.manage_token_hash, `erased:${b.id}`);
        assert.equal(b.status, 'administered');
      }
      // Nora's appointment is ahead: everything of hers stays, her contact too (in use).
      const nora = await person(ids.ahead);
      assert.equal(nora.givenName, 'Nora');
      assert.equal(nora.anonymised_at, null);
      const contacts = await db().selectFrom('contacts').selectAll().execute();
      const noraContact = contacts.find((c) => c.id === nora.contact_id);
      assert.ok(noraContact?.email_enc);
      assert.equal(app.built.deps.cipher.decrypt(noraContact.email_enc, 'contact.email'), 'nora@example.com');
      for (const c of contacts.filter((x) => x.id !== nora.contact_id)) {
        assert.deepEqual(
          [c.name_enc, c.email_enc, c.email_index, c.phone_enc, c.phone_index],
          [null, null, null, null, null],
        );
        assert.equal(c.channels, 'none');
        assert.equal(c.locale, 'es', 'the language stays for the statistics');
      }
      // Every message is older than RETENTION_MESSAGES_DAYS (90): recipients and contents are gone, rows stay.
      const after = await db().selectFrom('messages').selectAll().execute();
      assert.equal(after.length, messages.length);
      for (const m of after) {
        assert.equal(app.built.deps.cipher.decrypt(m.recipient_enc, 'message.recipient'), '');
        assert.doesNotMatch(app.built.deps.cipher.decrypt(m.content_enc, 'message.content'), /Olive|Nora|Rita|http/);
        assert.equal(m.anonymised_at, AFTER);
      }
      // The registration: personal fields gone, the counts' columns kept, nobody left to invite.
      const r = await db()
        .selectFrom('prereg_registrants')
        .selectAll()
        .where('id', '=', ids.registrant)
        .executeTakeFirstOrThrow();
      assert.equal(app.built.deps.cipher.decrypt(r.given_name_enc, 'prereg.given_name'), '');
      assert.deepEqual(
        [
          r.identity_index,
          r.birth_date_index,
          r.status_token_hash,
          r.contact_id,
          app.built.deps.cipher.decrypt(r.needs_enc, 'prereg_registrants.needs'),
          r.status,
        ],
        [`erased:${r.id}`, `erased:${r.id}`, `erased:${r.id}`, null, '[]', 'opted-out'],
      );
      assert.deepEqual([r.group_id, r.zip, r.language], [fx.group, '02108', 'es']);
      // The survey contact is deleted; the answers stay, anonymous.
      assert.equal((await db().selectFrom('feedback_contact_requests').select('id').execute()).length, 0);
      assert.equal((await db().selectFrom('feedback_responses').select('id').execute()).length, responses.length);
      // The audit entry past RETENTION_AUDIT_DAYS is gone; the others stay.
      assert.equal(
        (await db().selectFrom('audit_log').select('id').where('action', '=', 'test.long-ago').execute()).length,
        0,
      );
      assert.ok((await db().selectFrom('audit_log').select('id').where('at', '=', T0).execute()).length > 0);
      const last = await db()
        .selectFrom('audit_log')
        .select('details')
        .where('action', '=', 'privacy.retention.completed')
        .orderBy('id', 'desc')
        .executeTakeFirstOrThrow();
      assert.deepEqual(JSON.parse(last.details ?? '{}'), {
        counts: {
          bookings: 1,
          preregistrations: 1,
          messages: messages.length,
          contacts: contacts.length - 1,
          surveyContacts: 1,
          audit: 1,
        },
      });

      // What the dashboards, the A-11 export and the seat counts read is exactly what it was.
      assert.deepEqual(await capacity(), before.capacity);
      assert.deepEqual(await feed(), before.feed);
      assert.equal(await a11(), before.a11);
      assert.match(before.a11, new RegExp(`${fx.program},web,1,1,`), 'Olive’s visit is a customer served');
      assert.deepEqual(await preregCounts(), before.prereg);
    });

    it('the audit log stays append-only except under the floor, which only moves forward and never within a year', async () => {
      const floor = await db().selectFrom('audit_log_floor').selectAll().executeTakeFirstOrThrow();
      assert.equal(floor.purge_before, AFTER - 365 * DAY);
      await assert.rejects(db().deleteFrom('audit_log').where('at', '>=', floor.purge_before).execute());
      await assert.rejects(db().updateTable('audit_log').set({ action: 'tampered' }).execute());
      await assert.rejects(
        db()
          .updateTable('audit_log_floor')
          .set({ purge_before: floor.purge_before - DAY })
          .execute(),
        'the floor never moves back',
      );
      await assert.rejects(
        db()
          .updateTable('audit_log_floor')
          .set({ purge_before: Date.now() - 100 * DAY })
          .execute(),
        'nothing younger than about a year (by the database clock) can be put under the floor',
      );
      await assert.rejects(db().deleteFrom('audit_log_floor').execute());
      assert.ok((await db().selectFrom('audit_log').select('id').execute()).length > 0);
    });
  });
}

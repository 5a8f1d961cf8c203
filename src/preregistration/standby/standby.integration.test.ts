/**
 * Same-day standby on both engines: staff open an offer of N leftover doses (a slot of N seats and N holds through
 * the appointments module); standby-willing, eligible people within their distance are texted, more than N of them,
 * nearest first; the first N YES replies are booked (the holds' conditional writes decide), the next is told the
 * doses are taken and stays waiting, nothing is overbooked; after 15 minutes the offer ends and its seats go back;
 * STOP, landlines, far-away people, closed phases and people who did not tick standby are never texted; the
 * console shows the offer's state and refuses bad input.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { signedInClient, startTestApp, TestClient, type TestApp } from '../../../test/support/app.js';
import { catalog } from '../../../test/support/catalog-fixtures.js';
import { engines } from '../../../test/support/db.js';
import { postInboundSms } from '../../../test/support/sms-webhook.js';
import { systemActor } from '../../platform/audit/index.js';
import { countSegments } from '../../notifications/index.js';
import { createUserWithOneTimePassword } from '../../staff/index.js';
import {
  addGroup,
  addPhase,
  endStandbyOffers,
  openStandbyOffer,
  preRegister,
  runMatching,
  saveSettings,
  setPhase,
} from '../index.js';
import type { RegisterInput } from '../schema.js';
import { standbyOfferTemplate } from './templates.js';

const MINUTE = 60_000;

for (const { engine, skip } of engines()) {
  describe(`same-day standby (${engine})`, { skip }, () => {
    let app: TestApp;
    // Monday 10:00 in New York (the sites' zone).
    let clock = Date.UTC(2030, 0, 7, 15);
    let c: ReturnType<typeof catalog>;
    let n = 0;
    const deps = () => ({ ...app.built.deps, actor: systemActor('test') });
    const db = () => app.tdb.db.kysely;

    async function setup(o: { doses?: number } = {}) {
      const program = await c.program('invitation');
      const product = await c.product(program);
      const site = await c.site({ doses: { [product]: o.doses ?? 10 }, postalCode: '02108' });
      await saveSettings(
        program,
        {
          minAge: 16,
          referenceDate: '2030-01-01',
          zips: [],
          counties: [],
          holdHours: 24,
          horizonDays: 14,
          smsYes: true,
          productId: product,
        },
        deps(),
      );
      const open = await addPhase(program, { nameEn: 'Phase 1', nameEs: 'Fase 1' }, deps());
      const closed = await addPhase(program, { nameEn: 'Phase 2', nameEs: 'Fase 2' }, deps());
      const older = await addGroup(
        program,
        { phaseId: open, nameEn: '65+', nameEs: '65+', questionEn: '', questionEs: '', minAge: 65 },
        deps(),
      );
      await addGroup(
        program,
        { phaseId: closed, nameEn: 'Everyone', nameEs: 'Todos', questionEn: '', questionEs: '', minAge: null },
        deps(),
      );
      await setPhase(program, open, 'open', deps());
      return { program, product, site, older };
    }

    /** A 1950-born person (phase 1, open) with a mobile number who ticked standby, unless told otherwise. */
    async function register(program: string, o: Partial<RegisterInput> = {}) {
      n++;
      const input: RegisterInput = {
        birthDate: '1950-03-04',
        zip: '02109',
        county: undefined,
        yes: [],
        forWhom: 'self',
        givenName: `Standby${n}`,
        familyName: 'Person',
        email: undefined,
        phone: `+1617555${String(1000 + n).slice(-4)}`,
        callMe: false,
        standby: 'yes',
        language: 'en',
        needs: [],
        languageNeed: undefined,
        maxMiles: 25,
        preferredSites: [],
        unavailable: [],
        ...o,
      };
      const r = await preRegister(deps(), program, input, 'web');
      assert.ok(r.ok, JSON.stringify(r));
      clock += 1000;
      return { id: r.id, phone: input.phone ?? '' };
    }
    const statusOf = async (id: string) =>
      (await db().selectFrom('prereg_registrants').select('status').where('id', '=', id).executeTakeFirstOrThrow())
        .status;
    const textedIds = async (offerId: string) =>
      (
        await db()
          .selectFrom('prereg_standby_texts')
          .select('registrant_id')
          .where('offer_id', '=', offerId)
          .orderBy('position')
          .execute()
      ).map((r) => r.registrant_id);
    const slotOf = async (offerId: string) =>
      (
        await db()
          .selectFrom('prereg_standby_offers')
          .select('slot_id')
          .where('id', '=', offerId)
          .executeTakeFirstOrThrow()
      ).slot_id;
    const open = async (program: string, site: string, doses: number, multiplier = 3, arriveBy = '11:00') => {
      const r = await openStandbyOffer(deps(), program, { siteId: site, doses, arriveBy, multiplier });
      assert.ok(r.ok, JSON.stringify(r));
      return r;
    };

    before(async () => {
      app = await startTestApp(engine, { QUIET_HOURS: '0-0', RATE_LIMITS: 'off' }, { now: () => clock });
      c = catalog({ db: app.tdb.db, now: () => clock });
    });
    after(() => app.close());

    it('the first N YES are booked; the next is told the doses are taken and stays waiting; nothing overbooked', async () => {
      const s = await setup();
      const people = [];
      for (let i = 0; i < 4; i++) people.push(await register(s.program));
      const offer = await open(s.program, s.site, 2, 2);
      assert.equal(offer.held, 2);
      assert.equal(offer.texted, 4, 'more people than doses: 2 × 2');
      const slot = await slotOf(offer.offerId);
      assert.deepEqual(await c.slotRow(slot), { booked: 2, capacity: 2 }, 'the held seats count as taken');
      const sent = await db()
        .selectFrom('messages')
        .select(['channel', 'status'])
        .where('type', '=', 'preregistration.standby-offer')
        .execute();
      assert.equal(sent.length, 4);
      assert.ok(sent.every((m) => m.channel === 'sms' && m.status === 'queued'));

      const [a, b, cc, d] = people;
      assert.ok(a && b && cc && d);
      const replies = await Promise.all([
        postInboundSms(app, a.phone, 'YES'),
        postInboundSms(app, b.phone, 'yes'),
        postInboundSms(app, cc.phone, 'Si'),
      ]);
      assert.equal(replies.filter((r) => /You are booked/.test(r)).length, 2, replies.join(' | '));
      assert.equal(replies.filter((r) => /doses are taken/.test(r)).length, 1, replies.join(' | '));
      const late = [a, b, cc][replies.findIndex((r) => /doses are taken/.test(r))];
      assert.equal(await statusOf(late?.id ?? ''), 'waiting', 'the late one stays on the list');
      // A fourth YES after all doses went: the same answer.
      assert.match(await postInboundSms(app, d.phone, 'YES'), /doses are taken/);
      assert.equal(await statusOf(d.id), 'waiting');

      assert.deepEqual(await c.slotRow(slot), { booked: 2, capacity: 2 });
      const bookings = await db().selectFrom('bookings').select(['id', 'status']).where('slot_id', '=', slot).execute();
      assert.equal(bookings.length, 2, 'never more bookings than doses');
      assert.equal((await c.inventory(s.site, s.product)).reserved, 2);
      const accepted = await db()
        .selectFrom('prereg_invitations')
        .select(['kind', 'status', 'booking_id'])
        .where('program_id', '=', s.program)
        .execute();
      assert.deepEqual(
        accepted.map((x) => [x.kind, x.status]),
        [
          ['standby', 'accepted'],
          ['standby', 'accepted'],
        ],
      );
      assert.deepEqual(accepted.map((x) => x.booking_id).sort(), bookings.map((x) => x.id).sort());
      // The normal confirmation goes out with each booking.
      const confirmations = await db()
        .selectFrom('messages')
        .select('id')
        .where('type', '=', 'appointments.confirmation')
        .where('contact_id', 'is not', null)
        .execute();
      assert.ok(confirmations.length >= 2);
    });

    it('after 15 minutes the offer ends: held seats go back, a late YES is refused and stays waiting', async () => {
      const s = await setup();
      const p = await register(s.program);
      const q = await register(s.program);
      const offer = await open(s.program, s.site, 2);
      assert.match(await postInboundSms(app, p.phone, 'YES'), /You are booked/);
      const state = async () =>
        (
          await db()
            .selectFrom('prereg_standby_offers')
            .select('status')
            .where('id', '=', offer.offerId)
            .executeTakeFirstOrThrow()
        ).status;
      clock += 14 * MINUTE;
      await endStandbyOffers(app.built.deps);
      assert.equal(await state(), 'open', 'still open at 14 minutes');
      clock += 2 * MINUTE;
      assert.ok((await endStandbyOffers(app.built.deps)) >= 1);
      assert.equal(await state(), 'ended');
      const slot = await slotOf(offer.offerId);
      assert.deepEqual(await c.slotRow(slot), { booked: 1, capacity: 2 }, 'the unclaimed seat is released');
      assert.equal((await c.inventory(s.site, s.product)).reserved, 1);
      assert.match(await postInboundSms(app, q.phone, 'YES'), /doses are taken/);
      assert.equal(await statusOf(q.id), 'waiting');
      assert.equal(await statusOf(p.id), 'booked');
      const texts = await db()
        .selectFrom('prereg_standby_texts')
        .select(['registrant_id', 'status'])
        .where('offer_id', '=', offer.offerId)
        .execute();
      assert.deepEqual(Object.fromEntries(texts.map((t) => [t.registrant_id, t.status])), {
        [p.id]: 'booked',
        [q.id]: 'expired',
      });
    });

    it('never texts STOP numbers, landlines, people out of reach, closed phases or people who did not tick standby', async () => {
      const s = await setup();
      const near = await register(s.program, { zip: '02110' });
      const stopped = await register(s.program);
      const landline = await register(s.program, { callMe: true });
      const far = await register(s.program, { zip: '90210' });
      const notStandby = await register(s.program, { standby: undefined });
      const closedPhase = await register(s.program, { birthDate: '1990-01-01' });
      const morningsOff = await register(s.program, { unavailable: ['weekday-am'] });
      const farther = await register(s.program, { zip: '01950', maxMiles: 50 });
      await postInboundSms(app, stopped.phone, 'STOP');
      const offer = await open(s.program, s.site, 3);
      assert.deepEqual(await textedIds(offer.offerId), [near.id, farther.id], 'nearest first');
      for (const id of [stopped.id, landline.id, far.id, notStandby.id, closedPhase.id, morningsOff.id])
        assert.equal(await statusOf(id), 'waiting');
      // Texted people are not texted again by a second offer while the first is open.
      const again = await open(s.program, s.site, 1, 3, '11:15');
      assert.equal(again.texted, 0);
    });

    it('refuses an offer the site cannot cover and an arrive-by time too soon', async () => {
      const s = await setup({ doses: 1 });
      const r = await openStandbyOffer(deps(), s.program, {
        siteId: s.site,
        doses: 2,
        arriveBy: '11:00',
        multiplier: 3,
      });
      assert.deepEqual(r, { ok: false, field: 'doses', error: 'no_doses', free: 1 });
      const soon = await openStandbyOffer(deps(), s.program, {
        siteId: s.site,
        doses: 1,
        arriveBy: '10:10',
        multiplier: 3,
      });
      assert.deepEqual(soon, { ok: false, field: 'arriveBy', error: 'arriveBy' });
      const slots = await db().selectFrom('slots').select('id').where('site_id', '=', s.site).execute();
      assert.equal(slots.length, 0, 'nothing created');
    });

    it('the standby text fits two SMS segments in both languages (Spanish in GSM-7)', () => {
      const data = {
        ...standbyOfferTemplate.example,
        // Names are staff data (an accent there is theirs); our own text must stay GSM-7.
        program: { en: 'COVID-19 vaccination', es: 'Vacunacion contra el COVID-19' },
        site: { ...standbyOfferTemplate.example.site, name: 'Springfield Community Health Center East Annex' },
        doses: 12,
      };
      for (const locale of ['en', 'es'] as const) {
        const sms = standbyOfferTemplate.render(data, locale, {
          agencyName: 'County',
          agencyPhone: '(555) 010-0100',
        }).sms;
        const seg = countSegments(sms);
        assert.ok(seg.segments <= 2, `${locale}: ${sms}`);
        if (locale === 'es') assert.equal(seg.encoding, 'GSM-7');
      }
    });

    it('residents tick standby on the web form (en and es); it is stored', async () => {
      const s = await setup();
      const path = `/preregister/${s.program}/register`;
      const client = new TestClient(app.url);
      const es = await client.get(`${path}?lang=es`);
      assert.match(es.text, /Puedo ir con poco aviso/);
      const form = {
        forWhom: 'self',
        givenName: 'Tick',
        familyName: 'Box',
        birthYear: '1950',
        birthMonth: '3',
        birthDay: '4',
        zip: '02109',
        phone: '617-555-0199',
        language: 'en',
        maxMiles: '25',
      };
      assert.equal((await client.submit(path, path, { ...form, standby: 'yes' })).status, 303);
      clock += 1000;
      assert.equal((await client.submit(path, path, { ...form, givenName: 'NoTick' })).status, 303);
      const rows = await db()
        .selectFrom('prereg_registrants')
        .select('standby')
        .where('program_id', '=', s.program)
        .orderBy('registered_at')
        .execute();
      assert.deepEqual(
        rows.map((r) => r.standby),
        [1, 0],
      );
    });

    it('the console: a site manager opens an offer and sees texted, accepted and remaining; audited', async () => {
      const s = await setup();
      const p = await register(s.program);
      await register(s.program);
      const user = await createUserWithOneTimePassword(
        { email: `standby-${engine}@county.example`, displayName: 'Manager', role: 'site-manager', sites: [s.site] },
        { db: app.tdb.db, now: () => clock, actor: systemActor('test') },
      );
      assert.ok(user.ok);
      const client = await signedInClient(app.url, `standby-${engine}@county.example`, user.oneTimePassword);
      await client.get('/staff/account/password');
      await client.post('/staff/account/password', {
        current: user.oneTimePassword,
        password: 'a long enough password',
        confirm: 'a long enough password',
      });
      const path = `/staff/preregistration/${s.program}/standby`;
      const dash = await client.get(`/staff/preregistration/${s.program}`);
      assert.match(dash.text, new RegExp(`href="${path}"`));
      const bad = await client.submit(path, path, { siteId: s.site, doses: '0', arriveBy: '25:00' });
      assert.equal(bad.status, 400);
      assert.match(bad.text, /Enter a number of doses from 1 to 50/);
      assert.match(bad.text, /Enter a time today/);
      const r = await client.submit(path, path, { siteId: s.site, doses: '1', arriveBy: '11:30', multiplier: '3' });
      assert.equal(r.status, 303, r.text.slice(0, 300));
      assert.match(r.location ?? '', new RegExp(`^${path}/[^/?]+\\?done=opened$`));
      await postInboundSms(app, p.phone, 'YES');
      const shown = await client.get(r.location ?? '');
      assert.equal(shown.status, 200);
      const row = (label: string) => new RegExp(`${label}</th>\\s*<td[^>]*>(\\d+)</td>`).exec(shown.text)?.[1];
      assert.equal(row('Texted'), '2');
      assert.equal(row('Accepted'), '1');
      assert.equal(row('Remaining'), '0');
      const es = await client.get(`${path}?lang=es`);
      assert.match(es.text, /Ofertas de hoy/);
      const audit = await db()
        .selectFrom('audit_log')
        .select('actor_label')
        .where('action', '=', 'preregistration.standby.opened')
        .execute();
      assert.ok(audit.some((a) => a.actor_label === `standby-${engine}@county.example`));
    });

    it('after an offer ended, a YES for a live invitation still reaches the invitation', async () => {
      const s = await setup();
      const p = await register(s.program);
      const offer = await open(s.program, s.site, 1, 1, '11:50');
      assert.equal(offer.texted, 1);
      clock += 16 * MINUTE;
      await endStandbyOffers(app.built.deps);
      await c.slot(s.site, s.program, clock + 2 * 86_400_000, 1);
      assert.equal((await runMatching(deps(), { programId: s.program, trigger: 'test' })).invited, 1);
      // The invitation handler's answer, not the standby "sorry".
      assert.match(await postInboundSms(app, p.phone, 'YES'), /You are booked\. Your confirmation/);
      assert.equal(await statusOf(p.id), 'booked', 'the invitation was accepted by the YES');
    });
  });
}

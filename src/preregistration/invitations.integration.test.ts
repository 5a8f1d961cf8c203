/**
 * Pre-registration to booking on both engines: the fair order on a seeded population, invitations that hold their
 * seats, a shared link that cannot book for someone else, expiry that releases the seat and invites the next person,
 * no two acceptances of the last seat, a closed phase that stops invitations, STOP that stops invitation texts, an
 * SMS "YES" that books, duplicates merged.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTestApp, type TestApp } from '../../test/support/app.js';
import { catalog } from '../../test/support/catalog-fixtures.js';
import { engines } from '../../test/support/db.js';
import { postInboundSms } from '../../test/support/sms-webhook.js';
import { systemActor } from '../platform/audit/index.js';
import {
  acceptInvitation,
  addGroup,
  addPhase,
  declineInvitation,
  expireInvitations,
  preRegister,
  runMatching,
  saveSettings,
  SEND_INVITATION_MESSAGES,
  setPhase,
  uploadZipWeights,
} from './index.js';
import { invitationToken } from './invitation-messages.js';
import type { RegisterInput } from './schema.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

for (const { engine, skip } of engines()) {
  describe(`pre-registration and invitations (${engine})`, { skip }, () => {
    let app: TestApp;
    let clock = Date.UTC(2030, 0, 7, 15);
    let c: ReturnType<typeof catalog>;
    let n = 0;
    const deps = () => ({ ...app.built.deps, actor: systemActor('test') });
    const db = () => app.tdb.db.kysely;

    /** A program with one product, one site in Boston with `doses`, and one open phase + group. */
    async function setup(o: { doses?: number; seats?: number[]; smsYes?: boolean } = {}) {
      const program = await c.program('invitation');
      const product = await c.product(program);
      const site = await c.site({ doses: { [product]: o.doses ?? 10 }, postalCode: '02108' });
      const slots: string[] = [];
      for (const [i, cap] of (o.seats ?? [1]).entries())
        slots.push(await c.slot(site, program, clock + (2 + i) * DAY, cap));
      await saveSettings(
        program,
        {
          minAge: 16,
          referenceDate: '2030-01-01',
          zips: [],
          counties: [],
          holdHours: 24,
          horizonDays: 14,
          smsYes: o.smsYes ?? false,
          productId: product,
        },
        deps(),
      );
      const phase1 = await addPhase(program, { nameEn: 'Phase 1', nameEs: 'Fase 1' }, deps());
      const phase2 = await addPhase(program, { nameEn: 'Phase 2', nameEs: 'Fase 2' }, deps());
      const older = await addGroup(
        program,
        { phaseId: phase1, nameEn: '75+', nameEs: '75+', questionEn: '', questionEs: '', minAge: 75 },
        deps(),
      );
      const everyone = await addGroup(
        program,
        { phaseId: phase2, nameEn: 'Everyone', nameEs: 'Todos', questionEn: '', questionEs: '', minAge: null },
        deps(),
      );
      await setPhase(program, phase1, 'open', deps());
      await setPhase(program, phase2, 'open', deps());
      return { program, product, site, slots, phase1, phase2, older, everyone };
    }

    const input = (o: Partial<RegisterInput> = {}): RegisterInput => ({
      birthDate: '1980-03-04',
      zip: '02109',
      county: undefined,
      yes: [],
      forWhom: 'self',
      givenName: `Reg${++n}`,
      familyName: 'Person',
      email: `r${n}@example.com`,
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
    async function register(program: string, o: Partial<RegisterInput> = {}) {
      const r = await preRegister(deps(), program, input(o), 'web');
      assert.ok(r.ok, JSON.stringify(r));
      clock += 1000;
      return r;
    }
    const invitationOf = (registrantId: string) =>
      db().selectFrom('prereg_invitations').selectAll().where('registrant_id', '=', registrantId).execute();
    /** The invitation link's token, read back from the (encrypted) message the person received. */
    async function tokenFor(registrantId: string): Promise<string> {
      await app.built.runner.drain([SEND_INVITATION_MESSAGES]); // the run's messages come from the outbox job
      const r = await db()
        .selectFrom('prereg_registrants')
        .select('contact_id')
        .where('id', '=', registrantId)
        .executeTakeFirstOrThrow();
      const msgs = await db()
        .selectFrom('messages')
        .select('content_enc')
        .where('contact_id', '=', r.contact_id ?? '')
        .where('type', '=', 'preregistration.invitation')
        .orderBy('created_at', 'desc')
        .execute();
      const content = deps().cipher.decrypt(
        msgs[0]?.content_enc ?? assert.fail('no invitation sent'),
        'message.content',
      );
      return /\/invite\/([A-Za-z0-9_-]+)/.exec(content)?.[1] ?? assert.fail('no link');
    }

    before(async () => {
      app = await startTestApp(engine, { QUIET_HOURS: '0-0' }, { now: () => clock });
      c = catalog({ db: app.tdb.db, now: () => clock });
    });
    after(() => app.close());

    it('invites in the fair order: open phases first, then ZIP weight, then registration time', async () => {
      const s = await setup({ seats: [2] });
      const a = await register(s.program, { zip: '02110' });
      const b = await register(s.program, { birthDate: '1940-01-01' });
      const cc = await register(s.program, { zip: '02111' });
      const d = await register(s.program, { zip: '02110' });
      assert.equal((await uploadZipWeights(s.program, 'zip,weight\n02111,5\n02110,1\n', deps())).ok, true);
      const run = await runMatching(deps(), { programId: s.program, trigger: 'test' });
      assert.equal(run.invited, 2);
      assert.equal((await invitationOf(b.id)).length, 1, 'phase 1 first');
      assert.equal((await invitationOf(cc.id)).length, 1, 'then the heavier ZIP');
      assert.equal((await invitationOf(a.id)).length, 0);
      assert.equal((await invitationOf(d.id)).length, 0);
      // The held seat counts as booked: no seat left for another invitation.
      assert.deepEqual(await c.slotRow(s.slots[0] ?? ''), { booked: 2, capacity: 2 });
      assert.equal((await runMatching(deps(), { programId: s.program, trigger: 'test' })).invited, 0);
    });

    it('keeps the fair order across pages read from the database, with fractional weights', async () => {
      const s = await setup({ seats: [6] });
      assert.equal((await uploadZipWeights(s.program, 'zip,weight\n02111,1.5\n02110,0.7\n', deps())).ok, true);
      const zips = ['02110', '02109', '02111', '02110', '02109', '02111', '02110', '02109'];
      const people = [];
      for (const zip of zips) people.push((await register(s.program, { zip })).id);
      // Two people per query: every page boundary falls inside a weight, including 0.7 (not exact in binary).
      const run = await runMatching(deps(), { programId: s.program, trigger: 'test', pageSize: 2 });
      assert.equal(run.invited, 6);
      const invited = [];
      for (const id of people) invited.push((await invitationOf(id)).length);
      // 1.5 first (3rd, 6th), then the default 1 (2nd, 5th, 8th), then 0.7 by registration time (1st only).
      assert.deepEqual(invited, [1, 1, 1, 0, 1, 1, 0, 1]);
      assert.equal(run.candidates, 6, 'reads only as far as the seats go');
    });

    it('"invite now" for one site invites only for that site\'s seats', async () => {
      const s = await setup({ seats: [1] });
      const other = await c.site({ doses: { [s.product]: 5 }, postalCode: '02108' });
      const otherSlot = await c.slot(other, s.program, clock + 2 * DAY, 3);
      for (let i = 0; i < 3; i++) await register(s.program);
      const run = await runMatching(deps(), { programId: s.program, trigger: 'manual', siteId: other });
      assert.equal(run.invited, 3);
      assert.deepEqual(await c.slotRow(otherSlot), { booked: 3, capacity: 3 });
      assert.deepEqual(await c.slotRow(s.slots[0] ?? ''), { booked: 0, capacity: 1 });
    });

    it('the run queues its messages in the outbox: composed once by the job, none for an answered invitation', async () => {
      const s = await setup({ seats: [2] });
      const a = await register(s.program);
      const b = await register(s.program);
      const run = await runMatching(deps(), { programId: s.program, trigger: 'test' });
      assert.equal(run.invited, 2);
      const messages = () =>
        db()
          .selectFrom('messages')
          .innerJoin('prereg_registrants', 'prereg_registrants.contact_id', 'messages.contact_id')
          .select('prereg_registrants.id')
          .where('messages.type', '=', 'preregistration.invitation')
          .where('prereg_registrants.program_id', '=', s.program)
          .execute();
      assert.deepEqual(await messages(), [], 'nothing composed inside the run');
      const [inv] = await invitationOf(b.id);
      const [invA] = await invitationOf(a.id);
      assert.ok(inv && invA);
      const queued = await db()
        .selectFrom('jobs')
        .select('payload')
        .where('name', '=', SEND_INVITATION_MESSAGES)
        .where('status', '=', 'queued')
        .execute();
      assert.equal(queued.filter((j) => j.payload.includes(inv.id) && j.payload.includes(invA.id)).length, 1);
      // b declines before the job runs (through the link's token, derived from the invitation id by the server).
      const declined = await declineInvitation(deps(), invitationToken(deps(), inv.id), { birthDate: '1980-03-04' });
      assert.equal(declined.ok, true);
      await app.built.runner.drain([SEND_INVITATION_MESSAGES]);
      await app.built.runner.drain([SEND_INVITATION_MESSAGES]);
      assert.deepEqual(
        (await messages()).map((m) => m.id),
        [a.id],
      );
      // The message's link opens a's invitation.
      assert.ok(await tokenFor(a.id));
    });

    it('among equals, earlier registrants are invited first; duplicates are merged and never invited twice', async () => {
      const s = await setup({ seats: [1, 1] });
      const first = await register(s.program, { givenName: 'Ana', familyName: 'Lopez', email: 'ana@example.com' });
      const again = await register(s.program, { givenName: 'ana', familyName: 'López', email: 'ANA@example.com' });
      assert.equal(again.id, first.id);
      assert.equal(again.merged, true);
      const later = await register(s.program);
      const run = await runMatching(deps(), { programId: s.program, trigger: 'test' });
      assert.equal(run.invited, 2);
      assert.equal((await invitationOf(first.id)).length, 1);
      assert.equal((await invitationOf(later.id)).length, 1);
    });

    it('a shared link with another birth date books nothing, and a few mismatches lock it', async () => {
      const s = await setup();
      const p = await register(s.program, { birthDate: '1970-07-07' });
      await runMatching(deps(), { programId: s.program, trigger: 'test' });
      const token = await tokenFor(p.id);
      const wrong = await acceptInvitation(deps(), token, { birthDate: '1990-01-01' });
      assert.deepEqual(wrong, { ok: false, error: 'mismatch' });
      assert.equal(
        await db()
          .selectFrom('bookings')
          .select('id')
          .where('slot_id', '=', s.slots[0] ?? '')
          .executeTakeFirst(),
        undefined,
      );
      await acceptInvitation(deps(), token, { birthDate: '1990-01-02' });
      const locked = await acceptInvitation(deps(), token, { birthDate: '1990-01-03' });
      assert.deepEqual(locked, { ok: false, error: 'locked' });
      // Even the right birth date cannot use a locked link.
      assert.deepEqual(await acceptInvitation(deps(), token, { birthDate: '1970-07-07' }), {
        ok: false,
        error: 'locked',
      });
    });

    it('accepting books the held seat (no new capacity) with a confirmation', async () => {
      const s = await setup();
      const p = await register(s.program, { birthDate: '1970-07-07' });
      await runMatching(deps(), { programId: s.program, trigger: 'test' });
      const r = await acceptInvitation(deps(), await tokenFor(p.id), { birthDate: '1970-07-07' });
      assert.ok(r.ok, JSON.stringify(r));
      assert.deepEqual(await c.slotRow(s.slots[0] ?? ''), { booked: 1, capacity: 1 });
      assert.equal((await c.inventory(s.site, s.product)).reserved, 1);
      const inv = (await invitationOf(p.id))[0];
      assert.equal(inv?.status, 'accepted');
      assert.equal(inv?.booking_id, r.bookingId);
      const registrant = await db()
        .selectFrom('prereg_registrants')
        .select('status')
        .where('id', '=', p.id)
        .executeTakeFirstOrThrow();
      assert.equal(registrant.status, 'booked');
    });

    it('an expired invitation releases its seat and the next person is invited', async () => {
      const s = await setup();
      const first = await register(s.program);
      const next = await register(s.program);
      await runMatching(deps(), { programId: s.program, trigger: 'test' });
      assert.equal((await invitationOf(first.id))[0]?.status, 'offered');
      assert.equal((await invitationOf(next.id)).length, 0);
      clock += 25 * HOUR;
      assert.ok((await expireInvitations(deps())) >= 1);
      assert.equal((await invitationOf(first.id))[0]?.status, 'expired');
      assert.equal((await c.slotRow(s.slots[0] ?? '')).booked, 0);
      assert.equal((await c.inventory(s.site, s.product)).reserved, 0);
      await app.built.runner.drain();
      assert.equal((await invitationOf(next.id))[0]?.status, 'offered', 'the next person got the seat');
      assert.equal((await invitationOf(first.id)).length, 1, 'the expired person was not invited again at once');
    });

    it('decline releases at once; two acceptances of the last seat book it once', async () => {
      const s = await setup();
      const p = await register(s.program, { birthDate: '1970-07-07' });
      const q = await register(s.program, { birthDate: '1971-07-07' });
      await runMatching(deps(), { programId: s.program, trigger: 'test' });
      // Only one seat: only one invitation exists for it.
      assert.equal((await invitationOf(q.id)).length, 0);
      const tokenP = await tokenFor(p.id);
      assert.deepEqual(await declineInvitation(deps(), tokenP, { birthDate: '1970-07-07' }), { ok: true });
      assert.equal((await c.slotRow(s.slots[0] ?? '')).booked, 0);
      await runMatching(deps(), { programId: s.program, trigger: 'test' });
      const tokenQ = await tokenFor(q.id);
      const both = await Promise.all([
        acceptInvitation(deps(), tokenQ, { birthDate: '1971-07-07' }),
        acceptInvitation(deps(), tokenQ, { birthDate: '1971-07-07' }),
        acceptInvitation(deps(), tokenP, { birthDate: '1970-07-07' }),
      ]);
      assert.equal(both.filter((r) => r.ok).length, 1);
      const count = await db()
        .selectFrom('bookings')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('slot_id', '=', s.slots[0] ?? '')
        .executeTakeFirstOrThrow();
      assert.equal(Number(count.n), 1);
      assert.deepEqual(await c.slotRow(s.slots[0] ?? ''), { booked: 1, capacity: 1 });
    });

    it('a phase closed by staff stops new invitations', async () => {
      const s = await setup({ seats: [3] });
      await register(s.program);
      await setPhase(s.program, s.phase2, 'closed', deps());
      const run = await runMatching(deps(), { programId: s.program, trigger: 'test' });
      assert.equal(run.invited, 0);
      await setPhase(s.program, s.phase2, 'open', deps());
      assert.equal((await runMatching(deps(), { programId: s.program, trigger: 'test' })).invited, 1);
    });

    it('STOP stops invitation texts; an SMS YES books where the program allows it', async () => {
      const s = await setup({ seats: [1, 1], smsYes: true });
      const stopped = await register(s.program, { email: undefined, phone: '+16175550101' });
      const yes = await register(s.program, { email: undefined, phone: '+16175550102' });
      await postInboundSms(app, '+16175550101', 'STOP');
      await runMatching(deps(), { programId: s.program, trigger: 'test' });
      await app.built.runner.drain([SEND_INVITATION_MESSAGES]);
      const statusOf = async (id: string) => {
        const r = await db()
          .selectFrom('prereg_registrants')
          .select('contact_id')
          .where('id', '=', id)
          .executeTakeFirstOrThrow();
        return db()
          .selectFrom('messages')
          .select(['status', 'channel'])
          .where('contact_id', '=', r.contact_id ?? '')
          .where('type', '=', 'preregistration.invitation')
          .execute();
      };
      assert.deepEqual(await statusOf(stopped.id), [{ status: 'suppressed', channel: 'sms' }]);
      assert.deepEqual(await statusOf(yes.id), [{ status: 'queued', channel: 'sms' }]);
      const reply = await postInboundSms(app, '+16175550102', 'Yes');
      assert.match(reply, /booked/);
      assert.equal((await invitationOf(yes.id))[0]?.status, 'accepted');
    });

    it('refuses people the screener finds not eligible', async () => {
      const s = await setup();
      const young = await preRegister(deps(), s.program, input({ birthDate: '2020-01-01' }), 'web');
      assert.deepEqual(young.ok ? 'ok' : young.error, 'not_eligible');
    });
  });
}

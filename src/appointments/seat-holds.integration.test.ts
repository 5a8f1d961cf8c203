/**
 * Seat holds on both engines: a held seat (and the dose-2 seat, and the doses) counts as taken, so nobody else can
 * book or hold it; releasing gives everything back exactly once; booking a hold books exactly the held seats
 * without taking new capacity, once, through the booking rules; invitation-only programs book only this way.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTestApp, type TestApp } from '../../test/support/app.js';
import { catalog } from '../../test/support/catalog-fixtures.js';
import { engines } from '../../test/support/db.js';
import {
  BookingError,
  bookAppointment,
  bookHeldSeats,
  findSeatHold,
  holdSeats,
  holdSeatsMany,
  releaseHold,
} from './index.js';

const DAY = 86_400_000;
const HOUR = 3_600_000;

const isCode = (code: string) => (e: unknown) => e instanceof BookingError && e.code === code;

for (const { engine, skip } of engines()) {
  describe(`seat holds (${engine})`, { skip }, () => {
    let app: TestApp;
    let clock = Date.UTC(2030, 0, 7, 15);
    let c: ReturnType<typeof catalog>;
    let n = 0;
    const person = (o: Record<string, string> = {}) => ({
      givenName: `Holder${++n}`,
      familyName: 'Test',
      birthDate: '1950-01-01',
      email: `h${n}@example.com`,
      language: 'en' as const,
      ...o,
    });
    const deps = () => app.built.deps;
    const hold = (slotId: string, productId: string, expiresAt = clock + DAY) =>
      deps()
        .db.kysely.transaction()
        .execute((tx) => holdSeats(deps(), tx, { slotId, productId, expiresAt, purpose: 'test' }));

    before(async () => {
      app = await startTestApp(engine, {}, { now: () => clock });
      c = catalog({ db: app.tdb.db, now: () => clock });
    });
    after(() => app.close());

    it('a held seat and its doses are taken: nobody can book or hold it, and releasing gives them back once', async () => {
      const program = await c.program('open');
      const product = await c.product(program);
      const site = await c.site({ doses: { [product]: 5 } });
      const slot = await c.slot(site, program, clock + 2 * DAY, 1);
      const h = await hold(slot, product);
      assert.deepEqual(await c.slotRow(slot), { booked: 1, capacity: 1 });
      assert.equal((await c.inventory(site, product)).reserved, 1);
      await assert.rejects(
        bookAppointment(deps(), { slotId: slot, productId: product, dose: 1, person: person(), channel: 'web' }),
        isCode('slot_full'),
      );
      await assert.rejects(hold(slot, product), isCode('slot_full'));
      // The failed hold rolled back: still exactly one seat and one dose taken.
      assert.equal((await c.slotRow(slot)).booked, 1);
      assert.equal((await c.inventory(site, product)).reserved, 1);

      const released = await deps()
        .db.kysely.transaction()
        .execute((tx) => releaseHold(deps(), tx, h.id));
      const again = await deps()
        .db.kysely.transaction()
        .execute((tx) => releaseHold(deps(), tx, h.id));
      assert.equal(released, true);
      assert.equal(again, false);
      assert.equal((await c.slotRow(slot)).booked, 0);
      assert.equal((await c.inventory(site, product)).reserved, 0);
      assert.equal((await findSeatHold(deps().db.kysely, h.id))?.status, 'released');
    });

    it('many holds at once take exactly what fits: seats per slot, doses per site, never more', async () => {
      const program = await c.program('open');
      const product = await c.product(program);
      const site = await c.site({ doses: { [product]: 10 } });
      const a = await c.slot(site, program, clock + DAY, 2);
      const b = await c.slot(site, program, clock + DAY + HOUR, 3);
      const lean = await c.site({ doses: { [product]: 2 } });
      const d = await c.slot(lean, program, clock + DAY, 5);
      // Someone books a seat of `a` after the run planned two there: only one of those two can still be held.
      await bookAppointment(deps(), { slotId: a, productId: product, dose: 1, person: person(), channel: 'web' });
      const expiresAt = clock + DAY / 2;
      const many = await deps()
        .db.kysely.transaction()
        .execute((tx) =>
          holdSeatsMany(deps(), tx, {
            productId: product,
            purpose: 'test',
            seats: [a, a, b, b, b, d, d, d].map((slotId) => ({ slotId, expiresAt })),
          }),
        );
      const heldAt = (slot: string) => many.filter((h) => h?.seats[0]?.slotId === slot).length;
      // Slot a has one seat left (its statement refuses two; one at a time holds one); b takes all three at once;
      // the lean site has two doses for three seats asked (its statement refuses; one at a time holds two).
      assert.deepEqual([heldAt(a), heldAt(b), heldAt(d)], [1, 3, 2]);
      assert.deepEqual(await c.slotRow(a), { booked: 2, capacity: 2 });
      assert.deepEqual(await c.slotRow(b), { booked: 3, capacity: 3 });
      assert.deepEqual(await c.slotRow(d), { booked: 2, capacity: 5 });
      assert.deepEqual(await c.inventory(site, product), { on_hand: 10, reserved: 5 });
      assert.deepEqual(await c.inventory(lean, product), { on_hand: 2, reserved: 2 });
      // Each is a real hold: released once, it gives its seat back.
      const first = many.find((h) => h?.seats[0]?.slotId === b);
      assert.ok(first);
      assert.equal((await findSeatHold(deps().db.kysely, first.id))?.expiresAt, expiresAt);
      await deps()
        .db.kysely.transaction()
        .execute((tx) => releaseHold(deps(), tx, first.id));
      assert.equal((await c.slotRow(b)).booked, 2);
      assert.equal((await c.inventory(site, product)).reserved, 4);
    });

    it('many holds of a two-dose series each keep their dose-2 seat', async () => {
      const program = await c.program('open');
      const product = await c.product(program, 2, { minDays: 21, maxDays: 28 });
      const site = await c.site({ doses: { [product]: 10 } });
      const first = await c.slot(site, program, clock + DAY, 5);
      const second = await c.slot(site, program, clock + 23 * DAY, 1);
      const many = await deps()
        .db.kysely.transaction()
        .execute((tx) =>
          holdSeatsMany(deps(), tx, {
            productId: product,
            purpose: 'test',
            seats: [first, first].map((slotId) => ({ slotId, expiresAt: clock + DAY / 2 })),
          }),
        );
      // One dose-2 seat exists: one series is held, the other is refused and takes nothing.
      assert.deepEqual(
        many.map((h) => h?.seats.map((s) => s.slotId)),
        [[first, second], undefined],
      );
      assert.equal((await c.slotRow(first)).booked, 1);
      assert.equal((await c.inventory(site, product)).reserved, 2);
    });

    it('a hold is refused when the doses are not on hand, and takes nothing', async () => {
      const program = await c.program();
      const product = await c.product(program);
      const site = await c.site({ doses: { [product]: 1 } });
      const a = await c.slot(site, program, clock + DAY, 5);
      await hold(a, product);
      await assert.rejects(hold(a, product), isCode('no_doses'));
      assert.equal((await c.slotRow(a)).booked, 1);
    });

    it('a two-dose hold keeps the dose-2 seat; booking it takes no new capacity and books exactly those seats', async () => {
      const program = await c.program();
      const product = await c.product(program, 2, { minDays: 21, maxDays: 28 });
      const site = await c.site({ doses: { [product]: 4 } });
      const first = await c.slot(site, program, clock + DAY, 1);
      const second = await c.slot(site, program, clock + 22 * DAY, 1);
      const h = await hold(first, product);
      assert.deepEqual(
        h.seats.map((s) => s.slotId),
        [first, second],
      );
      assert.equal((await c.slotRow(second)).booked, 1);
      assert.equal((await c.inventory(site, product)).reserved, 2);

      // Invitation-only: the ordinary booking path refuses, only the hold books.
      await assert.rejects(
        bookAppointment(deps(), { slotId: first, productId: product, dose: 1, person: person(), channel: 'web' }),
        isCode('invitation_required'),
      );
      const booked = await bookHeldSeats(deps(), { holdId: h.id, person: person(), channel: 'web' });
      assert.equal(booked.startsAt, clock + DAY);
      assert.equal(booked.secondDose?.startsAt, clock + 22 * DAY);
      assert.equal((await c.slotRow(first)).booked, 1);
      assert.equal((await c.slotRow(second)).booked, 1);
      assert.equal((await c.inventory(site, product)).reserved, 2);
      const rows = await app.tdb.db.kysely
        .selectFrom('bookings')
        .select(['slot_id', 'dose_number', 'contact_id'])
        .where(
          'series_id',
          '=',
          (
            await app.tdb.db.kysely
              .selectFrom('bookings')
              .select('series_id')
              .where('id', '=', booked.id)
              .executeTakeFirstOrThrow()
          ).series_id,
        )
        .orderBy('dose_number')
        .execute();
      assert.deepEqual(
        rows.map((r) => r.slot_id),
        [first, second],
      );
      assert.ok(rows[0]?.contact_id, 'the confirmation went to the person');
      const confirmation = await app.tdb.db.kysely
        .selectFrom('messages')
        .select('type')
        .where('contact_id', '=', rows[0]?.contact_id ?? '')
        .execute();
      assert.ok(confirmation.some((m) => m.type === 'appointments.confirmation'));
      assert.equal((await findSeatHold(deps().db.kysely, h.id))?.status, 'booked');
      // A booked hold cannot be released (its seats now belong to the booking).
      assert.equal(
        await deps()
          .db.kysely.transaction()
          .execute((tx) => releaseHold(deps(), tx, h.id)),
        false,
      );
      assert.equal((await c.slotRow(first)).booked, 1);
    });

    it('two acceptances of one hold at once book it once', async () => {
      const program = await c.program();
      const product = await c.product(program);
      const site = await c.site({ doses: { [product]: 3 } });
      const slot = await c.slot(site, program, clock + DAY, 1);
      const h = await hold(slot, product);
      const results = await Promise.allSettled([
        bookHeldSeats(deps(), { holdId: h.id, person: person(), channel: 'web' }),
        bookHeldSeats(deps(), { holdId: h.id, person: person(), channel: 'web' }),
      ]);
      assert.equal(results.filter((r) => r.status === 'fulfilled').length, 1);
      const count = await app.tdb.db.kysely
        .selectFrom('bookings')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('slot_id', '=', slot)
        .executeTakeFirstOrThrow();
      assert.equal(Number(count.n), 1);
      assert.equal((await c.slotRow(slot)).booked, 1);
    });

    it('an expired hold books nothing; the same person cannot book twice and the hold stays held', async () => {
      const program = await c.program();
      const product = await c.product(program);
      const site = await c.site({ doses: { [product]: 3 } });
      const a = await c.slot(site, program, clock + 2 * DAY, 1);
      const b = await c.slot(site, program, clock + 3 * DAY, 1);
      const expiring = await hold(a, product, clock + HOUR);
      clock += 2 * HOUR;
      await assert.rejects(
        bookHeldSeats(deps(), { holdId: expiring.id, person: person(), channel: 'web' }),
        isCode('not_found'),
      );

      const same = person();
      const h1 = await hold(b, product);
      await deps()
        .db.kysely.transaction()
        .execute((tx) => releaseHold(deps(), tx, expiring.id));
      const h2 = await hold(a, product);
      await bookHeldSeats(deps(), { holdId: h1.id, person: same, channel: 'web' });
      await assert.rejects(
        bookHeldSeats(deps(), { holdId: h2.id, person: same, channel: 'web' }),
        isCode('already_booked'),
      );
      assert.equal((await findSeatHold(deps().db.kysely, h2.id))?.status, 'held');
      assert.equal((await c.slotRow(a)).booked, 1);
    });

    it('a person under the minimum age cannot book a hold', async () => {
      const program = await c.program();
      const product = await c.product(program, 1, { minAge: 65 });
      const site = await c.site({ doses: { [product]: 3 } });
      const h = await hold(await c.slot(site, program, clock + DAY, 1), product);
      await assert.rejects(
        bookHeldSeats(deps(), { holdId: h.id, person: person({ birthDate: '2000-01-01' }), channel: 'web' }),
        isCode('not_eligible'),
      );
      assert.equal((await findSeatHold(deps().db.kysely, h.id))?.status, 'held');
    });
  });
}

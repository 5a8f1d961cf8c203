/**
 * Moving and cancelling a booking after it was confirmed, on both engines: the new seat is held before the old one
 * is released (a failed move changes nothing), later doses are kept or re-held inside their window, doses follow
 * the booking to another site, two people cannot move into the last seat together, and every change reaches the
 * person — through a real SMTP server — with a calendar file that updates (or cancels) the same entry.
 */
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import ICAL from 'ical.js';
import type { ParsedMail } from 'mailparser';
import { startTestApp, type TestApp } from '../../test/support/app.js';
import { engines } from '../../test/support/db.js';
import { startSmtp, type TestSmtp } from '../../test/support/smtp.js';
import { systemActor } from '../platform/audit/index.js';
import { createApiToken } from '../staff/index.js';
import { BookingError, cancelBooking, rescheduleBooking } from './index.js';

const DAY = 86_400_000;
const HOUR = 3_600_000;

type Answer = { status: number; body: Record<string, unknown> };

function calendarOf(mail: ParsedMail): { method: string; sequence: number; start: string; uid: string } {
  const ics = mail.attachments.find((a) => a.filename?.endsWith('.ics')) ?? assert.fail('no calendar file');
  // ical.js types parse() as any; it returns a jCal array.
  const comp = new ICAL.Component(ICAL.parse(ics.content.toString('utf8')) as unknown[]);
  const event = comp.getFirstSubcomponent('vevent') ?? assert.fail('no event');
  return {
    method: String(comp.getFirstPropertyValue('method')),
    sequence: Number(event.getFirstPropertyValue('sequence')),
    start: String(event.getFirstPropertyValue('dtstart')),
    uid: String(event.getFirstPropertyValue('uid')),
  };
}

for (const { engine, skip } of engines()) {
  describe(`moving and cancelling bookings (${engine})`, { skip }, () => {
    let app: TestApp;
    let smtp: TestSmtp;
    let token = '';
    let programId = '';
    let single = '';
    let series = '';
    const base = Date.now() + 3 * DAY;
    let n = 0;

    const call = async (method: string, path: string, body?: unknown, bearer = token): Promise<Answer> => {
      const res = await fetch(app.url + path, {
        method,
        headers: {
          authorization: `Bearer ${bearer}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      return { status: res.status, body: (await res.json()) as Record<string, unknown> };
    };
    const deps = () => ({ ...app.built.deps, actor: systemActor('test') });
    async function site(doses: Record<string, number>): Promise<string> {
      const r = await call('POST', '/api/v1/sites', {
        name: `Site ${++n}`,
        address: `${n} Main Street, Springfield`,
        postalCode: '12345',
        timeZone: 'America/New_York',
      });
      const id = String(r.body.id);
      for (const [productId, d] of Object.entries(doses))
        assert.equal(
          (
            await call('POST', `/api/v1/sites/${id}/inventory`, {
              productId,
              doses: d,
              lot: 'L1',
              expiresOn: '2030-01-01',
            })
          ).status,
          201,
        );
      return id;
    }
    async function slot(siteId: string, startsAt: number, capacity = 5): Promise<string> {
      const r = await call('POST', `/api/v1/sites/${siteId}/slots`, {
        startsAt: new Date(startsAt).toISOString(),
        durationMinutes: 15,
        capacity,
        programId,
      });
      assert.equal(r.status, 201, JSON.stringify(r.body));
      return String(r.body.id);
    }
    async function book(slotId: string, productId: string, email = `p${++n}@example.com`) {
      const r = await call('POST', '/api/v1/bookings', {
        slotId,
        productId,
        dose: 1,
        person: { givenName: `Pat${n}`, familyName: 'Mover', birthDate: '1970-01-01', email, language: 'en' },
      });
      assert.equal(r.status, 201, JSON.stringify(r.body));
      return r.body as { id: string; manageToken: string; confirmationCode: string };
    }
    const slotRow = (id: string) =>
      app.tdb.db.kysely
        .selectFrom('slots')
        .select(['booked', 'capacity'])
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
    const inventory = (siteId: string, productId: string) =>
      app.tdb.db.kysely
        .selectFrom('site_inventory')
        .select(['on_hand', 'reserved'])
        .where('site_id', '=', siteId)
        .where('product_id', '=', productId)
        .executeTakeFirstOrThrow();
    const bookingRow = (id: string) =>
      app.tdb.db.kysely.selectFrom('bookings').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    const reminderJobs = (bookingId: string) =>
      app.tdb.db.kysely
        .selectFrom('jobs')
        .select(['run_at', 'status'])
        .where('idempotency_key', '=', `reminder:booking:${bookingId}:reminder`)
        .execute();

    before(async () => {
      smtp = await startSmtp();
      app = await startTestApp(engine, {
        SEED_DEMO: 'false',
        RATE_LIMITS: 'off',
        SMTP_URL: smtp.url,
        QUIET_HOURS: '0-0',
      });
      token = (
        await createApiToken(
          { name: 'setup', role: 'admin' },
          { db: app.tdb.db, now: Date.now, actor: systemActor('t') },
        )
      ).token;
      programId = String(
        (
          await call('POST', '/api/v1/programs', {
            name: { en: 'Flu shots', es: 'Vacuna contra la gripe' },
            bookingMode: 'open',
          })
        ).body.id,
      );
      single = String((await call('POST', '/api/v1/products', { programId, name: 'Flu', doses: 1 })).body.id);
      series = String(
        (
          await call('POST', '/api/v1/products', {
            programId,
            name: 'Two-dose',
            doses: 2,
            minDaysBetweenDoses: 21,
            maxDaysBetweenDoses: 28,
          })
        ).body.id,
      );
    });
    after(async () => {
      await app.close();
      await smtp.stop();
    });
    beforeEach(async () => {
      await app.built.runner.drain();
      smtp.received.length = 0;
    });

    it('moves to a new time with the manage token: same code, seat moved, reminder moved, calendar updated', async () => {
      const s = await site({ [single]: 10 });
      const from = await slot(s, base);
      const to = await slot(s, base + 2 * HOUR);
      const b = await book(from, single);
      await app.built.runner.drain();
      smtp.received.length = 0;

      const r = await call('POST', `/api/v1/bookings/${b.id}/reschedule`, { slotId: to }, b.manageToken);
      assert.equal(r.status, 200, JSON.stringify(r.body));
      assert.equal(r.body.id, b.id);
      assert.equal(r.body.confirmationCode, b.confirmationCode);
      assert.equal(r.body.startsAt, new Date(base + 2 * HOUR).toISOString());
      assert.deepEqual([(await slotRow(from)).booked, (await slotRow(to)).booked], [0, 1]);
      assert.deepEqual(await inventory(s, single), { on_hand: 10, reserved: 1 }, 'same site: doses stay reserved once');
      const row = await bookingRow(b.id);
      assert.equal(row.slot_id, to);
      assert.equal(row.revision, 1);
      const jobs = await reminderJobs(b.id);
      assert.deepEqual(
        jobs.filter((j) => j.status !== 'cancelled').map((j) => Number(j.run_at)),
        [base + 2 * HOUR - DAY],
        'one live reminder, at the new time',
      );

      await app.built.runner.drain();
      const mail = smtp.received.find((m) => m.subject?.startsWith('Changed:')) ?? assert.fail('no change notice');
      assert.match(mail.text ?? '', /at your request/);
      const cal = calendarOf(mail);
      assert.equal(cal.method, 'REQUEST');
      assert.equal(cal.sequence, 1, 'SEQUENCE rises so calendar apps replace the entry');
      assert.match(cal.uid, new RegExp(`^booking-${b.id}@`));
    });

    it('a move into a full slot changes nothing: the person keeps the seat they had', async () => {
      const s = await site({ [single]: 10 });
      const from = await slot(s, base);
      const full = await slot(s, base + HOUR, 1);
      const b = await book(from, single);
      await book(full, single);
      await assert.rejects(
        rescheduleBooking(deps(), { bookingId: b.id, slotId: full, channel: 'web' }),
        (e) => e instanceof BookingError && e.code === 'slot_full',
      );
      assert.deepEqual([(await slotRow(from)).booked, (await slotRow(full)).booked], [1, 1]);
      assert.equal((await bookingRow(b.id)).slot_id, from);
      assert.equal((await bookingRow(b.id)).revision, 0);
    });

    it('to another site: the doses of the whole series move with it, or nothing moves when that site has none', async () => {
      const a = await site({ [series]: 10 });
      const empty = await site({ [series]: 1 });
      const stocked = await site({ [series]: 10 });
      const d1 = await slot(a, base);
      await slot(a, base + 22 * DAY);
      const emptyD1 = await slot(empty, base + HOUR);
      await slot(empty, base + HOUR + 22 * DAY);
      const stockedD1 = await slot(stocked, base + HOUR);
      const stockedD2 = await slot(stocked, base + HOUR + 23 * DAY);
      const b = await book(d1, series);
      assert.deepEqual(await inventory(a, series), { on_hand: 10, reserved: 2 });

      await assert.rejects(
        rescheduleBooking(deps(), { bookingId: b.id, slotId: emptyD1, channel: 'web' }),
        (e) => e instanceof BookingError && e.code === 'no_doses',
      );
      assert.equal((await slotRow(emptyD1)).booked, 0);
      assert.deepEqual(await inventory(empty, series), { on_hand: 1, reserved: 0 });

      const r = await rescheduleBooking(deps(), { bookingId: b.id, slotId: stockedD1, channel: 'phone' });
      assert.equal(r.siteId, stocked);
      assert.equal(r.moved.length, 2, 'dose 2 must be at the same site as dose 1, so it moved too');
      assert.equal(r.moved[1]?.slotId, stockedD2);
      assert.deepEqual(await inventory(a, series), { on_hand: 10, reserved: 0 });
      assert.deepEqual(await inventory(stocked, series), { on_hand: 10, reserved: 2 });
      assert.equal((await slotRow(d1)).booked, 0);
      assert.equal((await slotRow(stockedD2)).booked, 1);
    });

    it('dose 2 stays when still inside its window, is re-held when not, and no seat for it means no move', async () => {
      const s = await site({ [series]: 20 });
      const d1 = await slot(s, base);
      const d2 = await slot(s, base + 25 * DAY);
      const near = await slot(s, base + 2 * DAY); // dose 2 at +23 days from here: still inside 21–28
      const far = await slot(s, base + 6 * DAY); // dose 2 at +19 days from here: too soon
      const b = await book(d1, series);
      const series2 = await app.tdb.db.kysely
        .selectFrom('bookings')
        .select('id')
        .where('series_id', '=', (await bookingRow(b.id)).series_id)
        .where('dose_number', '=', 2)
        .executeTakeFirstOrThrow();

      const kept = await rescheduleBooking(deps(), { bookingId: b.id, slotId: near, channel: 'web' });
      assert.deepEqual(
        kept.moved.map((m) => m.dose),
        [1],
      );
      assert.equal((await bookingRow(series2.id)).slot_id, d2);

      await assert.rejects(
        rescheduleBooking(deps(), { bookingId: b.id, slotId: far, channel: 'web' }),
        (e) => e instanceof BookingError && e.code === 'no_second_dose',
      );
      assert.equal((await bookingRow(b.id)).slot_id, near, 'the failed move left dose 1 where it was');
      assert.equal((await slotRow(far)).booked, 0);

      const d2b = await slot(s, base + 6 * DAY + 22 * DAY);
      const moved = await rescheduleBooking(deps(), { bookingId: b.id, slotId: far, channel: 'web' });
      assert.deepEqual(
        moved.moved.map((m) => [m.dose, m.slotId]),
        [
          [1, far],
          [2, d2b],
        ],
      );
      assert.equal((await slotRow(d2)).booked, 0, 'the old dose-2 seat is free again');
      assert.equal((await bookingRow(series2.id)).revision, 1);

      await assert.rejects(
        rescheduleBooking(deps(), { bookingId: series2.id, slotId: d2, channel: 'web' }),
        (e) => e instanceof BookingError && e.code === 'outside_window',
        'dose 2 cannot move to 19 days after dose 1',
      );
    });

    it('two people moving into the last seat at once: exactly one gets it', async () => {
      const s = await site({ [single]: 10 });
      const last = await slot(s, base + 5 * HOUR, 1);
      const x = await book(await slot(s, base), single);
      const y = await book(await slot(s, base + HOUR), single);
      const results = await Promise.allSettled([
        rescheduleBooking(deps(), { bookingId: x.id, slotId: last, channel: 'web' }),
        rescheduleBooking(deps(), { bookingId: y.id, slotId: last, channel: 'web' }),
      ]);
      assert.equal(results.filter((r) => r.status === 'fulfilled').length, 1);
      const failed = results.find((r) => r.status === 'rejected');
      assert.ok(
        failed?.status === 'rejected' && failed.reason instanceof BookingError && failed.reason.code === 'slot_full',
      );
      assert.equal((await slotRow(last)).booked, 1);
      const moved = await app.tdb.db.kysely
        .selectFrom('bookings')
        .select('id')
        .where('slot_id', '=', last)
        .where('status', '=', 'booked')
        .execute();
      assert.equal(moved.length, 1);
    });

    it('cancelling for a shortage tells the person why, that dose 2 was released, and cancels the calendar entry', async () => {
      const s = await site({ [series]: 4 });
      const d1 = await slot(s, base);
      await slot(s, base + 22 * DAY);
      const b = await book(d1, series, 'short@example.com');
      await app.built.runner.drain();
      smtp.received.length = 0;
      assert.equal((await reminderJobs(b.id)).length, 1, 'a reminder was scheduled');
      const r = await cancelBooking(b.id, deps(), { reason: 'shortage' });
      assert.equal(r?.cancelled.length, 2);
      assert.deepEqual(await inventory(s, series), { on_hand: 4, reserved: 0 });
      await app.built.runner.drain();
      const mail = smtp.received.find((m) => m.subject?.startsWith('Cancelled:')) ?? assert.fail('no cancellation');
      assert.match(mail.text ?? '', /not have enough vaccine/);
      assert.match(mail.text ?? '', /next dose is released too/);
      const cal = calendarOf(mail);
      assert.equal(cal.method, 'CANCEL');
      assert.equal(cal.sequence, 1);
      assert.deepEqual(await reminderJobs(b.id), [], 'the reminder was withdrawn');
    });

    it('the API refuses a move without the manage token and a bad body, changing nothing', async () => {
      const s = await site({ [single]: 10 });
      const from = await slot(s, base);
      const to = await slot(s, base + HOUR);
      const b = await book(from, single);
      // A wrong token hears what an unknown booking hears: the booking's existence is not confirmed.
      assert.equal(
        (await call('POST', `/api/v1/bookings/${b.id}/reschedule`, { slotId: to }, 'wrong-token')).status,
        404,
      );
      const bad = await call('POST', `/api/v1/bookings/${b.id}/reschedule`, { slot: to }, b.manageToken);
      assert.equal(bad.status, 400);
      assert.equal((await bookingRow(b.id)).slot_id, from);
      assert.equal((await slotRow(to)).booked, 0);
    });
  });
}

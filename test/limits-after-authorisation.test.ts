/**
 * Booking limits count an attempt against a booking only once the attempt is authorised: junk moves with a wrong
 * manage token (on the API or the manage pages) count against the caller's address, never against the booking, so
 * the real holder still moves it afterwards.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTestApp, TestClient, type TestApp } from './support/app.js';
import { catalog } from './support/catalog-fixtures.js';
import { engines } from './support/db.js';

const DAY = 86_400_000;
const HOUR = 3_600_000;
const NOW = Date.UTC(2030, 0, 7, 15);
const PER_BOOKING = 3;

for (const { engine, skip } of engines()) {
  describe(`booking limits after authorisation (${engine})`, { skip }, () => {
    let app: TestApp;
    const ids = { program: '', product: '', site: '', slots: [] as string[] };

    const api = async (path: string, body: unknown, o: { token?: string; ip: string }) => {
      const res = await fetch(app.url + path, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-forwarded-for': o.ip,
          ...(o.token ? { authorization: `Bearer ${o.token}` } : {}),
        },
        body: JSON.stringify(body),
      });
      return { status: res.status, body: (await res.json()) as Record<string, unknown> };
    };
    /** Book through the API; returns the booking and its manage token. */
    const book = async (givenName: string) => {
      const r = await api(
        '/api/v1/bookings',
        {
          slotId: ids.slots[0],
          productId: ids.product,
          dose: 1,
          person: { givenName, familyName: 'Holder', birthDate: '1970-01-01', language: 'en' },
        },
        { ip: `10.9.0.${givenName.length}` },
      );
      assert.equal(r.status, 201, JSON.stringify(r.body));
      return { id: String(r.body.id), token: String(r.body.manageToken) };
    };

    before(async () => {
      app = await startTestApp(
        engine,
        {
          TRUST_PROXY: 'true',
          RATE_LIMITS: 'on',
          BOOKING_RATE_PER_MINUTE: '12',
          BOOKING_RATE_PER_PERSON_PER_HOUR: String(PER_BOOKING),
        },
        { now: () => NOW },
      );
      const c = catalog({ db: app.tdb.db, now: () => NOW });
      ids.program = await c.program('open');
      ids.product = await c.product(ids.program);
      ids.site = await c.site({ doses: { [ids.product]: 20 } });
      for (let i = 0; i < 4; i++) ids.slots.push(await c.slot(ids.site, ids.program, NOW + 2 * DAY + i * HOUR, 5));
    });
    after(() => app.close());

    it('the API: 12 moves with a wrong token are refused (404, then 429 for that address), the holder still moves', async () => {
      const b = await book('Api');
      const statuses: number[] = [];
      for (let i = 0; i < 13; i++) {
        const r = await api(
          `/api/v1/bookings/${b.id}/reschedule`,
          { slotId: ids.slots[1] },
          { token: 'wrong', ip: '10.0.0.66' },
        );
        statuses.push(r.status);
      }
      assert.deepEqual(statuses.slice(0, 12), Array<number>(12).fill(404), 'refused, not counted against the booking');
      assert.equal(statuses[12], 429, 'the junk counts against the caller’s own address');
      // Junk from many addresses does not reach the booking's limit either.
      for (let i = 0; i < 12; i++)
        assert.equal(
          (
            await api(
              `/api/v1/bookings/${b.id}/reschedule`,
              { slotId: ids.slots[1] },
              { token: 'x', ip: `10.1.0.${i}` },
            )
          ).status,
          404,
        );
      const moved = await api(
        `/api/v1/bookings/${b.id}/reschedule`,
        { slotId: ids.slots[1] },
        { token: b.token, ip: '10.0.0.7' },
      );
      assert.equal(moved.status, 200, JSON.stringify(moved.body));
      // The holder's own attempts count against the booking.
      for (const slot of [ids.slots[2], ids.slots[1]])
        assert.equal(
          (await api(`/api/v1/bookings/${b.id}/reschedule`, { slotId: slot }, { token: b.token, ip: '10.0.0.7' }))
            .status,
          200,
        );
      const over = await api(
        `/api/v1/bookings/${b.id}/reschedule`,
        { slotId: ids.slots[2] },
        { token: b.token, ip: '10.0.0.8' },
      );
      assert.equal(over.status, 429, `${PER_BOOKING} authorised moves an hour`);
    });

    it('the manage pages: 12 moves with a wrong manage cookie get 403, the holder still moves', async () => {
      const b = await book('Pages');
      const seat = (slot: string | undefined) =>
        `/my-appointment/${b.id}/reschedule/sites/${ids.site}/slots/${slot ?? assert.fail('no slot')}`;
      const attacker = new TestClient(app.url, { 'x-forwarded-for': '10.0.0.99' });
      await attacker.get('/staff/sign-in'); // a page with a form: the CSRF token
      attacker.cookies.set('fd_manage', 'wrong-token');
      for (let i = 0; i < 12; i++) {
        const r = await attacker.post(seat(ids.slots[3]), { bookingKey: `junk-key-${String(i).padStart(10, '0')}` });
        assert.equal(r.status, 403, `attempt ${i + 1}`);
        assert.match(r.text, /This link does not work/, 'refused for the token, not the form');
      }
      const holder = new TestClient(app.url, { 'x-forwarded-for': '10.0.0.7' });
      assert.equal((await holder.get(`/my-appointment/${b.id}?token=${encodeURIComponent(b.token)}`)).status, 303);
      const review = await holder.get(seat(ids.slots[3]));
      assert.equal(review.status, 200);
      const key = /name="bookingKey" value="([^"]+)"/.exec(review.text)?.[1] ?? assert.fail('no key');
      const moved = await holder.post(seat(ids.slots[3]), { bookingKey: key });
      assert.equal(moved.status, 303, moved.text.slice(0, 300));
      assert.equal(moved.location, `/my-appointment/${b.id}?done=moved`);
    });
  });
}

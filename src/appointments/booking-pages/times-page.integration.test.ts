/**
 * The day-and-time pages (new booking, and moving a booking) answer once and log no error: a step that resolved to
 * the reply (a thenable) made the route throw a 404 after its 200 had been sent, logging "Promise errored, but
 * reply.sent = true" on every view.
 */
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import { startTestApp, TestClient, type TestApp } from '../../../test/support/app.js';
import { catalog } from '../../../test/support/catalog-fixtures.js';
import { engines } from '../../../test/support/db.js';

const DAY = 86_400_000;

for (const { engine, skip } of engines()) {
  describe(`the times pages log no error (${engine})`, { skip }, () => {
    let app: TestApp;
    const logged: { level: number; msg: string }[] = [];
    let programId = '';
    let siteId = '';
    let slotId = '';

    before(async () => {
      const logStream = new Writable({
        write(chunk: Buffer, _encoding, done) {
          for (const line of chunk.toString('utf8').split('\n').filter(Boolean))
            logged.push(JSON.parse(line) as { level: number; msg: string });
          done();
        },
      });
      app = await startTestApp(
        engine,
        { RATE_LIMITS: 'off', WAITING_ROOM_MODE: 'off', LOG_LEVEL: 'error' },
        { logStream },
      );
      const c = catalog({ db: app.tdb.db, now: Date.now });
      programId = await c.program('open');
      const productId = await c.product(programId);
      siteId = await c.site({ doses: { [productId]: 10 } });
      const startsAt = Math.ceil((Date.now() + 2 * DAY) / 3_600_000) * 3_600_000;
      slotId = await c.slot(siteId, programId, startsAt, 5);
      await c.slot(siteId, programId, startsAt + 3_600_000, 5);
    });
    after(async () => app.close());

    it('shows the times for a new booking and for moving one, with nothing logged at level error', async () => {
      const resident = new TestClient(app.url);
      const times = await resident.get(`/book/${programId}/sites/${siteId}`);
      assert.equal(times.status, 200);
      assert.match(times.text, new RegExp(`/slots/${slotId}`));

      const booked = await fetch(`${app.url}/api/v1/bookings`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          slotId,
          productId: new URL(/href="([^"]*\/slots\/[^"]+)"/.exec(times.text)?.[1] ?? '', app.url).searchParams.get(
            'product',
          ),
          dose: 1,
          person: { givenName: 'Ana', familyName: 'Lopez', birthDate: '1980-04-02', language: 'en' },
        }),
      });
      assert.equal(booked.status, 201);
      const { manageUrl, id } = (await booked.json()) as { manageUrl: string; id: string };
      const opened = await resident.get(new URL(manageUrl).pathname + new URL(manageUrl).search);
      assert.equal(opened.status, 303, 'the manage link moves its token into a cookie');
      const moving = await resident.get(`/my-appointment/${id}/reschedule/sites/${siteId}`);
      assert.equal(moving.status, 200);

      // A later round trip: whatever the server did after sending the pages has happened by the time it answers.
      assert.equal((await resident.get('/healthz')).status, 200);
      const errors = logged.filter((l) => l.level >= 50);
      assert.deepEqual(
        errors.map((e) => e.msg),
        [],
      );
    });
  });
}

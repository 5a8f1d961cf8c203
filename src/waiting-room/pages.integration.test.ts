/**
 * The waiting room over HTTP on both engines: the guard in front of /book and /invite, the waiting page (no
 * JavaScript needed: it reloads itself; Spanish too), its JSON status, a place kept across reloads and tabs, a
 * copied token refused in another browser, an admitted visitor let in with a pass, the staff console (figures,
 * the audited switch, refused bad input, admins only) and the metrics.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { signedInClient, startTestApp, TestClient, type TestApp } from '../../test/support/app.js';
import { engines } from '../../test/support/db.js';
import { systemActor } from '../platform/audit/index.js';
import { createUserWithOneTimePassword } from '../staff/index.js';
import { advanceLine, updateSettings } from './index.js';

async function staff(app: TestApp, email: string, role: 'admin' | 'site-manager') {
  const r = await createUserWithOneTimePassword(
    { email, displayName: email, role },
    { db: app.tdb.db, now: Date.now, actor: systemActor('test') },
  );
  assert.ok(r.ok);
  const c = await signedInClient(app.url, email, r.oneTimePassword);
  await c.get('/staff/account/password');
  await c.post('/staff/account/password', {
    current: r.oneTimePassword,
    password: 'a long enough password',
    confirm: 'a long enough password',
  });
  return c;
}

const positionOf = (html: string) =>
  Number(/Your number in line: (\d+)|Su número en la fila: (\d+)/.exec(html)?.slice(1).find(Boolean));

for (const { engine, skip } of engines()) {
  describe(`waiting room pages (${engine})`, { skip }, () => {
    let app: TestApp;
    let admin: TestClient;
    let manager: TestClient;
    let clock = Date.now();
    const settings = (mode: 'auto' | 'on' | 'off', capacity: number) =>
      updateSettings(
        { mode, capacity, ratePerMinute: null },
        { db: app.tdb.db, now: () => clock, actor: systemActor('test') },
      );
    /** Let the one-second views expire and move the line. */
    const tick = async () => {
      clock += 1500;
      await advanceLine({ db: app.tdb.db, now: () => clock, abandonMs: 90_000 });
    };

    before(async () => {
      app = await startTestApp(
        engine,
        { RATE_LIMITS: 'off', WAITING_ROOM_MODE: 'on', WAITING_ROOM_CAPACITY: '1' },
        {
          now: () => clock,
        },
      );
      admin = await staff(app, 'admin@county.example', 'admin');
      manager = await staff(app, 'manager@county.example', 'site-manager');
    });
    after(async () => app.close());

    it('sends a new visitor to the waiting page and keeps their place across reloads and tabs', async () => {
      const first = new TestClient(app.url);
      const r = await first.get('/book?zip=02108');
      assert.equal(r.status, 303);
      assert.equal(r.location, '/waiting-room');
      const page = await first.get('/waiting-room');
      assert.equal(page.status, 200);
      const position = positionOf(page.text);
      assert.ok(position >= 1);
      assert.match(page.text, /<noscript><meta http-equiv="refresh" content="25"\/?><\/noscript>/);
      assert.match(page.text, /aria-live="polite"/);
      assert.match(page.text, /We cannot estimate your wait yet/);
      // Reload, back, a second tab: the same cookies, the same place.
      assert.equal((await first.get('/book')).location, '/waiting-room');
      assert.equal(positionOf((await first.get('/waiting-room')).text), position);
      const status = await first.get('/waiting-room/status');
      assert.deepEqual(JSON.parse(status.text).position, position);
      // The page can stop reloading itself.
      const still = await first.get('/waiting-room?refresh=off');
      assert.doesNotMatch(still.text, /http-equiv="refresh"/);
      assert.match(still.text, /no longer reloads by itself/);
      // In Spanish.
      const es = await first.get('/waiting-room?lang=es');
      assert.equal(positionOf(es.text), position);
      assert.match(es.text, /Está en la fila/);
    });

    it('refuses a waiting token copied into another browser', async () => {
      const owner = new TestClient(app.url);
      await owner.get('/book');
      const mine = positionOf((await owner.get('/waiting-room')).text);
      const thief = new TestClient(app.url);
      await thief.get('/'); // a browser of its own
      thief.cookies.set('fd_wr_ticket', owner.cookies.get('fd_wr_ticket') ?? '');
      // Without its browser id the token is nothing: the waiting page does not know them.
      const status = JSON.parse((await thief.get('/waiting-room/status')).text) as { status: string };
      assert.equal(status.status, 'go');
      // Asking for the flow puts them at the end of the line, with a place of their own.
      assert.equal((await thief.get('/book')).location, '/waiting-room');
      const theirs = positionOf((await thief.get('/waiting-room')).text);
      assert.ok(theirs > mine, `${theirs} after ${mine}`);
      // Copying the browser id alone is no use either.
      const other = new TestClient(app.url);
      other.cookies.set('fd_wr_browser', owner.cookies.get('fd_wr_browser') ?? '');
      other.cookies.set('fd_wr_ticket', 'x' + (owner.cookies.get('fd_wr_ticket') ?? '').slice(1));
      assert.equal(JSON.parse((await other.get('/waiting-room/status')).text).status, 'go');
    });

    it('lets an admitted visitor into the flow with a pass while the next one waits for a free place', async () => {
      await settings('on', 1);
      const a = new TestClient(app.url);
      const b = new TestClient(app.url);
      await a.get('/book');
      await b.get('/book');
      const pa = positionOf((await a.get('/waiting-room')).text);
      const pb = positionOf((await b.get('/waiting-room')).text);
      assert.ok(pb > pa);
      // Everyone before them left long ago (and anyone admitted did not come in); their pages keep asking.
      clock += 130_000;
      await a.get('/waiting-room/status');
      await b.get('/waiting-room/status');
      await tick();
      await tick();
      const go = JSON.parse((await a.get('/waiting-room/status')).text) as { status: string; next: string };
      assert.deepEqual([go.status, go.next], ['go', '/book']);
      assert.equal((await a.get('/waiting-room')).location, '/book');
      const inFlow = await a.get('/book');
      assert.equal(inFlow.status, 200, 'a is in');
      assert.ok(a.cookies.has('fd_wr_pass'));
      assert.equal((await a.get('/book')).status, 200, 'the pass holds on later pages');
      // The flow is full: b still waits, and the page says how many are ahead.
      await tick();
      const waitPage = await b.get('/waiting-room');
      assert.equal(waitPage.status, 200);
      assert.match(waitPage.text, /You are next\./);
      // a's pass is a's: copied into b's browser it does not verify.
      const copy = new TestClient(app.url);
      copy.cookies.set('fd_wr_pass', a.cookies.get('fd_wr_pass') ?? '');
      assert.equal((await copy.get('/book')).status, 303);
    });

    it('protects the invitation pages too, and nothing else', async () => {
      await settings('on', 1);
      const c = new TestClient(app.url);
      const r = await c.get('/invite/some-token');
      assert.equal(r.status, 303);
      assert.equal(r.location, '/waiting-room');
      assert.equal((await c.get('/')).status, 200);
      assert.equal((await c.get('/preregister')).status, 200);
      assert.notEqual((await c.get('/bookings')).location, '/waiting-room');
    });

    it('shows staff the figures and lets admins switch it (audited); bad input changes nothing', async () => {
      const page = await manager.get('/staff/waiting-room');
      assert.equal(page.status, 200);
      assert.match(page.text, /People waiting/);
      assert.match(page.text, /Only administrators can change these settings/);
      const figures = JSON.parse((await manager.get('/staff/waiting-room/figures')).text) as Record<string, string>;
      assert.equal(figures.state, 'On: new visitors wait in line.');
      assert.match(figures.queueLength ?? '', /^\d+$/);
      await manager.get('/staff/waiting-room');
      assert.equal((await manager.post('/staff/waiting-room', { mode: 'off', capacity: '5' })).status, 403);

      await admin.get('/staff/waiting-room');
      const bad = await admin.post('/staff/waiting-room', { mode: 'off', capacity: 'lots', ratePerMinute: '0' });
      assert.equal(bad.status, 400);
      assert.match(bad.text, /There is a problem/);
      assert.match(bad.text, /Enter the number of visitors allowed at once/);
      assert.match(bad.text, /Enter the most people let in per minute/);
      const c = new TestClient(app.url);
      assert.equal((await c.get('/book')).status, 303, 'still on');

      const ok = await admin.post('/staff/waiting-room', { mode: 'off', capacity: '500', ratePerMinute: '' });
      assert.equal(ok.status, 303);
      assert.equal((await admin.get(ok.location ?? '')).status, 200);
      clock += 1500;
      const free = new TestClient(app.url);
      assert.equal((await free.get('/book')).status, 200, 'off: straight in');
      // Whoever was waiting goes on at their next check.
      assert.equal(JSON.parse((await c.get('/waiting-room/status')).text).status, 'go');
      const audit = await app.tdb.db.kysely
        .selectFrom('audit_log')
        .select(['actor_label', 'details'])
        .where('action', '=', 'waiting-room.settings.updated')
        .where('actor_label', '=', 'admin@county.example')
        .execute();
      assert.equal(audit.length, 1);
      assert.match(audit[0]?.details ?? '', /"mode":"off","capacity":500,"ratePerMinute":null/);
    });

    it('exports its figures to /metrics', async () => {
      await settings('on', 1);
      clock += 1500;
      await new TestClient(app.url).get('/book');
      clock += 1500;
      const m = (await new TestClient(app.url).get('/metrics')).text;
      assert.match(m, /^frontdoor_waiting_room_active 1$/m);
      assert.match(m, /^frontdoor_waiting_room_queue_length \d+$/m);
      assert.match(m, /^frontdoor_waiting_room_capacity 1$/m);
      assert.match(m, /^frontdoor_waiting_room_positions_issued_total [1-9]\d*$/m);
      assert.match(m, /^frontdoor_waiting_room_admission_rate_per_minute /m);
    });
  });
}

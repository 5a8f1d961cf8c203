/**
 * The line cannot be jumped by spelling a protected path otherwise (issue #15): with the room on, every encoded,
 * doubled-slash, dot-segment, case, double-encoded and absolute-form variant of every default protected path either
 * waits (303 to the waiting room, after a 308 to the canonical spelling for GET) or is not found (404). None reaches
 * the page behind the line.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTestApp, TestClient, type TestApp } from '../../test/support/app.js';
import { engines } from '../../test/support/db.js';
import { otherSpellings } from '../../test/support/hostile-input.js';
import { systemActor } from '../platform/audit/index.js';
import { canonicalPath } from '../platform/http/request-path.js';
import { isProtected } from './guard.js';
import { updateSettings } from './index.js';

for (const { engine, skip } of engines()) {
  describe(`the line cannot be jumped by another spelling (${engine})`, { skip }, () => {
    let app: TestApp;
    let clock = Date.now();
    // The paths the room protects by default (WAITING_ROOM_PATHS is not set here).
    let defaults: string[] = [];

    before(async () => {
      app = await startTestApp(
        engine,
        { RATE_LIMITS: 'off', WAITING_ROOM_MODE: 'on', WAITING_ROOM_CAPACITY: '1' },
        { now: () => clock },
      );
      defaults = app.built.deps.config.waitingRoom.paths;
    });
    after(async () => app.close());

    it('sends every spelling of every protected path to the line, or answers 404', async () => {
      assert.ok(defaults.length >= 2, `the defaults: ${defaults.join(', ')}`);
      const targets = defaults.flatMap((p) => [p, `${p}/some-id/sites/other-id`]);
      let tried = 0;
      for (const target of targets) {
        for (const variant of [target, ...otherSpellings(target)]) {
          for (const method of ['GET', 'HEAD', 'POST']) {
            const visitor = new TestClient(app.url);
            const r = await visitor.raw(method, variant, method === 'POST' ? { 'content-type': 'text/plain' } : {});
            const what = `${method} ${variant} → ${r.status} ${r.location ?? ''}`;
            tried++;
            if (r.status === 404) continue;
            // A form POST to an unprotected path (no such page) is refused for its missing CSRF token.
            if (r.status === 403 && method === 'POST' && !isProtected(defaults, variant)) continue;
            if (r.status === 303) {
              assert.equal(r.location, '/waiting-room', what);
              continue;
            }
            // Another spelling of a page: redirected to its one spelling, which is in line.
            assert.equal(r.status, 308, what);
            assert.ok(method === 'GET' || method === 'HEAD', what);
            const location = r.location ?? '';
            assert.equal(canonicalPath(location), location.split('?')[0], what);
            assert.ok(isProtected(defaults, location), what);
            const then = await visitor.raw(method, location);
            assert.deepEqual([then.status, then.location], [303, '/waiting-room'], `${what} → ${then.status}`);
          }
        }
      }
      assert.ok(tried > 250, `${tried} requests`);
    });

    it('lets the same page through once the room is off (the test above can fail)', async () => {
      await updateSettings(
        { mode: 'off', capacity: 10, ratePerMinute: null },
        { db: app.tdb.db, now: () => clock, actor: systemActor('test') },
      );
      clock += 1500; // past the one-second view
      const c = new TestClient(app.url);
      assert.equal((await c.raw('GET', '/book')).status, 200, 'room off: /book is served');
      const other = await c.raw('GET', '/%62ook');
      assert.deepEqual([other.status, other.location], [308, '/book'], 'its other spellings still redirect');
    });
  });
}

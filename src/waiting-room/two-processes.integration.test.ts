/**
 * Two app processes over one database whose one-second views disagree: the process that still sees the visitor in
 * line must not send them back to the waiting page the other one just sent them on from (it reads the room again).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTestApp, TestClient, type TestApp } from '../../test/support/app.js';
import { engines } from '../../test/support/db.js';
import { buildApp, type BuiltApp } from '../app.js';
import { loadConfig } from '../config/env.js';
import { systemActor } from '../platform/audit/index.js';
import { updateSettings } from './index.js';

for (const { engine, skip } of engines()) {
  describe(`waiting room on two processes (${engine})`, { skip }, () => {
    let a: TestApp;
    let b: BuiltApp;
    let bUrl = '';
    let clock = Date.now();
    const now = () => clock;
    const settings = (mode: 'on' | 'off', capacity: number) =>
      updateSettings({ mode, capacity, ratePerMinute: null }, { db: a.tdb.db, now, actor: systemActor('test') });

    before(async () => {
      a = await startTestApp(engine, { RATE_LIMITS: 'off' }, { now });
      // The second process: same database, same secrets (DATA_DIR's), its own one-second view.
      const config = loadConfig({
        DATA_DIR: a.tdb.dataDir,
        PORT: '0',
        LOG_LEVEL: 'silent',
        SEED_DEMO: 'false',
        RUN_JOBS: 'false',
        RATE_LIMITS: 'off',
      });
      b = await buildApp(config, { db: a.tdb.db, now });
      await b.app.listen({ port: 0, host: '127.0.0.1' });
      const address = b.app.server.address();
      bUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    });
    after(async () => {
      await b.close();
      await a.close();
    });

    it('lets in at once a visitor sent on by the other process', async () => {
      // The flow is full: one visitor holds the only place.
      await settings('off', 1);
      assert.equal((await new TestClient(a.url).get('/book')).status, 200);
      await settings('on', 1);
      clock += 1100;
      const onA = new TestClient(a.url);
      assert.equal((await onA.get('/book')).location, '/waiting-room');
      // B reads the room while the visitor is still in line; its view holds for a second.
      clock += 1100;
      const onB = new TestClient(bUrl);
      for (const [k, v] of onA.cookies) onB.cookies.set(k, v);
      assert.equal(JSON.parse((await onB.get('/waiting-room/status')).text).status, 'waiting');
      // Staff make room; A's view is old enough to read again, moves the line and sends the visitor on.
      await settings('on', 2);
      clock += 200;
      const go = JSON.parse((await onA.get('/waiting-room/status')).text) as { status: string; next: string };
      assert.equal(go.status, 'go');
      // The browser's next request lands on B, whose view (0.2 s old) still has them in line.
      for (const [k, v] of onA.cookies) onB.cookies.set(k, v);
      const page = await onB.get(go.next);
      assert.equal(page.status, 200, `sent back to ${page.location}`);
    });
  });
}

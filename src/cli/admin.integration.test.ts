import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import { startTestApp, TestClient, type TestApp } from '../../test/support/app.js';
import { engines } from '../../test/support/db.js';

function admin(args: string[], env: Record<string, string>) {
  return spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/admin.ts', ...args], {
    env: { ...process.env, ...env, LOG_LEVEL: 'silent' },
    encoding: 'utf8',
  });
}

for (const { engine, skip } of engines()) {
  describe(`admin CLI (${engine})`, { skip }, () => {
    let app: TestApp;
    before(async () => {
      app = await startTestApp(engine);
    });
    after(() => app.close());

    it('create-token prints the token alone on stdout, and the token works with its role', () => {
      const r = admin(['create-token', '--role', 'analyst', '--name', 'ci'], app.tdb.env);
      assert.equal(r.status, 0, r.stderr);
      assert.match(r.stdout, /^fd_[A-Za-z0-9_-]{40}\n$/);
      return (async () => {
        const api = new TestClient(app.url, { authorization: `Bearer ${r.stdout.trim()}` });
        const me = await api.get('/api/v1/me');
        assert.equal(me.status, 200);
        assert.equal((JSON.parse(me.text) as { role: string }).role, 'analyst');
        assert.equal((await api.get('/api/v1/staff/users')).status, 403);
      })();
    });

    it('create-user prints a one-time password that signs in and must be changed', async () => {
      const r = admin(['create-user', '--email', 'ops@county.example', '--role', 'site-manager'], app.tdb.env);
      assert.equal(r.status, 0, r.stderr);
      const password = r.stdout.trim();
      const c = new TestClient(app.url);
      const signed = await c.submit('/staff/sign-in', '/staff/sign-in', { email: 'ops@county.example', password });
      assert.equal(signed.location, '/staff/account/password');
    });

    it('bad arguments exit 2 with a clear message and change nothing', async () => {
      const before = await app.tdb.db.kysely.selectFrom('api_tokens').select('id').execute();
      const r = admin(['create-token', '--role', 'wizard', '--name', 'x'], app.tdb.env);
      assert.equal(r.status, 2);
      assert.match(r.stderr, /--role must be one of/);
      assert.equal(r.stdout, '');
      const afterRows = await app.tdb.db.kysely.selectFrom('api_tokens').select('id').execute();
      assert.equal(afterRows.length, before.length);
    });
  });
}

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
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

    it('import-sites imports every row, or none and names each bad line', async () => {
      const bad = path.join(app.tdb.dataDir, 'bad-sites.csv');
      writeFileSync(
        bad,
        'name,address,postalCode,timeZone,accessibility,languages,walkIns\nGood Site,1 A Road Town,12345,America/Chicago,wheelchair;asl,en;es,yes\nBad Site,2 B Road Town,ABC,Mars/Base,,,\n',
      );
      const refused = admin(['import-sites', bad], app.tdb.env);
      assert.equal(refused.status, 2);
      assert.match(refused.stderr, /line 3, postalCode/);
      assert.match(refused.stderr, /line 3, timeZone/);
      assert.equal(
        (await app.tdb.db.kysely.selectFrom('sites').select('id').where('name', '=', 'Good Site').execute()).length,
        0,
        'nothing imported',
      );
      const good = path.join(app.tdb.dataDir, 'sites.csv');
      writeFileSync(
        good,
        'name,address,postalCode,timeZone,accessibility,languages,walkIns,vtrcksPin\nGood Site,1 A Road Town,12345,America/Chicago,wheelchair;asl,en;es,yes,PIN0001\nOther Site,3 C Road Town,12346,America/New_York,,en,no,\n',
      );
      const ok = admin(['import-sites', good], app.tdb.env);
      assert.equal(ok.status, 0, ok.stderr);
      assert.equal(ok.stdout, 'Imported 2 sites.\n');
      const row = await app.tdb.db.kysely
        .selectFrom('sites')
        .select(['accessibility', 'walk_ins', 'vtrcks_pin'])
        .where('name', '=', 'Good Site')
        .executeTakeFirstOrThrow();
      assert.deepEqual(row, { accessibility: '["wheelchair","asl"]', walk_ins: 1, vtrcks_pin: 'PIN0001' });
    });

    it('import-slots reads local times in each site’s zone and refuses a time that does not exist', async () => {
      const { createProgram } = await import('../appointments/index.js');
      const { systemActor } = await import('../platform/audit/index.js');
      const programId = await createProgram(
        { name: 'Flu shots', bookingMode: 'open' },
        { db: app.tdb.db, now: Date.now, actor: systemActor('t') },
      );
      const bad = path.join(app.tdb.dataDir, 'bad-slots.csv');
      writeFileSync(
        bad,
        `site,program,date,time,durationMinutes,capacity\nGood Site,${programId},2027-03-14,09:00,15,4\nOther Site,${programId},2027-03-14,02:30,15,4\n`,
      );
      const refused = admin(['import-slots', bad], app.tdb.env);
      assert.equal(refused.status, 2);
      assert.match(refused.stderr, /line 3, time: 2027-03-14 02:30 does not exist in America\/New_York/);
      const good = path.join(app.tdb.dataDir, 'slots.csv');
      writeFileSync(
        good,
        `site,program,date,time,durationMinutes,capacity\nGood Site,${programId},2027-03-14,09:00,15,4\n`,
      );
      const ok = admin(['import-slots', good], app.tdb.env);
      assert.equal(ok.status, 0, ok.stderr);
      const slot = await app.tdb.db.kysely
        .selectFrom('slots')
        .select('starts_at')
        .where('program_id', '=', programId)
        .executeTakeFirstOrThrow();
      assert.equal(new Date(slot.starts_at).toISOString(), '2027-03-14T14:00:00.000Z', '09:00 CDT');
    });

    it('create-user and create-token take --site by name or id, repeatable; an unknown site creates nothing', async () => {
      const sites = await app.tdb.db.kysely.selectFrom('sites').select(['id', 'name']).orderBy('name').execute();
      const good = sites.find((x) => x.name === 'Good Site') ?? assert.fail('run after import-sites');
      const other = sites.find((x) => x.name === 'Other Site') ?? assert.fail('run after import-sites');
      const r = admin(
        [
          'create-user',
          '--email',
          'desk@county.example',
          '--role',
          'site-staff',
          '--site',
          'good site',
          '--site',
          other.id,
        ],
        app.tdb.env,
      );
      assert.equal(r.status, 0, r.stderr);
      const user = await app.tdb.db.kysely
        .selectFrom('staff_users')
        .select('id')
        .where('email', '=', 'desk@county.example')
        .executeTakeFirstOrThrow();
      const assigned = await app.tdb.db.kysely
        .selectFrom('staff_site_assignments')
        .select('site_id')
        .where('user_id', '=', user.id)
        .orderBy('site_id')
        .execute();
      assert.deepEqual(
        assigned.map((a) => a.site_id),
        [good.id, other.id].sort(),
      );
      const audit = await app.tdb.db.kysely
        .selectFrom('audit_log')
        .select(['actor_label', 'details'])
        .where('action', '=', 'staff.user.created')
        .where('subject_id', '=', user.id)
        .executeTakeFirstOrThrow();
      assert.deepEqual(audit, {
        actor_label: 'cli',
        details: JSON.stringify({ role: 'site-staff', sites: [good.id, other.id].sort() }),
      });
      const refused = admin(
        ['create-user', '--email', 'nobody@county.example', '--role', 'site-staff', '--site', 'Nowhere'],
        app.tdb.env,
      );
      assert.equal(refused.status, 2);
      assert.match(refused.stderr, /no site has the id or name: Nowhere/);
      assert.equal(
        (
          await app.tdb.db.kysely
            .selectFrom('staff_users')
            .select('id')
            .where('email', '=', 'nobody@county.example')
            .execute()
        ).length,
        0,
      );
      const t = admin(
        ['create-token', '--role', 'site-manager', '--name', 'desk', '--site', 'Other Site'],
        app.tdb.env,
      );
      assert.equal(t.status, 0, t.stderr);
      const me = await new TestClient(app.url, { authorization: `Bearer ${t.stdout.trim()}` }).get('/api/v1/me');
      assert.deepEqual((JSON.parse(me.text) as { sites: string[] }).sites, [other.id]);
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

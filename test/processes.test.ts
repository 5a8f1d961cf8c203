/**
 * The real entry points as separate processes: `npm run worker` runs the app's jobs and stops cleanly on
 * SIGTERM; the web process's logs carry no personal data or secrets.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { after, describe, it } from 'node:test';
import { systemActor } from '../src/platform/audit/index.js';
import { getJob } from '../src/platform/jobs/index.js';
import { inviteUser } from '../src/staff/index.js';
import { TestClient } from './support/app.js';
import { createTestDatabase, type TestDatabase } from './support/db.js';
import { freePort } from './support/ports.js';
import { waitFor } from './support/wait.js';

const children: ChildProcess[] = [];
function start(entry: string, env: Record<string, string>): { child: ChildProcess; output: () => string } {
  let out = '';
  const child = spawn(process.execPath, ['--import', 'tsx', entry], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  children.push(child);
  return { child, output: () => out };
}
const exitCode = (c: ChildProcess) =>
  new Promise<number | null>((r) => (c.exitCode !== null ? r(c.exitCode) : c.once('exit', (code) => r(code))));

describe('processes', () => {
  const dbs: TestDatabase[] = [];
  after(async () => {
    for (const c of children) c.kill('SIGKILL');
    for (const d of dbs) await d.cleanup();
  });

  it('npm run worker sends a queued invitation e-mail and exits 0 on SIGTERM', async () => {
    const tdb = await createTestDatabase('sqlite');
    dbs.push(tdb);
    const r = await inviteUser(
      { email: 'w@county.example', displayName: 'Wen', role: 'analyst', locale: 'es' },
      { db: tdb.db, now: Date.now, actor: systemActor('test') },
    );
    assert.ok(r.ok);
    const job = await tdb.db.kysely
      .selectFrom('jobs')
      .select('id')
      .where('name', '=', 'send-password-link')
      .executeTakeFirstOrThrow();
    const w = start('src/worker.ts', { ...tdb.env, LOG_LEVEL: 'silent', SEED_DEMO: 'false', JOB_POLL_MS: '50' });
    await waitFor(async () => (await getJob(tdb.db.kysely, job.id))?.status === 'succeeded', 20_000);
    w.child.kill('SIGTERM');
    assert.equal(await exitCode(w.child), 0);
    const { readdirSync, readFileSync } = await import('node:fs');
    const files = readdirSync(`${tdb.dataDir}/outbox`);
    assert.equal(files.length, 1);
    assert.match(
      readFileSync(`${tdb.dataDir}/outbox/${files[0] ?? ''}`, 'utf8'),
      /Subject: =\?UTF-8\?Q\?Su_cuenta_de_personal|Subject: Su cuenta de personal/,
    );
  });

  it('the web process logs requests without e-mail addresses, passwords or query strings', async () => {
    const tdb = await createTestDatabase('sqlite');
    dbs.push(tdb);
    const port = String(await freePort());
    const web = start('src/main.ts', {
      ...tdb.env,
      PORT: port,
      LOG_LEVEL: 'info',
      SEED_DEMO: 'false',
      RUN_JOBS: 'false',
    });
    await waitFor(() => web.output().includes('Frontdoor is running'), 20_000);
    const c = new TestClient(`http://127.0.0.1:${port}`);
    await c.submit('/staff/sign-in?email=leak@county.example', '/staff/sign-in', {
      email: 'leak@county.example',
      password: 'hunter2-secret-pass',
    });
    await c.get('/staff/forgot-password?lang=es');
    web.child.kill('SIGTERM');
    assert.equal(await exitCode(web.child), 0);
    const log = web.output();
    assert.match(log, /"route":"\/staff\/sign-in"/);
    assert.doesNotMatch(log, /leak@county\.example/);
    assert.doesNotMatch(log, /hunter2/);
    assert.doesNotMatch(log, /lang=es/);
  });
});

/**
 * Production start with WEB_CONCURRENCY=2: `npm start`'s process migrates and seeds once, forks two web processes
 * sharing the port, replaces one that dies, and on SIGTERM drains them all and exits 0.
 */
import assert from 'node:assert/strict';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { after, describe, it } from 'node:test';
import { createTestDatabase, type TestDatabase } from './support/db.js';
import { freePort } from './support/ports.js';
import { waitFor } from './support/wait.js';

/** The process ids whose parent is `pid` (Linux `ps`). */
function childrenOf(pid: number): number[] {
  try {
    return execFileSync('ps', ['-o', 'pid=', '--ppid', String(pid)], { encoding: 'utf8' })
      .split('\n')
      .map((l) => Number(l.trim()))
      .filter((n) => n > 0);
  } catch {
    return []; // ps exits 1 when there are none
  }
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('WEB_CONCURRENCY', () => {
  let primary: ChildProcess | undefined;
  let tdb: TestDatabase | undefined;
  after(async () => {
    if (primary?.exitCode === null) primary.kill('SIGKILL');
    await tdb?.cleanup();
  });

  it('runs N web processes under one supervisor, replaces a dead one, drains all on SIGTERM', async () => {
    tdb = await createTestDatabase('sqlite', { migrate: false });
    const port = await freePort();
    let out = '';
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      env: { ...process.env, ...tdb.env, PORT: String(port), WEB_CONCURRENCY: '2', LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    primary = child;
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    await waitFor(() => out.includes('2 web processes'), 90_000);
    assert.equal(out.match(/Demo administrator created/g)?.length, 1, 'seeded once, by the supervisor');
    const pid = child.pid ?? 0;
    const web = childrenOf(pid);
    assert.equal(web.length, 2, `web processes: ${web.join(',')}`);
    const url = `http://127.0.0.1:${port}`;
    for (let i = 0; i < 6; i++) assert.equal((await fetch(`${url}/readyz`)).status, 200);

    const [victim = 0] = web;
    process.kill(victim, 'SIGKILL');
    await waitFor(() => {
      const now = childrenOf(pid);
      return now.length === 2 && !now.includes(victim);
    }, 60_000);
    await waitFor(async () => (await fetch(`${url}/`).catch(() => null))?.status === 200, 30_000);
    const replaced = childrenOf(pid);

    const code = new Promise<number | null>((r) => child.once('exit', (c) => r(c)));
    child.kill('SIGTERM');
    assert.equal(await code, 0);
    await waitFor(() => replaced.every((p) => !alive(p)), 10_000);
  });
});

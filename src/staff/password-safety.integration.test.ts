/**
 * Password links on both engines: "forgot password" is limited per client address, per address typed and per
 * account without saying which addresses have accounts (25 requests at once still mail one link), and changing a
 * password ends every earlier link, as a reset does.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { simpleParser } from 'mailparser';
import { signedInClient, startTestApp, TestClient, type Answer, type TestApp } from '../../test/support/app.js';
import { engines } from '../../test/support/db.js';
import { systemActor } from '../platform/audit/index.js';
import { createUserWithOneTimePassword } from './index.js';
import { RESET_MAIL_PERIOD_MS } from './password-links.js';

const PASSWORD = 'correct horse battery staple';

async function resetLinksMailedTo(app: TestApp, email: string): Promise<string[]> {
  const dir = path.join(app.tdb.dataDir, 'outbox');
  let files: string[] = [];
  try {
    files = readdirSync(dir).sort();
  } catch {
    return [];
  }
  const mails = await Promise.all(files.map((f) => simpleParser(readFileSync(path.join(dir, f)))));
  return mails
    .filter((m) => JSON.stringify(m.to).includes(email) && m.subject?.startsWith('Reset your'))
    .map((m) => /\/staff\/password\/([A-Za-z0-9_-]+)/.exec(m.text ?? '')?.[1] ?? assert.fail('no link in the mail'));
}

/** A browser at `ip` that loaded the form (so it holds a CSRF token). */
async function visitor(app: TestApp, ip: string): Promise<TestClient> {
  const c = new TestClient(app.url, { 'x-forwarded-for': ip });
  await c.get('/staff/forgot-password');
  return c;
}

const forgot = (c: TestClient, email: string) => c.post('/staff/forgot-password', { email });
/** What a visitor can observe of an answer. */
const seen = (a: Answer) => `${a.status} ${a.location ?? ''} ${a.headers.get('retry-after') ?? ''}`;

for (const { engine, skip } of engines()) {
  describe(`password links (${engine})`, { skip }, () => {
    let app: TestApp;
    /** The same code with small request limits (the first app has them off, to show the account's own limit). */
    let limited: TestApp;
    let clock = Date.UTC(2030, 0, 7, 15, 1);
    const audit = async (action: string) =>
      (await app.tdb.db.kysely.selectFrom('audit_log').select('id').where('action', '=', action).execute()).length;

    async function activeUser(email: string, on = app): Promise<TestClient> {
      const r = await createUserWithOneTimePassword(
        { email, displayName: email, role: 'site-staff' },
        { db: on.tdb.db, now: () => clock, actor: systemActor('test') },
      );
      assert.ok(r.ok);
      const c = await signedInClient(on.url, email, r.oneTimePassword);
      await c.get('/staff/account/password');
      const changed = await c.post('/staff/account/password', {
        current: r.oneTimePassword,
        password: PASSWORD,
        confirm: PASSWORD,
      });
      assert.equal(changed.status, 303);
      return c;
    }

    before(async () => {
      app = await startTestApp(engine, { RATE_LIMITS: 'off' }, { now: () => clock });
      limited = await startTestApp(
        engine,
        {
          TRUST_PROXY: 'true',
          RATE_LIMITS: 'on',
          SIGN_IN_RATE_PER_MINUTE: '20',
          SIGN_IN_RATE_PER_PERSON_PER_HOUR: '3',
        },
        { now: () => clock },
      );
    });
    after(async () => {
      await app.close();
      await limited.close();
    });

    it('25 requests at once for one account queue one e-mail, answered like an unknown address', async () => {
      const email = `burst-${engine}@county.example`;
      await activeUser(email);
      const clients = await Promise.all(Array.from({ length: 25 }, (_, i) => visitor(app, `10.1.0.${i + 1}`)));
      const known = await Promise.all(clients.map((c) => forgot(c, email)));
      const unknown = await Promise.all(clients.map((c) => forgot(c, `nobody-${engine}@county.example`)));
      assert.deepEqual(new Set(known.map(seen)), new Set(['303 /staff/sign-in?done=reset-sent ']));
      assert.deepEqual(new Set(unknown.map(seen)), new Set(known.map(seen)), 'the same answer for an unknown address');
      await app.built.runner.drain();
      assert.equal((await resetLinksMailedTo(app, email)).length, 1, 'one link mailed');
      assert.equal(await audit('staff.password.reset-requested'), 1);
      assert.equal(await audit('staff.password.reset-throttled'), 24, 'every request is in the audit log');

      // The next period: one more e-mail.
      clock += RESET_MAIL_PERIOD_MS;
      assert.equal(seen(await forgot(clients[0] ?? assert.fail(), email)), '303 /staff/sign-in?done=reset-sent ');
      await app.built.runner.drain();
      assert.equal((await resetLinksMailedTo(app, email)).length, 2);
    });

    it('per address typed and per client address: over the limit, the same 429 for known and unknown addresses', async () => {
      const email = `typed-${engine}@county.example`;
      await activeUser(email, limited);
      const answers = async (address: string, ip: string) => {
        const c = await visitor(limited, ip);
        const out: string[] = [];
        for (let i = 0; i < 5; i++) out.push(seen(await forgot(c, address)).replace(/ \d+$/, ' (wait)'));
        return out;
      };
      const ok = '303 /staff/sign-in?done=reset-sent ';
      const over = '429  (wait)';
      const forKnown = await answers(email, '10.2.0.1');
      assert.deepEqual(forKnown, [ok, ok, ok, over, over], 'three per address typed per hour');
      assert.deepEqual(await answers(`Nobody-${engine}@County.example`, '10.2.0.2'), forKnown, 'unknown: the same');
      // The address limit holds whatever client address asks (and however the address is capitalised).
      const c = await visitor(limited, '10.2.0.3');
      assert.equal(seen(await forgot(c, email.toUpperCase())).replace(/ \d+$/, ' (wait)'), over);

      // Per client address: SIGN_IN_RATE_PER_MINUTE requests a minute, whatever addresses they name.
      const spammer = await visitor(limited, '10.3.0.1');
      const statuses: number[] = [];
      for (let i = 0; i < 22; i++) statuses.push((await forgot(spammer, `list-${i}-${engine}@example.com`)).status);
      assert.deepEqual(statuses.slice(0, 20), Array<number>(20).fill(303));
      assert.deepEqual(statuses.slice(20), [429, 429]);
    });

    it('changing a password ends the reset links sent before', async () => {
      const email = `change-${engine}@county.example`;
      const owner = await activeUser(email);
      clock += RESET_MAIL_PERIOD_MS;
      await forgot(await visitor(app, '10.4.0.1'), email);
      await app.built.runner.drain();
      const [link] = await resetLinksMailedTo(app, email);
      assert.ok(link);
      const stranger = new TestClient(app.url);
      assert.equal((await stranger.get(`/staff/password/${link}`)).status, 200, 'the link works before');

      await owner.get('/staff/account/password');
      const changed = await owner.post('/staff/account/password', {
        current: PASSWORD,
        password: 'another long password',
        confirm: 'another long password',
      });
      assert.equal(changed.status, 303);

      assert.equal((await stranger.get(`/staff/password/${link}`)).status, 410, 'the link is gone');
      const used = await stranger.post(`/staff/password/${link}`, {
        password: 'attacker password!',
        confirm: 'attacker password!',
      });
      assert.equal(used.status, 410);
      await signedInClient(app.url, email, 'another long password');
    });
  });
}

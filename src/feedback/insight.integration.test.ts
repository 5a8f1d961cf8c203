/**
 * The analyst's side on both engines: the dashboard and comments never show a group under 10 responses, the A-11
 * export (console and API) has the right shape with small cells suppressed, the raw export leaves small groups
 * out, the webhook is signed and retried against a real local receiver, and the staff pulse is once a week.
 */
import assert from 'node:assert/strict';
import { createHmac, randomUUID } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { parse } from 'csv-parse/sync';
import { signedInClient, startTestApp, TestClient, type TestApp } from '../../test/support/app.js';
import { engines } from '../../test/support/db.js';
import { systemActor } from '../platform/audit/index.js';
import type { Role } from '../platform/auth/index.js';
import { createApiToken, createUserWithOneTimePassword } from '../staff/index.js';
import { A11_HEADER } from './exports.js';
import { createInvitation } from './links.js';
import * as repo from './repository.js';
import { sealResponseText } from './sealed-text.js';

const SECRET = 'a-webhook-secret-for-tests';
const QUARTER = '2026-Q2';

async function staff(app: TestApp, email: string, role: Role): Promise<TestClient> {
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

/** A real HTTP receiver: records each delivery; answers with the queued statuses, then 204. */
function receiver(): Promise<{
  url: string;
  got: { headers: IncomingHttpHeaders; body: string }[];
  statuses: number[];
  server: Server;
}> {
  const got: { headers: IncomingHttpHeaders; body: string }[] = [];
  const statuses: number[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => {
      got.push({ headers: req.headers, body });
      res.statusCode = statuses.shift() ?? 204;
      res.end();
    });
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const a = server.address();
      const port = typeof a === 'object' && a ? a.port : 0;
      resolve({ url: `http://127.0.0.1:${port}/hook`, got, statuses, server });
    }),
  );
}

for (const { engine, skip } of engines()) {
  describe(`feedback insight and exports (${engine})`, { skip }, () => {
    let app: TestApp;
    let analyst: TestClient;
    let hook: Awaited<ReturnType<typeof receiver>>;
    let clock = Date.UTC(2026, 4, 20, 15, 0);
    const programId = randomUUID();
    const siteA = randomUUID();
    const siteB = randomUUID();

    async function response(o: {
      site: string;
      channel: string;
      trust: number;
      comment?: string | undefined;
      date?: string;
    }) {
      const context = {
        program_id: programId,
        site_id: o.site,
        channel: o.channel,
        language: 'en',
        transaction_date: o.date ?? '2026-05-10',
      };
      await repo.insertInvitation(app.tdb.db.kysely, {
        id: randomUUID(),
        token_hash: randomUUID(),
        trigger_key: null,
        origin: 'visit',
        status: 'offered',
        form: 'a11',
        answered: 1,
        expires_at: clock,
        created_at: clock,
        ...context,
      });
      await repo.insertResponse(app.tdb.db.kysely, {
        id: randomUUID(),
        form: 'a11',
        origin: 'visit',
        ...context,
        trust: o.trust,
        satisfaction: null,
        effectiveness: null,
        ease: null,
        efficiency: null,
        equity: null,
        employee: null,
        went_well: o.trust >= 4 ? ',ease,' : '',
        not_well: o.trust < 4 ? ',efficiency,' : '',
        ...sealResponseText(app.built.deps.cipher, {
          comment: o.comment ?? null,
          comment_well: null,
          custom_answers: '{}',
        }),
      });
    }

    before(async () => {
      hook = await receiver();
      app = await startTestApp(
        engine,
        { FEEDBACK_WEBHOOK_URL: hook.url, FEEDBACK_WEBHOOK_SECRET: SECRET },
        { now: () => clock },
      );
      const db = app.tdb.db.kysely;
      await db
        .insertInto('programs')
        .values({
          id: programId,
          name_en: 'Flu shots',
          name_es: 'Vacuna contra la gripe',
          description_en: '',
          description_es: '',
          preparation_en: '',
          preparation_es: '',
          booking_mode: 'open',
          status: 'active',
          created_at: clock,
          updated_at: clock,
        })
        .execute();
      for (const [id, name] of [
        [siteA, 'Alpha Clinic'],
        [siteB, 'Beta Clinic'],
      ] as const)
        await db
          .insertInto('sites')
          .values({
            id,
            name,
            address: `${name} Road`,
            postal_code: '12345',
            time_zone: 'America/New_York',
            status: 'active',
            accessibility: '[]',
            languages: '["en"]',
            walk_ins: 0,
            created_at: clock,
            updated_at: clock,
          })
          .execute();
      // 12 web responses at Alpha (showable); 4 phone responses at Beta (a small cell that must never show).
      for (let i = 0; i < 12; i++)
        await response({
          site: siteA,
          channel: 'web',
          trust: 3 + (i % 3),
          comment: i % 2 ? `web comment ${i}` : undefined,
        });
      for (let i = 0; i < 4; i++)
        await response({ site: siteB, channel: 'phone', trust: 1, comment: 'SECRET-SMALL-CELL' });
      analyst = await staff(app, 'analyst@county.example', 'analyst');
    });
    after(async () => {
      await app.close();
      hook.server.close();
    });

    it('the dashboard shows the large cell with an accessible chart and suppresses the small one', async () => {
      const r = await analyst.get('/staff/feedback?by=channel&from=2026-01-01&to=2026-06-30');
      assert.equal(r.status, 200);
      assert.match(r.text, /<svg[^>]*role="img"[^>]*aria-labelledby="chart-trend-title chart-trend-desc"/);
      assert.match(r.text, /<title id="chart-trend-title">/);
      assert.doesNotMatch(r.text, /<svg[\s\S]*style="/, 'no inline style for the CSP to block');
      const phoneRows = r.text.match(/<tr>(?:(?!<\/tr>)[\s\S])*?Phone(?:(?!<\/tr>)[\s\S])*?<\/tr>/g) ?? [];
      assert.ok(phoneRows.length >= 1);
      for (const row of phoneRows) assert.match(row, /Fewer than 10 responses/);
      // The small cell's mean (1.00) never appears; the large cell's (4.00) does.
      assert.match(r.text, /4\.00 \(/);
      assert.doesNotMatch(r.text, /1\.00 \(/);
    });

    it('comments from a selection under 10 responses are neither shown nor exported', async () => {
      const small = await analyst.get(`/staff/feedback/comments?siteId=${siteB}&from=2026-01-01&to=2026-06-30`);
      assert.equal(small.status, 200);
      assert.doesNotMatch(small.text, /SECRET-SMALL-CELL/);
      assert.match(small.text, /Fewer than 10 responses match these filters/);
      const csv = await analyst.get(`/staff/feedback/comments.csv?siteId=${siteB}&from=2026-01-01&to=2026-06-30`);
      assert.doesNotMatch(csv.text, /SECRET-SMALL-CELL/);
      const large = await analyst.get(`/staff/feedback/comments?siteId=${siteA}&from=2026-01-01&to=2026-06-30`);
      assert.match(large.text, /web comment 1/);
    });

    it('the A-11 export API returns CSV with the header first and small cells suppressed', async () => {
      const token = await createApiToken(
        { name: 'reporting', role: 'analyst' },
        { db: app.tdb.db, now: () => clock, actor: systemActor('test') },
      );
      const res = await fetch(`${app.url}/api/v1/feedback/a11-export?quarter=${QUARTER}`, {
        headers: { authorization: `Bearer ${token.token}` },
      });
      assert.equal(res.status, 200);
      assert.match(res.headers.get('content-type') ?? '', /^text\/csv/);
      const text = await res.text();
      assert.ok(!text.startsWith('\uFEFF'), 'the API answers header row first, no byte-order mark');
      const rows: string[][] = parse(text, {});
      assert.deepEqual(rows[0], A11_HEADER);
      const col = (name: string) => A11_HEADER.indexOf(name);
      const web = rows.find((r) => r[col('channel')] === 'web');
      const phone = rows.find((r) => r[col('channel')] === 'phone');
      assert.ok(web && phone);
      assert.equal(web[col('service')], 'Flu shots');
      assert.equal(web[col('quarter')], QUARTER);
      assert.equal(web[col('surveys_offered')], '12');
      assert.equal(web[col('responses')], '12');
      assert.equal(web[col('trust_3')], '4');
      assert.equal(web[col('went_well_ease')], '8');
      assert.equal(phone[col('surveys_offered')], '4');
      for (const c of A11_HEADER.slice(col('responses'))) assert.equal(phone[col(c)], 'suppressed', c);
      for (const r of rows) assert.equal(r.length, A11_HEADER.length);
    });

    it('the API refuses a bad quarter, no token and the wrong role', async () => {
      const token = await createApiToken(
        { name: 'desk', role: 'site-staff' },
        { db: app.tdb.db, now: () => clock, actor: systemActor('test') },
      );
      assert.equal((await fetch(`${app.url}/api/v1/feedback/a11-export?quarter=${QUARTER}`)).status, 401);
      const wrong = await fetch(`${app.url}/api/v1/feedback/a11-export?quarter=${QUARTER}`, {
        headers: { authorization: `Bearer ${token.token}` },
      });
      assert.equal(wrong.status, 403);
      const analystToken = await createApiToken(
        { name: 'reporting-2', role: 'analyst' },
        { db: app.tdb.db, now: () => clock, actor: systemActor('test') },
      );
      const bad = await fetch(`${app.url}/api/v1/feedback/a11-export?quarter=2026-Q5`, {
        headers: { authorization: `Bearer ${analystToken.token}` },
      });
      assert.equal(bad.status, 400);
    });

    it('the console downloads open in a spreadsheet; the raw export leaves small groups out', async () => {
      const a11 = await analyst.get(`/staff/feedback/exports/a11.csv?quarter=${QUARTER}`);
      assert.equal(a11.status, 200);
      assert.match(a11.headers.get('content-disposition') ?? '', /attachment; filename="a11-2026-Q2.csv"/);
      const raw = await analyst.get('/staff/feedback/exports/responses.csv?from=2026-01-01&to=2026-06-30');
      const rows: string[][] = parse(raw.text, { bom: true });
      assert.equal(rows.length, 1 + 12);
      assert.doesNotMatch(raw.text, /SECRET-SMALL-CELL/);
      const page = await analyst.get('/staff/feedback/exports');
      assert.equal(page.status, 200);
    });

    it('a site-staff member cannot open the dashboard', async () => {
      const desk = await staff(app, 'desk@county.example', 'site-staff');
      assert.equal((await desk.get('/staff/feedback')).status, 403);
    });

    it('each new response is sent to the webhook, signed, and retried when the receiver fails', async () => {
      const token = 'webhook-test-token';
      await createInvitation(app.tdb.db.kysely, {
        origin: 'visit',
        triggerKey: 'webhook-test',
        form: 'a11',
        context: { programId, siteId: siteA, channel: 'web', language: 'en', transactionDate: '2026-05-19' },
        now: clock,
        token,
      });
      hook.statuses.push(500);
      const web = new TestClient(app.url);
      await web.get(`/feedback/s/${token}`);
      assert.equal((await web.post(`/feedback/s/${token}`, { trust: '5', comment: 'quick and kind' })).status, 303);
      await app.built.runner.drain();
      assert.equal(hook.got.length, 1, 'first delivery attempted');
      clock += 5 * 60_000;
      await app.built.runner.drain();
      assert.equal(hook.got.length, 2, 'retried after the 500');
      const last = hook.got[1];
      assert.ok(last);
      const timestamp = String(last.headers['x-frontdoor-timestamp']);
      const expected = `sha256=${createHmac('sha256', SECRET).update(`${timestamp}.${last.body}`).digest('hex')}`;
      assert.equal(last.headers['x-frontdoor-signature'], expected);
      const payload = JSON.parse(last.body);
      assert.equal(payload.type, 'feedback.response.created');
      assert.equal(payload.response.answers.trust, 5);
      assert.equal(payload.response.context.siteId, siteA);
      assert.equal(payload.response.answers.comment, 'quick and kind');
      const jobs = await app.tdb.db.kysely
        .selectFrom('jobs')
        .select('status')
        .where('name', '=', 'feedback-send-webhook')
        .execute();
      assert.deepEqual(
        jobs.map((j) => j.status),
        ['succeeded'],
      );
    });

    it('the staff pulse takes one answer a week and shows no group under 5', async () => {
      const desk = await staff(app, 'desk2@county.example', 'site-staff');
      await desk.get('/staff/pulse');
      assert.equal((await desk.post('/staff/pulse', { workload: '2', tools: '4', help: 'SECRET-PULSE' })).status, 303);
      const again = await desk.get('/staff/pulse');
      assert.match(again.text, /your answers for this period are in/);
      await desk.post('/staff/pulse', { workload: '5', tools: '5' });
      const rows = await app.tdb.db.kysely.selectFrom('pulse_responses').selectAll().execute();
      assert.equal(rows.length, 1);
      const results = await analyst.get('/staff/feedback/pulse/results');
      assert.equal(results.status, 200);
      assert.doesNotMatch(results.text, /SECRET-PULSE/);
      assert.match(results.text, /Fewer than 5 answers/);
    });
  });
}

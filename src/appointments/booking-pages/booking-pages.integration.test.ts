/**
 * The resident booking pages over HTTP on both engines, the way a browser without JavaScript uses them: the happy
 * path books once with channel web, a double submit books once, a seat taken between choosing and confirming
 * gets the "just taken" page with alternatives, tampered or past seats are refused, the ZIP search orders by
 * distance and filters, the manage link (from the real e-mail) opens the booking, cancel frees seat and doses,
 * moving holds the new seat, wrong tokens are refused, and staff book by phone with an audit row.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { signedInClient, startTestApp, TestClient, type TestApp } from '../../../test/support/app.js';
import { engines } from '../../../test/support/db.js';
import { systemActor } from '../../platform/audit/index.js';
import { createApiToken, createUserWithOneTimePassword } from '../../staff/index.js';

const DAY = 86_400_000;
const HOUR = 3_600_000;

type Json = Record<string, unknown>;

async function api(base: string, token: string | null, method: string, p: string, body?: unknown) {
  const res = await fetch(base + p, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  return { status: res.status, body: (await res.json()) as Json };
}

const person = {
  forWhom: 'self',
  givenName: 'Ana',
  familyName: 'García',
  birthMonth: '4',
  birthDay: '28',
  birthYear: '1986',
  email: 'ana@example.com',
  phone: '',
  language: 'es',
};

/** The links on a page that lead to a seat's next step. */
const seatLinks = (html: string) =>
  [...html.matchAll(/href="([^"]*\/slots\/[^"]+)"/g)].map((m) => m[1] ?? '').filter((l) => !l.includes('lang='));
const unescape = (s: string) => s.replace(/&amp;/g, '&');
const keyOf = (html: string) => /name="bookingKey" value="([^"]+)"/.exec(html)?.[1] ?? '';

for (const { engine, skip } of engines()) {
  describe(`booking pages (${engine})`, { skip }, () => {
    let app: TestApp;
    let token = '';
    let programId = '';
    let single = '';
    let series = '';
    let adult = '';
    const site: Record<'midtown' | 'brooklyn' | 'albany' | 'nowhere', string> = {
      midtown: '',
      brooklyn: '',
      albany: '',
      nowhere: '',
    };
    const slot: Record<string, string> = {};
    const t0 = Math.ceil((Date.now() + 2 * DAY) / HOUR) * HOUR;

    const staffApi = (method: string, p: string, body?: unknown) => api(app.url, token, method, p, body);
    async function addSite(name: string, extra: Json): Promise<string> {
      const r = await staffApi('POST', '/api/v1/sites', {
        name,
        address: `${name} Street, New York`,
        postalCode: '10001',
        timeZone: 'America/New_York',
        ...extra,
      });
      assert.equal(r.status, 201, JSON.stringify(r.body));
      const id = String(r.body.id);
      for (const productId of [single, series, adult].filter(Boolean)) {
        const inv = await staffApi('POST', `/api/v1/sites/${id}/inventory`, {
          productId,
          doses: 100,
          lot: 'L1',
          expiresOn: '2030-12-31',
        });
        assert.equal(inv.status, 201);
      }
      return id;
    }
    async function addSlot(siteId: string, startsAt: number, capacity: number): Promise<string> {
      const r = await staffApi('POST', `/api/v1/sites/${siteId}/slots`, {
        startsAt: new Date(startsAt).toISOString(),
        durationMinutes: 15,
        capacity,
        programId,
      });
      assert.equal(r.status, 201, JSON.stringify(r.body));
      return String(r.body.id);
    }
    const seatPath = (siteId: string, slotId: string) => `/book/${programId}/sites/${siteId}/slots/${slotId}`;
    const bookings = (where: { slotId?: string } = {}) => {
      let q = app.tdb.db.kysely.selectFrom('bookings').selectAll().where('status', '=', 'booked');
      if (where.slotId) q = q.where('slot_id', '=', where.slotId);
      return q.execute();
    };
    /** Details and review for a seat; returns the review page's confirm key. */
    async function upToReview(c: TestClient, siteId: string, slotId: string, productId: string, who = person) {
      const details = await c.get(`${seatPath(siteId, slotId)}?product=${productId}`);
      assert.equal(details.status, 200, details.text.slice(0, 300));
      const posted = await c.post(`${seatPath(siteId, slotId)}?product=${productId}`, who);
      assert.equal(posted.status, 303, posted.text.slice(0, 2000));
      assert.equal(posted.location, `${seatPath(siteId, slotId)}/review?product=${productId}`);
      const review = await c.get(posted.location ?? '');
      assert.equal(review.status, 200);
      return keyOf(review.text);
    }
    const confirm = (c: TestClient, siteId: string, slotId: string, productId: string, bookingKey: string) =>
      c.post(`${seatPath(siteId, slotId)}/confirm?product=${productId}`, { product: productId, bookingKey });
    const localPath = (url: unknown) => {
      const u = new URL(String(url));
      return `${u.pathname}${u.search}`;
    };
    /** Book through the API (a quick way to fill seats and get a manage link). */
    const apiBook = (slotId: string, productId: string, givenName: string) =>
      api(app.url, null, 'POST', '/api/v1/bookings', {
        slotId,
        productId,
        dose: 1,
        person: { givenName, familyName: 'Other', birthDate: '1970-01-01', language: 'en', email: 'o@example.com' },
      });

    before(async () => {
      app = await startTestApp(engine, { RATE_LIMITS: 'off' });
      token = (
        await createApiToken(
          { name: 'setup', role: 'admin' },
          { db: app.tdb.db, now: Date.now, actor: systemActor('test') },
        )
      ).token;
      const p = await staffApi('POST', '/api/v1/programs', {
        name: { en: 'Flu shots', es: 'Vacuna contra la gripe' },
        preparation: { en: 'Wear short sleeves.', es: 'Use manga corta.' },
        bookingMode: 'open',
      });
      programId = String(p.body.id);
      single = String((await staffApi('POST', '/api/v1/products', { programId, name: 'Single', doses: 1 })).body.id);
      series = String(
        (
          await staffApi('POST', '/api/v1/products', {
            programId,
            name: 'Series',
            doses: 2,
            minDaysBetweenDoses: 21,
            maxDaysBetweenDoses: 28,
          })
        ).body.id,
      );
      adult = String(
        (await staffApi('POST', '/api/v1/products', { programId, name: 'Adult', doses: 1, minAgeYears: 18 })).body.id,
      );
      // Near ZIP 11201 (Brooklyn Heights): Brooklyn ~2 mi, Midtown ~4 mi, Albany ~135 mi; one site has no coordinates.
      site.midtown = await addSite('Midtown Clinic', {
        latitude: 40.75065,
        longitude: -73.997293,
        accessibility: ['wheelchair'],
        languages: ['en', 'es'],
      });
      site.brooklyn = await addSite('Brooklyn Center', {
        latitude: 40.6782,
        longitude: -73.9442,
        accessibility: ['parking'],
        languages: ['en', 'zh'],
        walkIns: true,
      });
      site.albany = await addSite('Albany Site', { latitude: 42.6526, longitude: -73.7562, accessibility: ['asl'] });
      site.nowhere = await addSite('Unmapped Hall', { accessibility: ['wheelchair'] });
      slot.happy = await addSlot(site.midtown, t0, 3);
      slot.last = await addSlot(site.midtown, t0 + HOUR, 1);
      slot.spare = await addSlot(site.midtown, t0 + 2 * HOUR, 5);
      slot.double = await addSlot(site.midtown, t0 + 3 * HOUR, 5);
      slot.later = await addSlot(site.midtown, t0 + 22 * DAY, 5);
      slot.brooklyn = await addSlot(site.brooklyn, t0 + HOUR, 2);
      slot.albany = await addSlot(site.albany, t0, 2);
      slot.nowhere = await addSlot(site.nowhere, t0, 2);
      slot.past = String(Date.now());
      await app.tdb.db.kysely
        .insertInto('slots')
        .values({
          id: slot.past,
          site_id: site.midtown,
          program_id: programId,
          starts_at: Date.now() - HOUR,
          ends_at: Date.now() - HOUR + 15 * 60_000,
          capacity: 5,
          booked: 0,
          status: 'open',
          created_at: Date.now(),
        })
        .execute();
    });
    after(() => app.close());

    it('the happy path books exactly one appointment, channel web, and confirms it with code, QR and calendar', async () => {
      const c = new TestClient(app.url);
      const home = await c.get('/');
      assert.match(home.text, /href="\/book"/);
      const programs = await c.get('/book');
      assert.equal(programs.status, 200);
      assert.match(programs.text, /Flu shots/);
      assert.match(programs.text, /usa-step-indicator/);
      const times = await c.get(`/book/${programId}/sites/${site.midtown}?product=${single}`);
      assert.equal(times.status, 200);
      assert.match(times.text, /3 left/);
      assert.ok(seatLinks(times.text).some((l) => l.includes(slot.happy ?? '')));
      const key = await upToReview(c, site.midtown, slot.happy ?? '', single);
      assert.ok(c.cookies.has('fd_booking'), 'details kept in the encrypted cookie');
      assert.ok(!(c.cookies.get('fd_booking') ?? '').includes('Ana'), 'the cookie is encrypted');
      const done = await confirm(c, site.midtown, slot.happy ?? '', single, key);
      assert.equal(done.status, 303, done.text.slice(0, 500));
      const rows = await bookings({ slotId: slot.happy ?? '' });
      assert.equal(rows.length, 1);
      assert.equal(rows[0]?.channel, 'web');
      assert.equal(done.location, `/my-appointment/${rows[0]?.id}/confirmation`);
      assert.ok(!c.cookies.has('fd_booking'), 'the details cookie is cleared once booked');
      const page = await c.get(done.location ?? '');
      assert.equal(page.status, 200);
      assert.match(page.text, new RegExp(rows[0]?.confirmation_code ?? 'x'));
      assert.match(page.text, /<svg[^>]*aria-hidden="true"/);
      assert.match(page.text, /Wear short sleeves\./);
      const ics = await c.get(`/my-appointment/${rows[0]?.id}/calendar.ics`);
      assert.equal(ics.status, 200);
      assert.match(ics.headers.get('content-type') ?? '', /text\/calendar/);
      assert.match(ics.text, /DTSTART;TZID=America\/New_York/);
    });

    it('the confirmation e-mail carries the manage link; opening it moves the token into a cookie', async () => {
      await app.built.runner.drain();
      const dir = path.join(app.tdb.dataDir, 'outbox');
      const mails = readdirSync(dir)
        .filter((f) => f.endsWith('.eml'))
        .map((f) =>
          readFileSync(path.join(dir, f), 'utf8')
            .replace(/=\r?\n/g, '')
            .replace(/=3D/g, '='),
        );
      const link = mails.map((m) => /\/my-appointment\/[0-9a-f-]+\?token=[A-Za-z0-9_-]+/.exec(m)?.[0]).find(Boolean);
      assert.ok(link, 'a manage link in the e-mail');
      const c = new TestClient(app.url);
      const opened = await c.get(link ?? '');
      assert.equal(opened.status, 303);
      assert.equal(opened.location, link?.split('?')[0]);
      assert.equal(opened.headers.get('referrer-policy'), 'no-referrer');
      assert.ok(c.cookies.has('fd_manage'));
      const page = await c.get(opened.location ?? '');
      assert.equal(page.status, 200);
      assert.match(page.text, /Cambiar fecha, hora o lugar|Change date, time or place/);
    });

    it('a double submit books once and both answers lead to the same confirmation', async () => {
      const c = new TestClient(app.url);
      const key = await upToReview(c, site.midtown, slot.double ?? '', single, { ...person, givenName: 'Doble' });
      const [a, b] = await Promise.all([
        confirm(c, site.midtown, slot.double ?? '', single, key),
        confirm(c, site.midtown, slot.double ?? '', single, key),
      ]);
      assert.equal(a.status, 303);
      assert.equal(b.status, 303);
      assert.equal(a.location, b.location);
      assert.equal((await bookings({ slotId: slot.double ?? '' })).length, 1);
      // Once more after the details cookie is gone: still the same answer, still one booking.
      const again = await confirm(c, site.midtown, slot.double ?? '', single, key);
      assert.equal(again.location, a.location);
      assert.equal((await bookings({ slotId: slot.double ?? '' })).length, 1);
    });

    it('a seat taken between choosing and confirming shows "just taken" with the nearest alternatives', async () => {
      const c = new TestClient(app.url);
      const key = await upToReview(c, site.midtown, slot.last ?? '', single, { ...person, givenName: 'Tarde' });
      assert.equal((await apiBook(slot.last ?? '', single, 'Quick')).status, 201);
      const r = await confirm(c, site.midtown, slot.last ?? '', single, key);
      assert.equal(r.status, 409);
      assert.match(r.text, /That time was just taken/);
      assert.doesNotMatch(r.text, /Something went wrong/);
      const links = seatLinks(r.text).map(unescape);
      assert.ok(
        links.some((l) => l.includes(`${slot.spare}/review?product=${single}`)),
        'same site, nearest time',
      );
      assert.ok(
        links.some((l) => l.includes(`${slot.brooklyn}/review`)),
        'a nearby site',
      );
      assert.ok(!links.some((l) => l.includes(slot.last ?? '')), 'not the taken seat');
      const names = (await bookings({ slotId: slot.last ?? '' })).length;
      assert.equal(names, 1, 'only the other person holds it');
      // The alternative is one click from the review page: the details were kept.
      const alt = await c.get(links.find((l) => l.includes(slot.spare ?? '')) ?? '');
      assert.equal(alt.status, 200);
      assert.match(alt.text, /Tarde/);
    });

    it('tampered, foreign and past seats are refused without booking anything', async () => {
      const c = new TestClient(app.url);
      const before = (await bookings()).length;
      const other = await staffApi('POST', '/api/v1/programs', { name: 'Other', bookingMode: 'open' });
      const foreign = String(
        (await staffApi('POST', '/api/v1/products', { programId: other.body.id, name: 'X', doses: 1 })).body.id,
      );
      assert.equal((await c.get(`${seatPath(site.midtown, slot.happy ?? '')}?product=${foreign}`)).status, 404);
      assert.equal((await c.get(`${seatPath(site.midtown, slot.brooklyn ?? '')}?product=${single}`)).status, 404);
      assert.equal((await c.get(`${seatPath(site.midtown, 'no-such-slot')}?product=${single}`)).status, 404);
      assert.equal((await c.get(seatPath(site.midtown, slot.happy ?? ''))).status, 404, 'no product');
      const past = await c.get(`${seatPath(site.midtown, slot.past ?? '')}?product=${single}`);
      assert.equal(past.status, 200);
      assert.match(past.text, /already passed/);
      const key = await upToReview(c, site.midtown, slot.spare ?? '', single, { ...person, givenName: 'Trampa' });
      const tampered = await c.post(`${seatPath(site.midtown, slot.spare ?? '')}/confirm`, {
        product: foreign,
        bookingKey: key,
      });
      assert.equal(tampered.status, 404);
      const pastConfirm = await confirm(c, site.midtown, slot.past ?? '', single, key);
      assert.notEqual(pastConfirm.status, 303);
      assert.equal((await bookings()).length, before);
    });

    it('details are checked on the server with translated errors, and too-young people are told why', async () => {
      const c = new TestClient(app.url);
      await c.get(`${seatPath(site.midtown, slot.spare ?? '')}?product=${single}&lang=es`);
      const r = await c.post(`${seatPath(site.midtown, slot.spare ?? '')}?product=${single}`, {
        ...person,
        givenName: '',
        birthMonth: '2',
        birthDay: '30',
        email: 'not-an-email',
      });
      assert.equal(r.status, 400);
      assert.match(r.text, /Escriba el nombre/);
      assert.match(r.text, /Escriba una fecha de nacimiento real/);
      assert.match(r.text, /Escriba un correo electrónico como/);
      assert.ok(!c.cookies.has('fd_booking'));
      const none = await c.post(`${seatPath(site.midtown, slot.spare ?? '')}?product=${single}`, {
        ...person,
        email: '',
      });
      assert.match(none.text, /Escriba un correo electrónico o un número de celular/);
      const child = await c.post(`${seatPath(site.midtown, slot.spare ?? '')}?product=${adult}`, {
        ...person,
        birthYear: String(new Date().getUTCFullYear() - 10),
      });
      assert.equal(child.status, 400);
      assert.match(child.text, /debe tener al menos 18 años/);
      assert.ok(!c.cookies.has('fd_booking'));
    });

    it('a person who already holds this dose is told how to manage it, and nothing more is booked', async () => {
      const c = new TestClient(app.url);
      const who = { ...person, givenName: 'Dos', familyName: 'Veces' };
      const first = await upToReview(c, site.midtown, slot.spare ?? '', single, who);
      assert.equal((await confirm(c, site.midtown, slot.spare ?? '', single, first)).status, 303);
      const second = await upToReview(c, site.brooklyn, slot.brooklyn ?? '', single, who);
      const r = await confirm(c, site.brooklyn, slot.brooklyn ?? '', single, second);
      assert.equal(r.status, 409);
      assert.match(r.text, /already has an appointment for this vaccine/);
      assert.match(r.text, /open the link in the confirmation/);
    });

    it('the ZIP search lists nearest first (unmapped sites last) and the filters narrow it', async () => {
      const c = new TestClient(app.url);
      const order = (html: string) =>
        [...html.matchAll(/<h3 class="usa-collection__heading">([^<]+)<\/h3>/g)].map((m) => m[1]);
      const near = await c.get(`/book/${programId}?zip=11201`);
      assert.equal(near.status, 200);
      assert.deepEqual(order(near.text), ['Brooklyn Center', 'Midtown Clinic', 'Albany Site', 'Unmapped Hall']);
      assert.match(near.text, /miles away/);
      const wheel = await c.get(`/book/${programId}?zip=11201&access=wheelchair`);
      assert.deepEqual(order(wheel.text), ['Midtown Clinic', 'Unmapped Hall']);
      const walk = await c.get(`/book/${programId}?zip=11201&walkIns=yes`);
      assert.deepEqual(order(walk.text), ['Brooklyn Center']);
      const zh = await c.get(`/book/${programId}?speaks=zh&access=parking`);
      assert.deepEqual(order(zh.text), ['Brooklyn Center']);
      const unknown = await c.get(`/book/${programId}?zip=00000&lang=es`);
      assert.equal(unknown.status, 400);
      assert.match(unknown.text, /No conocemos ese código postal/);
      const bad = await c.get(`/book/${programId}?zip=abc&lang=en`);
      assert.equal(bad.status, 400);
      assert.match(bad.text, /Enter a 5-digit ZIP code/);
    });

    it('manage: cancel frees the seat, the doses and the held dose 2 at once', async () => {
      const b = await apiBook(slot.spare ?? '', series, 'Cancela');
      assert.equal(b.status, 201, JSON.stringify(b.body));
      const manageUrl = String(b.body.manageUrl);
      assert.match(manageUrl, /\/my-appointment\/[0-9a-f-]+\?token=/);
      const id = String(b.body.id);
      const inv = () =>
        app.tdb.db.kysely
          .selectFrom('site_inventory')
          .select('reserved')
          .where('site_id', '=', site.midtown)
          .where('product_id', '=', series)
          .executeTakeFirstOrThrow();
      const seats = (slotId: string) =>
        app.tdb.db.kysely.selectFrom('slots').select('booked').where('id', '=', slotId).executeTakeFirstOrThrow();
      const reservedBefore = (await inv()).reserved;
      const laterBefore = (await seats(slot.later ?? '')).booked;
      const c = new TestClient(app.url);
      await c.get(localPath(manageUrl));
      const ask = await c.get(`/my-appointment/${id}/cancel`);
      assert.equal(ask.status, 200);
      assert.match(ask.text, /next dose will be released too/);
      const r = await c.post(`/my-appointment/${id}/cancel`, {});
      assert.equal(r.location, `/my-appointment/${id}?done=cancelled&released=1`);
      assert.equal((await inv()).reserved, reservedBefore - 2);
      assert.equal((await seats(slot.later ?? '')).booked, laterBefore - 1);
      const page = await c.get(r.location ?? '');
      assert.match(page.text, /released too/);
      assert.match(page.text, /This appointment is cancelled/);
    });

    it('manage: moving holds the new seat and frees the old one, same code', async () => {
      const b = await apiBook(slot.spare ?? '', single, 'Mueve');
      const id = String(b.body.id);
      const c = new TestClient(app.url);
      await c.get(localPath(b.body.manageUrl));
      const start = await c.get(`/my-appointment/${id}/reschedule`);
      assert.equal(start.location, `/my-appointment/${id}/reschedule/sites/${site.midtown}`);
      const other = await c.get(`/my-appointment/${id}/reschedule/sites/${site.brooklyn}`);
      const link = seatLinks(other.text).find((l) => l.includes(slot.brooklyn ?? ''));
      assert.ok(link);
      const review = await c.get(link ?? '');
      assert.equal(review.status, 200);
      const moved = await c.post(link ?? '', { bookingKey: keyOf(review.text) });
      assert.equal(moved.location, `/my-appointment/${id}?done=moved`);
      const row = await app.tdb.db.kysely.selectFrom('bookings').selectAll().where('id', '=', id).executeTakeFirst();
      assert.equal(row?.slot_id, slot.brooklyn);
      assert.equal(row?.confirmation_code, b.body.confirmationCode);
    });

    it('a wrong or missing token gets a translated 403, an unknown booking a 404', async () => {
      const b = await apiBook(slot.spare ?? '', single, 'Token');
      const id = String(b.body.id);
      const c = new TestClient(app.url);
      const wrong = await c.get(`/my-appointment/${id}?token=nope&lang=es`);
      assert.equal(wrong.status, 403);
      assert.match(wrong.text, /Este enlace no funciona/);
      assert.ok(!c.cookies.has('fd_manage'));
      assert.equal((await c.get(`/my-appointment/${id}`)).status, 403);
      assert.equal((await c.post(`/my-appointment/${id}/cancel`, {})).status, 403);
      assert.equal((await c.get(`/my-appointment/${id}/calendar.ics`)).status, 403);
      assert.equal((await c.get('/my-appointment/00000000-0000-0000-0000-000000000000')).status, 404);
      assert.equal((await bookings()).filter((x) => x.id === id).length, 1, 'still booked');
    });

    it('a call agent books for a caller through the same steps: channel phone, audited', async () => {
      const u = await createUserWithOneTimePassword(
        { email: 'agent@county.example', displayName: 'Agent', role: 'call-agent' },
        { db: app.tdb.db, now: Date.now, actor: systemActor('test') },
      );
      assert.ok(u.ok);
      const agent = await signedInClient(app.url, 'agent@county.example', u.oneTimePassword);
      await agent.get('/staff/account/password');
      await agent.post('/staff/account/password', {
        current: u.oneTimePassword,
        password: 'a long enough password',
        confirm: 'a long enough password',
      });
      const start = await agent.get('/staff/book');
      assert.equal(start.status, 200);
      assert.match(start.text, /booking for a caller/);
      const base = `/staff/book/${programId}/sites/${site.albany}/slots/${slot.albany}`;
      await agent.get(`${base}?product=${single}`);
      const posted = await agent.post(`${base}?product=${single}`, {
        ...person,
        givenName: 'Caller',
        email: '',
        phone: '',
      });
      assert.equal(posted.status, 303, 'no contact is fine for staff');
      const review = await agent.get(posted.location ?? '');
      const done = await agent.post(`${base}/confirm`, { product: single, bookingKey: keyOf(review.text) });
      assert.equal(done.status, 303);
      const rows = await bookings({ slotId: slot.albany ?? '' });
      assert.equal(rows.length, 1);
      assert.equal(rows[0]?.channel, 'phone');
      assert.equal(done.location, `/staff/book/confirmation/${rows[0]?.id}`);
      const audit = await app.tdb.db.kysely
        .selectFrom('audit_log')
        .select(['action', 'actor_label'])
        .where('subject_id', '=', rows[0]?.id ?? '')
        .where('action', '=', 'appointments.booking.created')
        .execute();
      assert.deepEqual(audit, [{ action: 'appointments.booking.created', actor_label: 'agent@county.example' }]);
      const page = await agent.get(done.location ?? '');
      assert.equal(page.status, 200);
      assert.match(page.text, new RegExp(rows[0]?.confirmation_code ?? 'x'));
      // Moving and cancelling for the caller: same steps, channel phone, audited under the agent's name.
      const id = rows[0]?.id ?? '';
      const move = await agent.get(`/staff/book/reschedule/${id}`);
      assert.equal(move.location, `/staff/book/reschedule/${id}/sites/${site.albany}`);
      const target = `/staff/book/reschedule/${id}/sites/${site.nowhere}/slots/${slot.nowhere}`;
      const moveReview = await agent.get(target);
      assert.equal(moveReview.status, 200);
      const moved = await agent.post(target, { bookingKey: keyOf(moveReview.text) });
      assert.equal(moved.location, `/staff/book/manage/${id}?done=moved`);
      await agent.get(`/staff/book/cancel/${id}`);
      const cancelled = await agent.post(`/staff/book/cancel/${id}`, {});
      assert.equal(cancelled.location, `/staff/book/manage/${id}?done=cancelled&released=0`);
      const trail = await app.tdb.db.kysely
        .selectFrom('audit_log')
        .select(['action', 'actor_label', 'details'])
        .where('subject_id', '=', id)
        .orderBy('id')
        .execute();
      const actions = trail.map((a) => a.action);
      for (const a of ['appointments.booking.rescheduled', 'appointments.booking.cancelled'])
        assert.ok(actions.includes(a), `${a} in ${actions.join(', ')}`);
      assert.ok(actions.includes('appointments.booking.viewed'), 'staff reads of the booking are audited');
      assert.ok(trail.every((a) => a.actor_label === 'agent@county.example'));
      assert.match(trail.find((a) => a.action === 'appointments.booking.rescheduled')?.details ?? '', /"phone"/);
      // Residents cannot use the staff steps.
      const anon = await new TestClient(app.url).get('/staff/book');
      assert.equal(anon.status, 303);
    });
  });

  describe(`booking pages under a rate limit (${engine})`, { skip }, () => {
    let app: TestApp;
    before(async () => {
      app = await startTestApp(engine, { RATE_LIMITS: 'on', BOOKING_RATE_PER_MINUTE: '1' });
    });
    after(() => app.close());

    it('the confirm button shares BOOKING_RATE_PER_MINUTE and answers a translated 429 page', async () => {
      const c = new TestClient(app.url);
      await c.get('/staff/sign-in?lang=es'); // any page with a form: the CSRF token
      const path = '/book/p/sites/s/slots/x/confirm?product=y';
      const form = { product: 'y', bookingKey: 'k'.repeat(20) };
      const first = await c.post(path, form);
      assert.equal(first.status, 404, 'within the limit: an unknown seat');
      const second = await c.post(path, form);
      assert.equal(second.status, 429);
      assert.match(second.text, /Demasiados intentos/);
    });
  });
}

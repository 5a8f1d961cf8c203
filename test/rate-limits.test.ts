/**
 * Load hygiene: booking, pre-registration, answering an invitation and staff sign-in are limited per client address
 * and per person. Over a limit the answer is 429 with Retry-After — a translated page, or JSON under /api — and
 * other addresses and other people carry on.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTestApp, TestClient, type Answer, type TestApp } from './support/app.js';
import { engines } from './support/db.js';

const person = (givenName: string) => ({ givenName, familyName: 'Rivera', birthDate: '1980-02-03', language: 'en' });

async function postJson(base: string, path: string, body: unknown, ip: string) {
  const res = await fetch(base + path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': ip, 'accept-language': 'es' },
    body: JSON.stringify(body),
  });
  return { status: res.status, headers: res.headers, body: (await res.json()) as Record<string, unknown> };
}

/** A browser at `ip` holding a CSRF token (any page with a form gives one). */
async function browserAt(base: string, ip: string, lang = 'es'): Promise<TestClient> {
  const c = new TestClient(base, { 'x-forwarded-for': ip });
  await c.get(`/staff/sign-in?lang=${lang}`);
  return c;
}

function assertTooManyPage(a: Answer | undefined, lang: 'en' | 'es'): void {
  assert.ok(a);
  assert.equal(a.status, 429);
  assert.ok(Number(a.headers.get('retry-after')) > 0, 'Retry-After says when to come back');
  assert.match(a.headers.get('content-type') ?? '', /text\/html/);
  assert.match(a.text, new RegExp(`<html lang="${lang}"`));
  assert.match(a.text, lang === 'es' ? /Demasiados intentos/ : /Too many tries/);
  assert.match(a.text, lang === 'es' ? /No se cambió nada/ : /Nothing was changed/);
  assert.match(a.text, /usa-prose/, 'the USWDS layout');
}

for (const { engine, skip } of engines()) {
  describe(`rate limits (${engine})`, { skip }, () => {
    let app: TestApp;
    before(async () => {
      app = await startTestApp(engine, {
        TRUST_PROXY: 'true',
        RATE_LIMITS: 'on',
        BOOKING_RATE_PER_MINUTE: '3',
        BOOKING_RATE_PER_PERSON_PER_HOUR: '2',
        PREREGISTRATION_RATE_PER_MINUTE: '3',
        PREREGISTRATION_RATE_PER_PERSON_PER_HOUR: '2',
        INVITATION_RATE_PER_MINUTE: '3',
        INVITATION_RATE_PER_PERSON_PER_HOUR: '2',
        SIGN_IN_RATE_PER_MINUTE: '3',
        SIGN_IN_RATE_PER_PERSON_PER_HOUR: '2',
      });
    });
    after(() => app.close());

    it('the booking API: per address, then per person; JSON 429 with Retry-After; others unaffected', async () => {
      const body = (name: string) => ({ slotId: 'none', productId: 'none', dose: 1, person: person(name) });
      const fromA = [];
      for (const name of ['Ana', 'Bea', 'Cy', 'Dee'])
        fromA.push(await postJson(app.url, '/api/v1/bookings', body(name), '10.0.0.1'));
      assert.deepEqual(
        fromA.map((a) => a.status),
        [404, 404, 404, 429],
      );
      const limited = fromA[3];
      assert.ok(Number(limited?.headers.get('retry-after')) > 0);
      assert.deepEqual(limited?.body, {
        error: { code: 'too_many_requests', message: 'Demasiadas solicitudes. Inténtelo más tarde.' },
      });
      assert.equal((await postJson(app.url, '/api/v1/bookings', body('Eve'), '10.0.0.2')).status, 404, 'other address');

      // One person from three addresses: the third try is refused, someone else from the same address is not.
      const same = [];
      for (const ip of ['10.0.1.1', '10.0.1.2', '10.0.1.3'])
        same.push((await postJson(app.url, '/api/v1/bookings', body('Flor'), ip)).status);
      assert.deepEqual(same, [404, 404, 429]);
      const spelled = await postJson(app.url, '/api/v1/bookings', body('  FLOR '), '10.0.1.4');
      assert.equal(spelled.status, 429, 'the person is recognised whatever the case and spacing');
      assert.equal((await postJson(app.url, '/api/v1/bookings', body('Gil'), '10.0.1.3')).status, 404, 'other person');
    });

    it('the resident confirm button counts with the API and answers the translated page', async () => {
      const c = await browserAt(app.url, '10.0.2.1');
      const path = '/book/p/sites/s/slots/x/confirm?product=y';
      const form = { product: 'y', bookingKey: 'k'.repeat(20) };
      const answers: Answer[] = [];
      for (let i = 0; i < 3; i++) answers.push(await c.post(path, form));
      assert.deepEqual(
        answers.map((a) => a.status),
        [404, 404, 404],
      );
      assertTooManyPage(await c.post(path, form), 'es');
      assert.equal(
        (await postJson(app.url, '/api/v1/bookings', { slotId: 'x', person: person('Hal') }, '10.0.2.1')).status,
        429,
        'the API shares the booking counter of this address',
      );
    });

    it('pre-registration: per address and per person (name + birth date)', async () => {
      const fields = (givenName: string) => ({
        givenName,
        familyName: 'Ortiz',
        birthYear: '1950',
        birthMonth: '4',
        birthDay: '9',
        language: 'en',
      });
      const c = await browserAt(app.url, '10.0.3.1', 'en');
      const statuses = [];
      for (const name of ['Ivy', 'Jo', 'Kim'])
        statuses.push((await c.post('/preregister/none/register', fields(name))).status);
      assert.deepEqual(statuses, [404, 404, 404]);
      assertTooManyPage(await c.post('/preregister/none/register', fields('Lu')), 'en');

      const perPerson = [];
      for (const ip of ['10.0.4.1', '10.0.4.2', '10.0.4.3']) {
        const b = await browserAt(app.url, ip);
        perPerson.push(await b.post('/preregister/none/register', fields('Mo')));
      }
      assert.deepEqual(
        perPerson.slice(0, 2).map((a) => a.status),
        [404, 404],
      );
      assertTooManyPage(perPerson[2], 'es');
      const other = await browserAt(app.url, '10.0.4.3');
      assert.equal((await other.post('/preregister/none/register', fields('Ned'))).status, 404, 'other person');
    });

    it('answering an invitation: per address and per invitation', async () => {
      const answer = { answer: 'decline', birthYear: '1950', birthMonth: '4', birthDay: '9' };
      const at = async (ip: string, token: string) => {
        const b = await browserAt(app.url, ip);
        b.cookies.set('fd_invite', token);
        return b;
      };
      const c = await at('10.0.5.1', 'token-one');
      const statuses = [];
      for (let i = 0; i < 2; i++) statuses.push((await c.post('/invite', answer)).status);
      assert.deepEqual(statuses, [410, 410], 'an unknown invitation is gone');
      assertTooManyPage(await c.post('/invite', answer), 'es');
      assert.equal((await (await at('10.0.5.2', 'token-two')).post('/invite', answer)).status, 410, 'other person');
      // The same invitation from other addresses stays refused for the hour.
      assertTooManyPage(await (await at('10.0.5.9', 'token-one')).post('/invite', answer), 'es');
      const fresh = await at('10.0.6.1', 'token-three');
      for (let i = 0; i < 2; i++) await fresh.post('/invite', answer);
      fresh.cookies.set('fd_invite', 'token-four');
      assert.equal((await fresh.post('/invite', answer)).status, 410);
      assertTooManyPage(await fresh.post('/invite', answer), 'es');
    });

    it('staff sign-in: per address and per e-mail address', async () => {
      const tries = (email: string) => ({ email, password: 'not-the-password' });
      const perEmail = [];
      for (const ip of ['10.0.7.1', '10.0.7.2', '10.0.7.3']) {
        const b = await browserAt(app.url, ip, 'en');
        perEmail.push(await b.post('/staff/sign-in', tries('Someone@County.example')));
      }
      assert.deepEqual(
        perEmail.slice(0, 2).map((a) => a.status),
        [400, 400],
      );
      assertTooManyPage(perEmail[2], 'en');
      const b = await browserAt(app.url, '10.0.7.3', 'en');
      assert.equal((await b.post('/staff/sign-in', tries('other@county.example'))).status, 400, 'other person');
      assertTooManyPage(await b.post('/staff/sign-in', tries('someone@county.example ')), 'en');
      const perIp = await browserAt(app.url, '10.0.8.1', 'en');
      const statuses = [];
      for (const n of [1, 2, 3])
        statuses.push((await perIp.post('/staff/sign-in', tries(`p${n}@county.example`))).status);
      assert.deepEqual(statuses, [400, 400, 400]);
      assertTooManyPage(await perIp.post('/staff/sign-in', tries('p4@county.example')), 'en');
    });
  });
}

describe('rate limits off', () => {
  it('RATE_LIMITS=off lets every try through', async () => {
    const app = await startTestApp('sqlite', { RATE_LIMITS: 'off', BOOKING_RATE_PER_MINUTE: '1' });
    try {
      const statuses = [];
      for (let i = 0; i < 3; i++)
        statuses.push(
          (await postJson(app.url, '/api/v1/bookings', { slotId: 'x', person: person('Ola') }, '1.1.1.1')).status,
        );
      assert.deepEqual(statuses, [400, 400, 400]);
    } finally {
      await app.close();
    }
  });
});

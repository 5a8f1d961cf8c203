/**
 * The county's phone line and hours (AGENCY_PHONE, AGENCY_HOURS) on every resident page, error pages, pages that
 * say "call us", and every message; absolute links in messages built from PUBLIC_URL with its scheme, port and path.
 * SQLite only: nothing here depends on the engine.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { bookAppointment, cancelBooking } from '../src/appointments/index.js';
import { systemActor } from '../src/platform/audit/index.js';
import { startTestApp, type TestApp } from './support/app.js';
import { catalog } from './support/catalog-fixtures.js';

const T0 = Date.UTC(2026, 5, 1, 14);
const DAY = 86_400_000;

describe('the county phone line, everywhere a person may need it', () => {
  let app: TestApp;
  before(async () => {
    app = await startTestApp(
      'sqlite',
      {
        AGENCY_PHONE: '+1 617 555 0100',
        AGENCY_HOURS: 'Mo-Fr 08:00-17:00',
        PUBLIC_URL: 'https://county.example:8443/services',
        QUIET_HOURS: '0-0',
      },
      { now: () => T0 },
    );
  });
  after(() => app.close());
  const get = async (path: string) => {
    const r = await fetch(app.url + path);
    return { status: r.status, text: await r.text() };
  };

  it('every page’s footer gives the number (a tel: link) and the hours, in the page’s language', async () => {
    for (const path of ['/', '/book', '/staff/sign-in']) {
      const { text } = await get(path);
      assert.match(text, /href="tel:\+16175550100"/, path);
      assert.match(text, /\(617\) 555-0100/, path);
      assert.match(text, /Monday to Friday, 8:00\s?AM – 5:00\s?PM/u, path);
    }
    assert.match((await get('/?lang=es')).text, /de lunes a viernes, de 8:00 a 17:00/);
  });

  it('error pages and pages that say "call us" give the number', async () => {
    const missing = await get('/no-such-page');
    assert.equal(missing.status, 404);
    assert.match(missing.text, /href="tel:\+16175550100"/);
    const unknown = await get('/my-appointment/00000000-0000-4000-8000-000000000000');
    assert.equal(unknown.status, 404);
    assert.match(unknown.text, /call us at \(617\) 555-0100 and we will help/);
    const es = await get('/my-appointment/00000000-0000-4000-8000-000000000000?lang=es');
    assert.match(es.text, /llámenos al \(617\) 555-0100/);
  });

  it('messages give the number, and "book again" keeps PUBLIC_URL’s scheme, port and path', async () => {
    const deps = app.built.deps;
    const c = catalog({ db: app.tdb.db, now: () => T0 });
    const program = await c.program('open');
    const product = await c.product(program);
    const site = await c.site({ doses: { [product]: 5 } });
    const slot = await c.slot(site, program, T0 + 2 * DAY, 5);
    const booked = await bookAppointment(deps, {
      slotId: slot,
      productId: product,
      dose: 1,
      person: {
        givenName: 'Ana',
        familyName: 'Lima',
        birthDate: '1980-01-01',
        email: 'ana@example.com',
        phone: '+16175550123',
        language: 'en',
      },
      channel: 'web',
    });
    await cancelBooking(booked.id, { ...deps, actor: systemActor('test') });
    const rows = await app.tdb.db.kysely.selectFrom('messages').select(['type', 'channel', 'content_enc']).execute();
    const content = (type: string, channel: string) => {
      const row = rows.find((r) => r.type === type && r.channel === channel);
      assert.ok(row, `${type} ${channel}`);
      return JSON.parse(deps.cipher.decrypt(row.content_enc, 'message.content')) as {
        text?: string;
        html?: string;
        sms?: string;
      };
    };
    const email = content('appointments.cancelled', 'email');
    assert.match(email.text ?? '', /https:\/\/county\.example:8443\/services\/book/);
    assert.match(email.text ?? '', /Call \(617\) 555-0100, Monday to Friday/);
    assert.match(email.html ?? '', /href="tel:\+16175550100"/);
    assert.match(content('appointments.confirmation', 'email').text ?? '', /\(617\) 555-0100/);
    const sms = content('appointments.cancelled', 'sms');
    assert.match(JSON.stringify(sms), /\(617\) 555-0100/);
  });
});

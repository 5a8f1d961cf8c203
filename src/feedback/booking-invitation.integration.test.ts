/**
 * The on-page survey invitation after booking, over HTTP on both engines, the way a browser without JavaScript
 * books: the resident confirmation page invites to a survey link issued for that booking (the same link on every
 * reload, in the page's language), the link counts as a survey offered for the web channel in the A-11 export,
 * and nothing is offered when the program's booking trigger is off.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTestApp, TestClient, type TestApp } from '../../test/support/app.js';
import { engines } from '../../test/support/db.js';
import { DAY, HOUR, inventoryFixture, type Fixture } from '../../test/support/inventory-fixture.js';
import { systemActor } from '../platform/audit/index.js';
import { a11ExportRows, quarterOf } from './exports.js';
import { saveSettings } from './survey-settings.js';

const person = (language: 'en' | 'es', n: number) => ({
  forWhom: 'self',
  givenName: `Ana${n}`,
  familyName: 'García',
  birthMonth: '4',
  birthDay: '28',
  birthYear: '1986',
  email: `ana${n}@example.com`,
  phone: '',
  language,
});

const INVITE = { en: /Tell us how booking went/, es: /Díganos cómo le fue al reservar/ };
const surveyHref = (html: string) => /href="(\/feedback\/s\/[^"?]+\?lang=\w\w)"/.exec(html)?.[1] ?? null;

for (const { engine, skip } of engines()) {
  describe(`survey invitation on the booking confirmation (${engine})`, { skip }, () => {
    let app: TestApp;
    let fx: Fixture;
    let siteId = '';
    let booked = 0;
    const deps = () => app.built.deps;

    /** Book a seat through the resident pages; returns the client and the confirmation page's path. */
    async function bookOnline(language: 'en' | 'es') {
      const c = new TestClient(app.url);
      await c.get(`/?lang=${language}`);
      const slotId = await fx.slot(siteId, Date.now() + 2 * DAY + booked * HOUR, 5);
      const seat = `/book/${fx.programId}/sites/${siteId}/slots/${slotId}`;
      const product = `?product=${fx.productId}`;
      assert.equal((await c.get(`${seat}${product}`)).status, 200);
      const details = await c.post(`${seat}${product}`, person(language, booked++));
      assert.equal(details.status, 303, details.text.slice(0, 500));
      const review = await c.get(details.location ?? '');
      const bookingKey = /name="bookingKey" value="([^"]+)"/.exec(review.text)?.[1] ?? '';
      const done = await c.post(`${seat}/confirm${product}`, { product: fx.productId, bookingKey });
      assert.equal(done.status, 303, done.text.slice(0, 500));
      assert.match(done.location ?? '', /^\/my-appointment\/[\w-]+\/confirmation$/);
      return { c, confirmation: done.location ?? '' };
    }
    const exportRow = async () => {
      const rows = await a11ExportRows(deps(), quarterOf(Date.now(), deps().config.agencyTimeZone));
      const header = rows[0] ?? [];
      const row = rows.find((r) => r[2] === fx.programId && r[3] === 'web');
      return (name: string) => row?.[header.indexOf(name)];
    };

    before(async () => {
      app = await startTestApp(engine);
      fx = await inventoryFixture(deps());
      siteId = await fx.site('Invitation Clinic', 100);
    });
    after(() => app.close());

    for (const language of ['en', 'es'] as const)
      it(`the confirmation page invites to one stable survey link in ${language}`, async () => {
        const before = await exportRow();
        const offeredBefore = Number(before('surveys_offered') ?? 0);
        const { c, confirmation } = await bookOnline(language);
        const page = await c.get(confirmation);
        assert.equal(page.status, 200);
        assert.match(page.text, INVITE[language]);
        const href = surveyHref(page.text);
        assert.ok(href, 'the invitation links to a survey');
        assert.ok(href.endsWith(`?lang=${language}`));
        assert.equal(surveyHref((await c.get(confirmation)).text), href, 'a reload shows the same link');
        const after = await exportRow();
        assert.equal(after('surveys_offered'), offeredBefore + 1, 'counted once as offered on the web channel');
        const survey = await c.get(href);
        assert.equal(survey.status, 200);
        const answered = await c.post(href.split('?')[0] ?? '', { trust: '4' });
        assert.equal(answered.status, 303);
        const stored = await app.tdb.db.kysely
          .selectFrom('feedback_responses')
          .select(['origin', 'channel', 'language', 'program_id', 'site_id'])
          .where('origin', '=', 'booking')
          .where('language', '=', language)
          .execute();
        assert.deepEqual(stored, [
          { origin: 'booking', channel: 'web', language, program_id: fx.programId, site_id: siteId },
        ]);
        const again = await c.get(confirmation);
        assert.equal(again.status, 200);
        assert.doesNotMatch(again.text, INVITE[language], 'no invitation once answered');
      });

    it('nothing is offered when the program turns its booking trigger off', async () => {
      await saveSettings(
        fx.programId,
        {
          form: 'a11',
          trustWordingEn: null,
          trustWordingEs: null,
          triggerVisit: true,
          triggerCancellation: true,
          triggerBooking: false,
        },
        { db: deps().db, now: Date.now, actor: systemActor('test') },
      );
      const offered = await app.tdb.db.kysely.selectFrom('feedback_invitations').select('id').execute();
      const { c, confirmation } = await bookOnline('en');
      const page = await c.get(confirmation);
      assert.equal(page.status, 200);
      assert.match(page.text, /usa-alert--success/);
      assert.doesNotMatch(page.text, INVITE.en);
      assert.equal(surveyHref(page.text), null);
      const now = await app.tdb.db.kysely.selectFrom('feedback_invitations').select('id').execute();
      assert.equal(now.length, offered.length);
    });
  });
}

/**
 * The demo seed on both engines: an invitation program with 1,000 pre-registrants beside the open program (still
 * bookable at /book), and a matching run that invites for its seats.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTestApp, TestClient, type TestApp } from '../../test/support/app.js';
import { engines } from '../../test/support/db.js';
import { runMatching } from './index.js';

for (const { engine, skip } of engines()) {
  describe(`pre-registration demo seed (${engine})`, { skip }, () => {
    let app: TestApp;
    before(async () => {
      app = await startTestApp(engine, { SEED_DEMO: 'true' });
    });
    after(() => app.close());

    it('seeds 1,000 pre-registrants for an invitation program; the open program stays bookable', async () => {
      const db = app.tdb.db.kysely;
      const settings = await db.selectFrom('prereg_settings').select('program_id').execute();
      assert.equal(settings.length, 1);
      const programId = settings[0]?.program_id ?? assert.fail();
      const program = await db
        .selectFrom('programs')
        .select('booking_mode')
        .where('id', '=', programId)
        .executeTakeFirstOrThrow();
      assert.equal(program.booking_mode, 'invitation');
      const n = await db
        .selectFrom('prereg_registrants')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      assert.equal(Number(n.n), 1000);
      const book = await new TestClient(app.url).get('/book');
      assert.match(book.text, /COVID-19/);
      assert.doesNotMatch(book.text, /by invitation/);
      const run = await runMatching(app.built.deps, { programId, trigger: 'test' });
      assert.ok(run.invited > 0 && run.invited <= 60, `invited ${run.invited}`);
    });
  });
}

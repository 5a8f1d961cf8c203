/**
 * A pre-registrant's needs on both engines: stored only encrypted, yet matching still sends a person who needs a
 * wheelchair and an interpreter to the site that has both, and the list export still shows the needs.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTestApp, type TestApp } from '../../test/support/app.js';
import { catalog } from '../../test/support/catalog-fixtures.js';
import { engines } from '../../test/support/db.js';
import { systemActor } from '../platform/audit/index.js';
import { exportRegistrants } from './lists/export-csv.js';
import { addGroup, addPhase, preRegister, runMatching, saveSettings, setPhase } from './index.js';

const DAY = 86_400_000;

for (const { engine, skip } of engines()) {
  describe(`pre-registration needs at rest (${engine})`, { skip }, () => {
    let app: TestApp;
    const clock = Date.UTC(2030, 0, 7, 15);
    const deps = () => ({ ...app.built.deps, actor: systemActor('test') });
    const db = () => app.tdb.db.kysely;
    before(async () => {
      app = await startTestApp(engine, {}, { now: () => clock });
    });
    after(() => app.close());

    it('are encrypted, and matching and the export still honour them', async () => {
      const c = catalog(deps());
      const program = await c.program('invitation');
      const product = await c.product(program);
      // The plain site is listed first and is just as near: only the needs send the person elsewhere.
      const plain = await c.site({ doses: { [product]: 10 }, postalCode: '02108' });
      const equipped = await c.site({
        doses: { [product]: 10 },
        postalCode: '02108',
        accessibility: ['wheelchair'],
        languages: ['en', 'ti'],
      });
      await c.slot(plain, program, clock + 2 * DAY, 5);
      const equippedSlot = await c.slot(equipped, program, clock + 3 * DAY, 5);
      await saveSettings(
        program,
        {
          minAge: 16,
          referenceDate: '2030-01-01',
          zips: [],
          counties: [],
          holdHours: 24,
          horizonDays: 14,
          smsYes: false,
          productId: product,
        },
        deps(),
      );
      const phase = await addPhase(program, { nameEn: 'Phase 1', nameEs: 'Fase 1' }, deps());
      await addGroup(
        program,
        { phaseId: phase, nameEn: 'All', nameEs: 'Todos', questionEn: '', questionEs: '', minAge: null },
        deps(),
      );
      await setPhase(program, phase, 'open', deps());
      const r = await preRegister(
        deps(),
        program,
        {
          birthDate: '1950-03-04',
          zip: '02109',
          county: undefined,
          yes: [],
          forWhom: 'self',
          givenName: 'Needs',
          familyName: 'Person',
          email: 'needs@example.com',
          phone: undefined,
          callMe: false,
          language: 'en',
          needs: ['wheelchair'],
          languageNeed: 'ti',
          maxMiles: 25,
          preferredSites: [],
          unavailable: [],
        },
        'web',
      );
      assert.ok(r.ok);

      const row = await db()
        .selectFrom('prereg_registrants')
        .select(['needs_enc', 'language_need_enc'])
        .where('id', '=', r.id)
        .executeTakeFirstOrThrow();
      assert.match(row.needs_enc, /^fd1\./);
      assert.match(row.language_need_enc ?? '', /^fd1\./);
      assert.ok(!JSON.stringify(row).includes('wheelchair'), 'no need in plain text');

      const run = await runMatching(app.built.deps, { programId: program, trigger: 'manual' });
      assert.equal(run.invited, 1);
      const held = await db()
        .selectFrom('prereg_invitations as i')
        .innerJoin('prereg_offers as o', 'o.invitation_id', 'i.id')
        .innerJoin('seat_hold_seats as s', 's.hold_id', 'o.hold_id')
        .select('s.slot_id')
        .where('i.registrant_id', '=', r.id)
        .execute();
      assert.deepEqual(
        held.map((h) => h.slot_id),
        [equippedSlot],
        'the seat is at the site with a wheelchair ramp and a Tigrinya interpreter',
      );

      const { csv } = await exportRegistrants(deps(), program);
      assert.match(csv, /wheelchair/);
    });
  });
}

/**
 * Pre-registrations are found again by a keyed hash of name, birth date and contact. Indexes written before the
 * name key kept every script (migration 0025 marks them) are recomputed at start: afterwards the same person
 * registering again is merged into their first registration, as before.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTestApp, type TestApp } from '../../test/support/app.js';
import { catalog } from '../../test/support/catalog-fixtures.js';
import { engines } from '../../test/support/db.js';
import { systemActor } from '../platform/audit/index.js';
import { addGroup, addPhase, preRegister, saveSettings, setPhase } from './index.js';
import { registrantIndex, reindexRegistrants } from './register.js';

for (const { engine, skip } of engines()) {
  describe(`pre-registration identity indexes of the old kind (${engine})`, { skip }, () => {
    let app: TestApp;
    const clock = Date.UTC(2030, 0, 7, 15);
    const deps = () => ({ ...app.built.deps, actor: systemActor('test') });
    const db = () => app.tdb.db.kysely;
    before(async () => {
      app = await startTestApp(engine, {}, { now: () => clock });
    });
    after(() => app.close());

    it('are recomputed at start, and the person is merged again when registering twice', async () => {
      const c = catalog(deps());
      const program = await c.program('invitation');
      const product = await c.product(program);
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
      const person = {
        birthDate: '1950-03-04',
        zip: '02109',
        county: undefined,
        yes: [],
        forWhom: 'self' as const,
        givenName: 'أحمد',
        familyName: 'الحسن',
        email: 'ahmad@example.com',
        phone: undefined,
        callMe: false,
        language: 'en' as const,
        needs: [],
        languageNeed: undefined,
        maxMiles: 25,
        preferredSites: [],
        unavailable: [],
      };
      const first = await preRegister(deps(), program, person, 'web');
      assert.ok(first.ok);
      // As an earlier version left it: an index over the name reduced to a-z0-9, marked by migration 0025.
      await db()
        .updateTable('prereg_registrants')
        .set({ identity_index: 'old-kind', identity_version: 1 })
        .where('id', '=', first.id)
        .execute();

      assert.equal(await reindexRegistrants(app.built.deps), 1);
      const row = await db()
        .selectFrom('prereg_registrants')
        .select(['identity_index', 'identity_version'])
        .where('id', '=', first.id)
        .executeTakeFirstOrThrow();
      assert.deepEqual(row, { identity_index: registrantIndex(app.built.deps.cipher, person), identity_version: 2 });

      const again = await preRegister(deps(), program, person, 'web');
      assert.ok(again.ok);
      assert.equal(again.id, first.id);
      assert.equal(again.merged, true);
    });
  });
}

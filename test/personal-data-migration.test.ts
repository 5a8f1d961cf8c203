/**
 * Migration 0022 over data, on both engines: rows an earlier version kept in plain text (survey comments and custom
 * answers, the pulse's free text, pre-registrants' needs) are marked by the migration and encrypted at the next
 * start, reading back exactly as written — even a comment that looks like a ciphertext; old idempotency answers and
 * stuck reservations are gone.
 */
import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { sql } from 'kysely';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config/env.js';
import { openPulse, openResponse } from '../src/feedback/sealed-text.js';
import { createFieldCipher, generateKeyringSpec, parseKeyring } from '../src/platform/crypto/index.js';
import { migrateTo, runMigrations } from '../src/platform/db/index.js';
import { openNeeds } from '../src/preregistration/sealed-needs.js';
import { createTestDatabase, engines, type TestDatabase } from './support/db.js';

const LOOKS_SEALED = 'fd1.k1.not.really.encrypted';
// The key the app is started with, so the names written below are real ciphertexts (as every earlier version wrote).
const KEYRING = generateKeyringSpec();
const seal = (value: string, field: string) => createFieldCipher(parseKeyring(KEYRING)).encrypt(value, field);

for (const { engine, skip } of engines()) {
  describe(`migration 0022: personal data at rest (${engine})`, { skip }, () => {
    let tdb: TestDatabase | undefined;
    afterEach(() => tdb?.cleanup());

    /** Rows as the version before 0022 wrote them (plain SQL: today's table types name the new columns). */
    async function before0022(t: TestDatabase) {
      await migrateTo(t.db, '0020-one-person-per-identity');
      const run = (q: ReturnType<typeof sql>) => q.execute(t.db.kysely);
      await run(sql`insert into programs (id, name_en, name_es, description_en, description_es, preparation_en,
        preparation_es, booking_mode, status, created_at, updated_at)
        values ('g', 'P', 'P', '', '', '', '', 'invitation', 'active', 0, 0)`);
      await run(sql`insert into prereg_phases (id, program_id, position, name_en, name_es, status, updated_at)
        values ('ph', 'g', 1, 'P1', 'F1', 'open', 0)`);
      await run(sql`insert into prereg_groups (id, program_id, phase_id, position, name_en, name_es, min_age)
        values ('gr', 'g', 'ph', 1, 'All', 'Todos', null)`);
      for (const [id, needs, languageNeed] of [
        ['r1', '["asl","wheelchair"]', 'es'],
        ['r2', '[]', null],
      ] as const)
        await run(sql`insert into prereg_registrants (id, program_id, identity_index, given_name_enc, family_name_enc,
          birth_date_enc, birth_date_index, zip, language, channel, group_id, needs, language_need, max_miles, status,
          status_token_hash, registered_at, updated_at)
          values (${id}, 'g', ${`i-${id}`}, ${seal(`Ana ${id}`, 'prereg.given_name')}, ${seal('Lima', 'prereg.family_name')},
          ${seal('1950-01-01', 'prereg.birth_date')}, 'x', '02108', 'en', 'web', 'gr', ${needs}, ${languageNeed},
          25, 'waiting', ${`h-${id}`}, 0, 0)`);
      for (const [id, comment, commentWell, custom] of [
        ['f1', 'The wait was long', null, '{"q1":"Parking was hard"}'],
        ['f2', LOOKS_SEALED, 'Kind staff', '{}'],
        ['f3', null, null, '{"q2":4}'],
      ] as const)
        await run(sql`insert into feedback_responses (id, form, origin, program_id, site_id, channel, language,
          transaction_date, trust, went_well, not_well, comment, comment_well, custom_answers)
          values (${id}, 'a11', 'visit', 'g', null, 'web', 'en', '2030-01-01', 4, '', '', ${comment}, ${commentWell},
          ${custom})`);
      await run(sql`insert into pulse_responses (id, period, role_group, workload, tools, help_text, custom_answers)
        values ('p1', '2030-W01', 'site-staff', 3, 3, 'More coffee', '{"q3":"Less paperwork"}')`);
      await run(sql`insert into idempotency_keys (scope, key, request_hash, status_code, response, created_at)
        values ('bookings', 'done', 'h', 201, '{"manageToken":"plain-token"}', 0),
               ('bookings', 'stuck', 'h', 0, '', 0)`);
    }

    it('marks plain values, encrypts them at start, and they read back as written', async () => {
      const t = await createTestDatabase(engine, { migrate: false });
      tdb = t;
      await before0022(t);
      await runMigrations(t.db);
      const marked = await t.db.kysely.selectFrom('prereg_registrants').select('needs_enc').execute();
      assert.ok(marked.every((r) => r.needs_enc.startsWith('plain:')));

      const config = loadConfig({
        DATA_DIR: t.dataDir,
        DATA_ENCRYPTION_KEY: KEYRING,
        LOG_LEVEL: 'silent',
        SEED_DEMO: 'false',
        RUN_JOBS: 'false',
      });
      const built = await buildApp(config, { db: t.db });
      const cipher = built.deps.cipher;
      try {
        const people = await t.db.kysely
          .selectFrom('prereg_registrants')
          .select(['id', 'needs_enc', 'language_need_enc'])
          .orderBy('id')
          .execute();
        for (const p of people) assert.match(p.needs_enc, /^fd1\./);
        assert.deepEqual(
          people.map((p) => openNeeds(cipher, p)),
          [
            { id: 'r1', needs: '["asl","wheelchair"]', language_need: 'es' },
            { id: 'r2', needs: '[]', language_need: null },
          ],
        );

        const responses = await t.db.kysely.selectFrom('feedback_responses').selectAll().orderBy('id').execute();
        const stored = JSON.stringify(responses);
        for (const plain of ['The wait was long', 'Parking', 'Kind staff', 'plain:'])
          assert.ok(!stored.includes(plain));
        assert.deepEqual(
          responses.map((r) => openResponse(cipher, r)).map((r) => [r.comment, r.comment_well, r.custom_answers]),
          [
            ['The wait was long', null, '{"q1":"Parking was hard"}'],
            [LOOKS_SEALED, 'Kind staff', '{}'],
            [null, null, '{"q2":4}'],
          ],
        );

        const pulse = await t.db.kysely.selectFrom('pulse_responses').selectAll().executeTakeFirstOrThrow();
        assert.ok(!JSON.stringify(pulse).includes('coffee'));
        const open = openPulse(cipher, pulse);
        assert.deepEqual([open.help_text, open.custom_answers], ['More coffee', '{"q3":"Less paperwork"}']);

        assert.deepEqual(await t.db.kysely.selectFrom('idempotency_keys').selectAll().execute(), []);
      } finally {
        await built.close();
      }

      // The next start finds nothing left to encrypt.
      const before = JSON.stringify(await t.db.kysely.selectFrom('feedback_responses').selectAll().execute());
      const again = await buildApp(config, { db: t.db });
      await again.close();
      assert.equal(JSON.stringify(await t.db.kysely.selectFrom('feedback_responses').selectAll().execute()), before);
    });
  });
}

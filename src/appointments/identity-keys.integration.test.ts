/**
 * A person is found again by a keyed hash of their name and birth date. The name key keeps letters of every script:
 * two people with Chinese (or Arabic, or Devanagari) names born on the same day are two people, while accents and
 * spacing still do not make one person two. Migration 0025 marks indexes of the old kind (names reduced to a-z0-9),
 * and the start recomputes them, so a person booked before the change is found again after it.
 */
import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { startTestApp, type TestApp } from '../../test/support/app.js';
import { catalog } from '../../test/support/catalog-fixtures.js';
import { createTestDatabase, engines, type TestDatabase } from '../../test/support/db.js';
import { createFieldCipher, generateKeyringSpec, parseKeyring } from '../platform/crypto/index.js';
import { migrateTo, runMigrations } from '../platform/db/index.js';
import { nameKey } from '../platform/input/index.js';
import { bookAppointment, BookingError } from './index.js';
import { identityIndex, reindexPeople } from './people.js';

const DAY = 86_400_000;
const T0 = Date.UTC(2026, 5, 1, 14);

describe('the name key of a blind index', () => {
  it('keeps every script, drops only what a name may be written with or without', () => {
    assert.notEqual(nameKey('王小明'), nameKey('陈静'));
    assert.equal(nameKey('王小明'), '王小明');
    assert.notEqual(nameKey('राम'), nameKey('रम'), 'Devanagari vowel signs are letters, not accents');
    assert.notEqual(nameKey('محمد'), nameKey('أحمد'));
    assert.equal(nameKey('مُحَمَّد'), nameKey('محمد'), 'Arabic short vowels are optional');
    assert.equal(nameKey('José Núñez-O’Brien'), nameKey('jose nunez obrien'));
    assert.equal(nameKey('Zoë'), 'zoe');
    assert.notEqual(nameKey('Søren'), nameKey('Sren'));
  });
});

for (const { engine, skip } of engines()) {
  describe(`a person is one person, in any script (${engine})`, { skip }, () => {
    let app: TestApp | undefined;
    let tdb: TestDatabase | undefined;
    afterEach(async () => {
      await app?.close();
      await tdb?.cleanup();
      app = undefined;
      tdb = undefined;
    });

    it('two people with Chinese names born on the same day each book; the same person twice does not', async () => {
      app = await startTestApp(engine, {}, { now: () => T0 });
      const deps = app.built.deps;
      const c = catalog({ db: app.tdb.db, now: () => T0 });
      const program = await c.program('open');
      const product = await c.product(program);
      const site = await c.site({ doses: { [product]: 10 } });
      const slot = await c.slot(site, program, T0 + DAY, 5);
      const book = (givenName: string, familyName: string) =>
        bookAppointment(deps, {
          slotId: slot,
          productId: product,
          dose: 1,
          person: { givenName, familyName, birthDate: '1980-01-01', language: 'en' },
          channel: 'web',
        });
      const wang = await book('小明', '王');
      const chen = await book('静', '陈');
      assert.notEqual(wang.id, chen.id);
      const people = await app.tdb.db.kysely.selectFrom('people').select('id').execute();
      assert.equal(people.length, 2);
      await assert.rejects(
        book('小明', '王'),
        (e: unknown) => e instanceof BookingError && e.code === 'already_booked',
      );
      await book('José', 'Núñez');
      await assert.rejects(
        book('jose', 'nunez'),
        (e: unknown) => e instanceof BookingError && e.code === 'already_booked',
      );
    });

    it('indexes of the old kind are marked by the migration and recomputed at start', async () => {
      tdb = await createTestDatabase(engine, { migrate: false });
      await migrateTo(tdb.db, '0024-sms-inbound-receipts');
      const cipher = createFieldCipher(parseKeyring(generateKeyringSpec()));
      const oldKey = (s: string) =>
        s
          .normalize('NFD')
          .replace(/[\u0300-\u036f]/g, '')
          .toLowerCase()
          .replace(/[^a-z0-9]/g, '');
      const person = { givenName: '小明', familyName: '王', birthDate: '1980-01-01' };
      await tdb.db.kysely
        .insertInto('people')
        .values({
          id: 'p1',
          given_name_enc: cipher.encrypt(person.givenName, 'person.given_name'),
          family_name_enc: cipher.encrypt(person.familyName, 'person.family_name'),
          birth_date_enc: cipher.encrypt(person.birthDate, 'person.birth_date'),
          identity_index: cipher.blindIndex(`${oldKey('小明')}|${oldKey('王')}|1980-01-01`, 'person.identity'),
          contact_id: null,
          created_at: 0,
          updated_at: 0,
        })
        .execute();
      await runMigrations(tdb.db);
      const marked = await tdb.db.kysely
        .selectFrom('people')
        .select(['identity_version', 'identity_index'])
        .executeTakeFirstOrThrow();
      assert.equal(marked.identity_version, 1);
      assert.notEqual(marked.identity_index, identityIndex(cipher, person));

      assert.equal(await reindexPeople({ db: tdb.db, cipher }), 1);
      const row = await tdb.db.kysely
        .selectFrom('people')
        .select(['identity_version', 'identity_index'])
        .executeTakeFirstOrThrow();
      assert.deepEqual(row, { identity_version: 2, identity_index: identityIndex(cipher, person) });
      assert.equal(await reindexPeople({ db: tdb.db, cipher }), 0, 'nothing to do once done');
    });
  });
}

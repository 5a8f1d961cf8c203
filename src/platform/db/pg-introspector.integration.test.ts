/**
 * Introspection on PostgreSQL looks at the connection's own schema only, so other schemas on the same server (other
 * deployments, other test runs) can neither slow it down nor — when one is dropped at the wrong moment — fail our
 * migrations with `schema "…" does not exist`.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { PostgresIntrospector, sql, type DatabaseIntrospector, type Kysely } from 'kysely';
import { createTestDatabase, engines, type TestDatabase } from '../../../test/support/db.js';
import { openDatabase, runMigrations } from './index.js';

const postgres = engines().find((e) => e.engine === 'postgres');

describe('introspection on PostgreSQL (current schema only)', { skip: postgres?.skip ?? 'no PostgreSQL' }, () => {
  let ours: TestDatabase;
  let theirs: TestDatabase;
  before(async () => {
    ours = await createTestDatabase('postgres');
    theirs = await createTestDatabase('postgres');
  });
  after(async () => {
    await ours?.cleanup();
    await theirs?.cleanup();
  });

  it('lists the tables and columns of its own schema and nobody else’s', async () => {
    const tables = await ours.db.kysely.introspection.getTables();
    const schema = ours.target.kind === 'postgres' ? ours.target.schema : '';
    assert.ok(tables.length > 10);
    assert.ok(tables.every((t) => t.schema === schema));
    assert.ok(!tables.some((t) => t.name === 'kysely_migration'), 'the migration tables are internal');
    const bookings = tables.find((t) => t.name === 'bookings');
    const id = bookings?.columns.find((c) => c.name === 'id');
    assert.equal(id?.isNullable, false);
    assert.equal(bookings?.isView, false);
    const all = await ours.db.kysely.introspection.getTables({ withInternalKyselyTables: true });
    assert.ok(all.some((t) => t.name === 'kysely_migration' && t.schema === schema));
  });

  it('reports identity and serial columns as auto-incrementing, and defaults and comments', async () => {
    const db = ours.db.kysely;
    await sql`create table intro_probe (a serial primary key, b integer generated always as identity, c text default 'x', d text)`.execute(
      db,
    );
    await sql`comment on column intro_probe.d is 'a comment'`.execute(db);
    const probe = (await db.introspection.getTables()).find((t) => t.name === 'intro_probe');
    const col = (n: string) => probe?.columns.find((c) => c.name === n);
    assert.deepEqual(
      probe?.columns.map((c) => [c.name, c.dataType, c.isAutoIncrementing, c.hasDefaultValue, c.isNullable]),
      [
        ['a', 'int4', true, true, false],
        ['b', 'int4', true, false, false],
        ['c', 'text', false, true, true],
        ['d', 'text', false, false, true],
      ],
    );
    assert.equal(col('d')?.comment, 'a comment');
    await sql`drop table intro_probe`.execute(db);
  });

  /**
   * The race, made deterministic: a repeatable-read transaction scans the catalog with its snapshot (which still
   * shows another schema) while name lookups see the present (where that schema is gone).
   */
  async function introspectAfterAnotherSchemaIsDropped(
    make: (trx: Kysely<unknown>) => DatabaseIntrospector,
  ): Promise<unknown> {
    const other = `gone_${randomBytes(5).toString('hex')}`;
    const admin = openDatabase({ kind: 'postgres', url: testUrl(), poolSize: 1 });
    try {
      await sql`create schema ${sql.id(other)}`.execute(admin.kysely);
      await sql`create table ${sql.id(other, 't')} (id serial primary key)`.execute(admin.kysely);
      return await ours.db.kysely
        .transaction()
        .setIsolationLevel('repeatable read')
        .execute(async (trx) => {
          await sql`select count(*) from pg_catalog.pg_namespace`.execute(trx);
          await sql`drop schema ${sql.id(other)} cascade`.execute(admin.kysely);
          return make(trx as unknown as Kysely<unknown>).getTables();
        });
    } finally {
      await sql`drop schema if exists ${sql.id(other)} cascade`.execute(admin.kysely);
      await admin.close();
    }
  }
  function testUrl(): string {
    const url = ours.env.DATABASE_URL;
    if (!url) throw new Error('no DATABASE_URL');
    const u = new URL(url);
    u.searchParams.delete('options');
    return u.toString();
  }

  it('is not failed by another schema dropped while it looks (Kysely’s own introspector is)', async () => {
    await assert.rejects(
      introspectAfterAnotherSchemaIsDropped((trx) => new PostgresIntrospector(trx)),
      /does not exist/,
      'the setup reproduces the failure this introspector avoids',
    );
    const tables = await introspectAfterAnotherSchemaIsDropped((trx) => trx.introspection);
    assert.ok(Array.isArray(tables) && tables.some((t) => (t as { name: string }).name === 'bookings'));
  });

  it('migrates a schema while another schema on the server is dropped and created over and over', async () => {
    const admin = openDatabase({ kind: 'postgres', url: testUrl(), poolSize: 2 });
    let churning = true;
    const churn = (async () => {
      let n = 0;
      while (churning) {
        const s = `churn_${randomBytes(5).toString('hex')}`;
        await sql`create schema ${sql.id(s)}`.execute(admin.kysely);
        await sql`create table ${sql.id(s, 't')} (id serial primary key, v text)`.execute(admin.kysely);
        await sql`drop schema ${sql.id(s)} cascade`.execute(admin.kysely);
        n++;
      }
      return n;
    })();
    try {
      for (let i = 0; i < 3; i++) {
        const fresh = await createTestDatabase('postgres', { migrate: false });
        try {
          const applied = await runMigrations(fresh.db);
          assert.ok(applied.length > 10);
        } finally {
          await fresh.cleanup();
        }
      }
    } finally {
      churning = false;
      assert.ok((await churn) > 0);
      await admin.close();
    }
  });
});

/**
 * Test databases on real engines: a fresh SQLite file per call, and — when TEST_DATABASE_URL is set — a fresh
 * PostgreSQL schema per call, dropped afterwards. Integration tests run `forEachEngine` so every behaviour is
 * checked on both. Under CI=true a missing TEST_DATABASE_URL fails loudly instead of skipping.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { readTestEnv } from '../../src/config/env.js';
import { openDatabase, runMigrations, type Db, type DatabaseTarget } from '../../src/platform/db/index.js';

export type Engine = 'sqlite' | 'postgres';

export interface TestDatabase {
  db: Db;
  target: DatabaseTarget;
  /** For child processes: the env that points at this same database. */
  env: Record<string, string>;
  dataDir: string;
  cleanup(): Promise<void>;
}

const { testDatabaseUrl, ci } = readTestEnv();

/** The engines this run tests. PostgreSQL is skipped (loudly) only outside CI. */
export function engines(): { engine: Engine; skip: string | false }[] {
  const pgSkip = testDatabaseUrl ? false : 'TEST_DATABASE_URL is not set: PostgreSQL suite skipped';
  if (!testDatabaseUrl && ci)
    throw new Error('CI=true but TEST_DATABASE_URL is not set: the PostgreSQL suite must run in CI');
  return [
    { engine: 'sqlite', skip: false },
    { engine: 'postgres', skip: pgSkip },
  ];
}

export function makeDataDir(): string {
  return mkdtempSync(path.join(tmpdir(), 'frontdoor-test-'));
}

/** A fresh, migrated database on the given engine. */
export async function createTestDatabase(engine: Engine, opts: { migrate?: boolean } = {}): Promise<TestDatabase> {
  const dataDir = makeDataDir();
  let target: DatabaseTarget;
  const env: Record<string, string> = { DATA_DIR: dataDir };
  let dropSchema: (() => Promise<void>) | undefined;
  if (engine === 'sqlite') {
    target = { kind: 'sqlite', file: path.join(dataDir, 'frontdoor.db') };
  } else {
    if (!testDatabaseUrl) throw new Error('TEST_DATABASE_URL is not set');
    const schema = `t_${randomBytes(6).toString('hex')}`;
    const admin = openDatabase({ kind: 'postgres', url: testDatabaseUrl, poolSize: 1 });
    await admin.kysely.schema.createSchema(schema).execute();
    await admin.close();
    target = { kind: 'postgres', url: testDatabaseUrl, poolSize: 20, schema };
    const url = new URL(testDatabaseUrl);
    url.searchParams.set('options', `-c search_path=${schema}`);
    env.DATABASE_URL = url.toString();
    dropSchema = async () => {
      const a = openDatabase({ kind: 'postgres', url: testDatabaseUrl, poolSize: 1 });
      await a.kysely.schema.dropSchema(schema).ifExists().cascade().execute();
      await a.close();
    };
  }
  const db = openDatabase(target);
  if (opts.migrate !== false) await runMigrations(db);
  return {
    db,
    target,
    env,
    dataDir,
    async cleanup() {
      await db.close();
      if (dropSchema) await dropSchema();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

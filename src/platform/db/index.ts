/**
 * The data layer: one Kysely instance over embedded SQLite (default) or PostgreSQL (`DATABASE_URL`).
 * Dialect differences live here and in repositories, nowhere else.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import {
  CompiledQuery,
  Kysely,
  PostgresAdapter,
  SqliteDialect,
  SqliteDriver,
  type DatabaseConnection,
  type Driver,
  type Transaction,
} from 'kysely';
import pg from 'pg';
import { CurrentSchemaPostgresDialect } from './pg-introspector.js';
import type { Database } from './schema.js';

export type { Database } from './schema.js';
export { runMigrations, migrateTo, migrationStatus, type MigrationStatus } from './migrate.js';

/** Which engine a database runs on. */
export type DialectName = 'sqlite' | 'postgres';

/** Where the database lives. `schema` isolates tests on a shared PostgreSQL. */
export type DatabaseTarget =
  { kind: 'sqlite'; file: string } | { kind: 'postgres'; url: string; poolSize?: number; schema?: string };

/** An open database: the query builder, its engine and a way to close it. */
export interface Db {
  kysely: Kysely<Database>;
  dialect: DialectName;
  close(): Promise<void>;
}

/** A query builder that may be the root database or an open transaction. */
export type Queryable = Kysely<Database> | Transaction<Database>;

// int8 (COUNT, bigint instants) comes back as a JS number: every value we store fits in 2^53.
pg.types.setTypeParser(20, (v) => Number(v));

/**
 * SQLite write transactions start with BEGIN IMMEDIATE: the write lock is taken up front, so two processes
 * never deadlock upgrading a read lock, and the busy timeout queues writers instead of failing them.
 */
class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}

/** What Kysely's SQLite driver asks of a database: prepare a statement, close. */
type PreparingDatabase = Pick<SqliteDatabase.Database, 'prepare' | 'close'>;

/**
 * Kysely prepares every query again, and preparing is a real cost in SQLite (parsing and planning; about a tenth
 * of a booking's time). The app sends the same few dozen SQL texts over and over with different parameters, so
 * prepared statements are kept, most recently used first, up to `max`. A statement still being iterated (a
 * streamed query) is never handed out twice: a fresh one is prepared instead.
 */
export function statementCache(database: SqliteDatabase.Database, max = 500): PreparingDatabase {
  const cache = new Map<string, SqliteDatabase.Statement>();
  return {
    close: () => database.close(),
    prepare: ((source: string) => {
      const cached = cache.get(source);
      if (cached && !cached.busy) {
        // Move to the most recent end; the oldest is the first key.
        cache.delete(source);
        cache.set(source, cached);
        return cached;
      }
      const statement = database.prepare(source);
      if (!cached) {
        if (cache.size >= max) {
          const oldest = cache.keys().next().value;
          if (oldest !== undefined) cache.delete(oldest);
        }
        cache.set(source, statement);
      }
      return statement;
    }) as SqliteDatabase.Database['prepare'],
  };
}

class ImmediateSqliteDialect extends SqliteDialect {
  readonly #database: PreparingDatabase;
  constructor(database: SqliteDatabase.Database) {
    const cached = statementCache(database);
    super({ database: cached });
    this.#database = cached;
  }
  override createDriver(): Driver {
    return new ImmediateSqliteDriver({ database: this.#database });
  }
}

function openSqlite(file: string): Db {
  if (file !== ':memory:') mkdirSync(path.dirname(file), { recursive: true });
  const raw = new SqliteDatabase(file);
  raw.pragma('journal_mode = WAL');
  raw.pragma('foreign_keys = ON');
  raw.pragma('busy_timeout = 10000');
  raw.pragma('synchronous = NORMAL');
  // 64 MiB of page cache (the default is 2 MiB): a county's tables outgrow 2 MiB quickly, and every miss is a read.
  raw.pragma('cache_size = -65536');
  const kysely = new Kysely<Database>({ dialect: new ImmediateSqliteDialect(raw) });
  return {
    kysely,
    dialect: 'sqlite',
    close: async () => {
      await kysely.destroy();
    },
  };
}

function openPostgres(url: string, poolSize: number, schema: string | undefined): Db {
  const pool = new pg.Pool({
    connectionString: url,
    max: poolSize,
    application_name: 'frontdoor',
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  });
  // A dropped idle connection must not crash the process; the pool replaces it.
  pool.on('error', () => undefined);
  const kysely = new Kysely<Database>({ dialect: new CurrentSchemaPostgresDialect({ pool }) });
  return {
    kysely,
    dialect: 'postgres',
    close: async () => {
      await kysely.destroy();
    },
  };
}

/** Open the database named by the configuration. */
export function openDatabase(target: DatabaseTarget): Db {
  return target.kind === 'sqlite'
    ? openSqlite(target.file)
    : openPostgres(target.url, target.poolSize ?? 10, target.schema);
}

/** True when the query builder (root or transaction) runs on PostgreSQL: for the rare statement only it can do. */
export function onPostgres(db: Queryable): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

/** True when the error is a unique-constraint violation on either engine. */
export function isUniqueViolation(err: unknown): boolean {
  if (typeof err !== 'object' || err === null) return false;
  const code = (err as { code?: unknown }).code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

/** Check the connection answers. */
export async function pingDatabase(db: Db): Promise<void> {
  await db.kysely.executeQuery(CompiledQuery.raw('select 1'));
}

export { reusableQuery } from './reusable-query.js';
export { sealMarkedPlain, PLAIN_MARK } from './seal-marked-plain.js';

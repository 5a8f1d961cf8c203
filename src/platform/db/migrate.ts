import { Migrator, sql, type Migration, type MigrationProvider } from 'kysely';
import { migrations } from '../../../migrations/index.js';
import type { Db } from './index.js';

class StaticProvider implements MigrationProvider {
  constructor(private readonly db: Db) {}
  async getMigrations(): Promise<Record<string, Migration>> {
    const out: Record<string, Migration> = {};
    for (const [name, make] of Object.entries(migrations)) out[name] = make(this.db.dialect);
    return out;
  }
}

/**
 * On PostgreSQL the migration tables live in the connection's current schema, named explicitly: Kysely would
 * otherwise find another schema's tables on the same server (tests, several deployments) and skip creating its own.
 */
async function migrator(db: Db): Promise<Migrator> {
  let migrationTableSchema: string | undefined;
  if (db.dialect === 'postgres') {
    const r = await sql<{ schema: string }>`select current_schema() as schema`.execute(db.kysely);
    migrationTableSchema = r.rows[0]?.schema;
  }
  return new Migrator({
    db: db.kysely,
    provider: new StaticProvider(db),
    ...(migrationTableSchema ? { migrationTableSchema } : {}),
  });
}

/** Run every pending migration; throws with the failing migration's name. Safe with several processes. */
export async function runMigrations(db: Db): Promise<string[]> {
  const { error, results } = await (await migrator(db)).migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(`Migration ${failed} failed: ${error instanceof Error ? error.message : JSON.stringify(error)}`, {
      cause: error,
    });
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/** Migrate up or down to the named migration (tests of a migration over data, and operators rolling back one). */
export async function migrateTo(db: Db, name: string): Promise<void> {
  const { error } = await (await migrator(db)).migrateTo(name);
  if (error) throw error instanceof Error ? error : new Error(JSON.stringify(error));
}

/** What `/readyz` reports: applied and pending migration names. */
export interface MigrationStatus {
  applied: string[];
  pending: string[];
}

export async function migrationStatus(db: Db): Promise<MigrationStatus> {
  const all = await (await migrator(db)).getMigrations();
  return {
    applied: all.filter((m) => m.executedAt !== undefined).map((m) => m.name),
    pending: all.filter((m) => m.executedAt === undefined).map((m) => m.name),
  };
}

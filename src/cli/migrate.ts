/** `npm run migrate`: apply pending migrations to the configured database and list what ran. */
import { ConfigError, loadConfig } from '../config/env.js';
import { migrationStatus, openDatabase, runMigrations } from '../platform/db/index.js';

async function main(): Promise<void> {
  const config = loadConfig();
  const db = openDatabase(config.database);
  try {
    const ran = await runMigrations(db);
    const status = await migrationStatus(db);
    process.stdout.write(
      ran.length > 0
        ? `Applied: ${ran.join(', ')}\n`
        : `Up to date (${status.applied.length} migrations, ${db.dialect}).\n`,
    );
  } finally {
    await db.close();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(
    `${err instanceof ConfigError ? err.message : err instanceof Error ? err.message : String(err)}\n`,
  );
  process.exit(1);
});

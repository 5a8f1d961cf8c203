/**
 * Operator commands. Scripts depend on this shape:
 *   npm run admin -- create-user --email E --role R [--name N] [--site S]…   prints the one-time password
 *   npm run admin -- create-token --role R --name N [--site S]…               prints the token alone on stdout
 * --site (repeatable) names a site by id or by name: the sites a site-manager or site-staff account may act at.
 * Problems go to stderr with exit code 2; nothing is half-done.
 */
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { ConfigError, loadConfig } from '../config/env.js';
import { systemActor } from '../platform/audit/index.js';
import { ROLES } from '../platform/auth/index.js';
import { openDatabase, runMigrations, type Db } from '../platform/db/index.js';
import { personNameSchema } from '../platform/input/index.js';
import { readFileSync } from 'node:fs';
import { importSlots } from '../appointments/index.js';
import { importSites } from '../sites/index.js';
import { createApiToken, createUserWithOneTimePassword, resolveSiteRefs } from '../staff/index.js';

const USAGE = `Usage:
  npm run admin -- create-user --email E --role R [--name "Full Name"] [--site SITE]...
  npm run admin -- create-token --role R --name N [--site SITE]...
  npm run admin -- import-sites FILE.csv
  npm run admin -- import-slots FILE.csv
Roles: ${ROLES.join(', ')}
--site takes a site's id or name and may be repeated. Site managers and site staff see only their sites (none
given: none); the other roles reach every site.`;

class UsageError extends Error {}

const UserArgs = z.object({
  email: z.email({ error: 'create-user: --email must be an e-mail address' }),
  role: z.enum(ROLES, { error: `--role must be one of: ${ROLES.join(', ')}` }),
  name: personNameSchema({
    required: 'create-user: --name must be 1 to 120 characters',
    characters: 'create-user: --name may not hold control or invisible characters, and needs a letter',
    max: 120,
  }).optional(),
  site: z.array(z.string()).default([]),
});
const TokenArgs = z.object({
  role: z.enum(ROLES, { error: `--role must be one of: ${ROLES.join(', ')}` }),
  name: z
    .string({ error: 'create-token: --name is required' })
    .trim()
    .min(1, { error: 'create-token: --name is required' })
    .max(80),
  site: z.array(z.string()).default([]),
});

function parse<T>(schema: z.ZodType<T>, values: unknown): T {
  const r = schema.safeParse(values);
  if (!r.success) throw new UsageError(r.error.issues.map((i) => i.message).join('\n'));
  return r.data;
}

/** The site ids of every --site (by id or name), or a usage error naming the ones that match no site. */
async function sitesOf(db: Db, command: string, refs: string[]): Promise<string[]> {
  const r = await resolveSiteRefs(db.kysely, refs);
  if (!r.ok) throw new UsageError(`${command}: no site has the id or name: ${r.unknown.join(', ')}`);
  return r.ids;
}

async function run(db: Db, positionals: string[], values: Record<string, unknown>): Promise<string> {
  const command = positionals[0];
  const deps = { db, now: Date.now, actor: systemActor('cli') };
  if (command === 'create-user') {
    const a = parse(UserArgs, values);
    const sites = await sitesOf(db, command, a.site);
    const r = await createUserWithOneTimePassword(
      { email: a.email, role: a.role, displayName: a.name ?? a.email.split('@')[0] ?? a.email, sites },
      deps,
    );
    if (!r.ok)
      throw new UsageError(
        r.error === 'email_taken'
          ? `create-user: an account with ${a.email} already exists`
          : 'create-user: a site was removed meanwhile; try again',
      );
    return `${r.oneTimePassword}\n`;
  }
  if (command === 'create-token') {
    const a = parse(TokenArgs, values);
    const r = await createApiToken({ name: a.name, role: a.role, sites: await sitesOf(db, command, a.site) }, deps);
    return `${r.token}\n`;
  }
  if (command === 'import-sites' || command === 'import-slots') {
    const file = positionals[1];
    if (!file) throw new UsageError(`${command}: give the CSV file`);
    let csv: string;
    try {
      csv = readFileSync(file, 'utf8');
    } catch {
      throw new UsageError(`${command}: cannot read ${file}`);
    }
    const r = command === 'import-sites' ? await importSites(csv, deps) : await importSlots(csv, deps);
    if (!r.ok)
      throw new UsageError(
        `Nothing was imported. Fix these rows:\n${r.problems.map((p) => `  line ${p.line}, ${p.field}: ${p.problem}`).join('\n')}`,
      );
    return `Imported ${r.imported} ${command === 'import-sites' ? 'sites' : 'slots'}.\n`;
  }
  throw new UsageError(command ? `Unknown command: ${command}` : 'No command given');
}

async function main(): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      allowPositionals: true,
      options: {
        email: { type: 'string' },
        role: { type: 'string' },
        name: { type: 'string' },
        site: { type: 'string', multiple: true },
      },
    });
  } catch (err) {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n${USAGE}\n`);
    return 2;
  }
  const config = loadConfig();
  const db = openDatabase(config.database);
  try {
    await runMigrations(db);
    process.stdout.write(await run(db, parsed.positionals, parsed.values));
    return 0;
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    process.stderr.write(`${err.message}\n${USAGE}\n`);
    return 2;
  } finally {
    await db.close();
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(
      `${err instanceof ConfigError ? err.message : err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
    );
    process.exit(1);
  },
);

/** Import sites from CSV: every row is checked first; one bad row imports nothing. */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { recordAudit, type AuditActor } from '../platform/audit/index.js';
import { parseCsv, type RowProblem } from '../platform/csv/index.js';
import type { Db } from '../platform/db/index.js';
import { siteColumns } from './manage-sites.js';
import { SiteSchema } from './schema.js';

/** Columns: name, address, postalCode, timeZone, phone, latitude, longitude, accessibility (a;b), languages (en;es), walkIns (yes/no), vtrcksPin. */
const SiteCsvSchema = z.preprocess((raw) => {
  const row = raw as Record<string, string | undefined>; // csv-parse gives string columns
  const split = (v: string | undefined) =>
    v
      ? v
          .split(/[;|]/)
          .map((x) => x.trim())
          .filter(Boolean)
      : undefined;
  return {
    ...row,
    accessibility: split(row.accessibility) ?? [],
    languages: split(row.languages)?.join(',') ?? 'en',
    walkIns: /^(yes|y|true|1|sí|si)$/i.test(row.walkIns ?? '') ? 'yes' : 'no',
  };
}, SiteSchema);

export type ImportResult = { ok: true; imported: number } | { ok: false; problems: RowProblem[] };

export async function importSites(
  csv: string,
  deps: { db: Db; now: () => number; actor: AuditActor },
): Promise<ImportResult> {
  const parsed = parseCsv(csv, SiteCsvSchema);
  if (!parsed.ok) return parsed;
  const problems: RowProblem[] = [];
  const names = new Map<string, number>();
  const existing = new Set(
    (await deps.db.kysely.selectFrom('sites').select('name').execute()).map((s) => s.name.toLowerCase()),
  );
  parsed.rows.forEach((r, i) => {
    const key = r.name.toLowerCase();
    if (existing.has(key) || names.has(key))
      problems.push({
        line: i + 2,
        field: 'name',
        problem: 'a site with this name already exists',
        code: 'name_taken',
      });
    names.set(key, i);
  });
  if (problems.length > 0) return { ok: false, problems };
  const now = deps.now();
  await deps.db.kysely.transaction().execute(async (tx) => {
    for (const r of parsed.rows) {
      await tx
        .insertInto('sites')
        .values({ id: randomUUID(), created_at: now, ...siteColumns(r, now) })
        .execute();
    }
    await recordAudit(tx, deps.actor, { action: 'sites.imported', details: { count: parsed.rows.length } }, now);
  });
  return { ok: true, imported: parsed.rows.length };
}

/** Add and edit sites; every change is audited. */
import { randomUUID } from 'node:crypto';
import { recordAudit, type AuditActor } from '../platform/audit/index.js';
import { isUniqueViolation, type Db } from '../platform/db/index.js';
import * as repo from './repository.js';
import type { SiteInput } from './schema.js';

type Deps = { db: Db; now: () => number; actor: AuditActor };
export type SiteResult = { ok: true; id: string } | { ok: false; error: 'name_taken' | 'not_found' };

/** A site's columns from validated input (shared by the form, the API and CSV import). */
export function siteColumns(input: SiteInput, now: number) {
  return {
    name: input.name,
    address: input.address,
    postal_code: input.postalCode,
    time_zone: input.timeZone,
    phone: input.phone ?? null,
    latitude: input.latitude ?? null,
    longitude: input.longitude ?? null,
    accessibility: JSON.stringify(input.accessibility),
    languages: JSON.stringify(input.languages),
    walk_ins: input.walkIns ? 1 : 0,
    vtrcks_pin: input.vtrcksPin ?? null,
    status: input.status,
    updated_at: now,
  };
}

export async function createSite(input: SiteInput, deps: Deps): Promise<SiteResult> {
  const id = randomUUID();
  const now = deps.now();
  try {
    await deps.db.kysely.transaction().execute(async (tx) => {
      await repo.insertSite(tx, { id, created_at: now, ...siteColumns(input, now) });
      await recordAudit(tx, deps.actor, { action: 'sites.created', subjectType: 'site', subjectId: id }, now);
    });
  } catch (err) {
    if (isUniqueViolation(err)) return { ok: false, error: 'name_taken' };
    throw err;
  }
  return { ok: true, id };
}

export async function editSite(id: string, input: SiteInput, deps: Deps): Promise<SiteResult> {
  const now = deps.now();
  try {
    const found = await deps.db.kysely.transaction().execute(async (tx) => {
      const before = await repo.findSiteById(tx, id);
      if (!before || !(await repo.updateSite(tx, id, siteColumns(input, now)))) return false;
      const changed = Object.entries(siteColumns(input, now))
        .filter(([k, v]) => k !== 'updated_at' && before[k as keyof typeof before] !== v)
        .map(([k]) => k);
      await recordAudit(
        tx,
        deps.actor,
        { action: 'sites.updated', subjectType: 'site', subjectId: id, details: { changed } },
        now,
      );
      return true;
    });
    return found ? { ok: true, id } : { ok: false, error: 'not_found' };
  } catch (err) {
    if (isUniqueViolation(err)) return { ok: false, error: 'name_taken' };
    throw err;
  }
}

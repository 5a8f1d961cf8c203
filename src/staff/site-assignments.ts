/**
 * Which sites a staff account or an API token may act at (ADR 0019). Admins set them when inviting or editing an
 * account, or creating a token; the CLI names sites by id or name. Every change is audited. Site ids and names come
 * from the sites module's face; the assignments live in this module's own table.
 */
import { recordAudit, type AuditActor } from '../platform/audit/index.js';
import type { Db, Queryable } from '../platform/db/index.js';
import { listSites } from '../sites/index.js';
import * as repo from './repository.js';

type Deps = { db: Db; now: () => number; actor: AuditActor };

/** A site as an assignment picker shows it. */
export interface SiteChoice {
  id: string;
  name: string;
}

/** Every site, by name, for the admin's assignment pickers and lists. */
export async function siteChoices(db: Queryable): Promise<SiteChoice[]> {
  return (await listSites(db)).map((s) => ({ id: s.id, name: s.name }));
}

/** The given site ids, de-duplicated, when every one exists; otherwise the unknown ones. */
export async function checkSiteIds(
  db: Queryable,
  ids: readonly string[],
): Promise<{ ok: true; ids: string[] } | { ok: false; unknown: string[] }> {
  const known = new Set((await listSites(db)).map((s) => s.id));
  const unique = [...new Set(ids)];
  const unknown = unique.filter((id) => !known.has(id));
  return unknown.length > 0 ? { ok: false, unknown } : { ok: true, ids: unique.sort() };
}

/** Sites named by id or by exact name (case ignored), for the CLI; the references that match nothing are returned. */
export async function resolveSiteRefs(
  db: Queryable,
  refs: readonly string[],
): Promise<{ ok: true; ids: string[] } | { ok: false; unknown: string[] }> {
  const sites = await listSites(db);
  const ids: string[] = [];
  const unknown: string[] = [];
  for (const ref of refs) {
    const wanted = ref.trim().toLowerCase();
    const site = sites.find((s) => s.id === ref.trim()) ?? sites.find((s) => s.name.toLowerCase() === wanted);
    if (site) ids.push(site.id);
    else unknown.push(ref);
  }
  return unknown.length > 0 ? { ok: false, unknown } : { ok: true, ids: [...new Set(ids)].sort() };
}

export type SetSitesResult = { ok: true } | { ok: false; error: 'not_found' | 'unknown_site' };

/** Give a staff account exactly these sites (audited with the sites before and after). */
export async function setUserSites(
  props: { userId: string; siteIds: readonly string[] },
  deps: Deps,
): Promise<SetSitesResult> {
  const checked = await checkSiteIds(deps.db.kysely, props.siteIds);
  if (!checked.ok) return { ok: false, error: 'unknown_site' };
  const now = deps.now();
  return deps.db.kysely.transaction().execute(async (tx) => {
    // Touching the account first locks its row, so two admins' edits queue instead of interleaving.
    if (!(await repo.touchUser(tx, props.userId, now))) return { ok: false, error: 'not_found' } as const;
    const before = await repo.findAssignedSites(tx, { user: props.userId });
    await repo.replaceAssignedSites(tx, { user: props.userId }, checked.ids, { by: deps.actor.id ?? null, now });
    await recordAudit(
      tx,
      deps.actor,
      {
        action: 'staff.user.sites-changed',
        subjectType: 'staff_user',
        subjectId: props.userId,
        details: { from: before, to: checked.ids },
      },
      now,
    );
    return { ok: true } as const;
  });
}

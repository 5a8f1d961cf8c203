/** API tokens for integrations: shown once, stored hashed, carrying a role, revocable. */
import { randomUUID } from 'node:crypto';
import { recordAudit, type AuditActor } from '../platform/audit/index.js';
import { siteScopeOf, type Principal, type Role } from '../platform/auth/index.js';
import { generateApiToken, hashToken } from '../platform/crypto/index.js';
import type { Db } from '../platform/db/index.js';
import * as repo from './repository.js';
import { checkSiteIds } from './site-assignments.js';

type Deps = { db: Db; now: () => number; actor: AuditActor };

/** The sites a token of a site-scoped role may act at do not all exist. */
export class UnknownSiteError extends Error {
  constructor(readonly unknown: string[]) {
    super(`Unknown sites: ${unknown.join(', ')}`);
    this.name = 'UnknownSiteError';
  }
}

/**
 * Create a token with the sites it may act at (which matter for site-manager and site-staff tokens; fixed for the
 * token's life — revoke and create another to change them). The plain token is returned once and never stored.
 */
export async function createApiToken(
  props: { name: string; role: Role; sites?: readonly string[] },
  deps: Deps,
): Promise<{ id: string; token: string; prefix: string }> {
  const sites = await checkSiteIds(deps.db.kysely, props.sites ?? []);
  if (!sites.ok) throw new UnknownSiteError(sites.unknown);
  const { token, prefix, hash } = generateApiToken();
  const id = randomUUID();
  const now = deps.now();
  await deps.db.kysely.transaction().execute(async (tx) => {
    await repo.insertApiToken(tx, {
      id,
      name: props.name.trim(),
      role: props.role,
      token_hash: hash,
      prefix,
      created_by: deps.actor.id ?? null,
      created_at: now,
      last_used_at: null,
      revoked_at: null,
    });
    await repo.replaceAssignedSites(tx, { token: id }, sites.ids, { by: deps.actor.id ?? null, now });
    await recordAudit(
      tx,
      deps.actor,
      {
        action: 'staff.token.created',
        subjectType: 'api_token',
        subjectId: id,
        details: { role: props.role, name: props.name.trim(), sites: sites.ids },
      },
      now,
    );
  });
  return { id, token, prefix };
}

export async function revokeApiToken(props: { id: string }, deps: Deps): Promise<boolean> {
  const now = deps.now();
  return deps.db.kysely.transaction().execute(async (tx) => {
    const done = await repo.revokeApiToken(tx, props.id, now);
    if (done)
      await recordAudit(
        tx,
        deps.actor,
        { action: 'staff.token.revoked', subjectType: 'api_token', subjectId: props.id },
        now,
      );
    return done;
  });
}

const TOUCH_EVERY_MS = 60_000;

/** The principal behind a bearer token, or null when unknown or revoked. */
export async function resolveApiToken(db: Db, token: string, now: number): Promise<Principal | null> {
  if (!token.startsWith('fd_')) return null;
  const row = await repo.findActiveApiTokenByHash(db.kysely, hashToken(token));
  if (!row) return null;
  if (row.last_used_at === null || now - row.last_used_at >= TOUCH_EVERY_MS)
    await repo.touchApiToken(db.kysely, row.id, now);
  return {
    kind: 'token',
    id: row.id,
    role: row.role,
    sites: siteScopeOf(row.role, repo.siteIdsOf(row.site_ids)),
    label: `token:${row.name}`,
    name: row.name,
    mustChangePassword: false,
  };
}

/** API tokens for integrations: shown once, stored hashed, carrying a role, revocable. */
import { randomUUID } from 'node:crypto';
import { recordAudit, type AuditActor } from '../platform/audit/index.js';
import type { Principal, Role } from '../platform/auth/index.js';
import { generateApiToken, hashToken } from '../platform/crypto/index.js';
import type { Db } from '../platform/db/index.js';
import * as repo from './repository.js';

type Deps = { db: Db; now: () => number; actor: AuditActor };

/** Create a token; the plain token is returned once and never stored. */
export async function createApiToken(
  props: { name: string; role: Role },
  deps: Deps,
): Promise<{ id: string; token: string; prefix: string }> {
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
    await recordAudit(
      tx,
      deps.actor,
      {
        action: 'staff.token.created',
        subjectType: 'api_token',
        subjectId: id,
        details: { role: props.role, name: props.name.trim() },
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
    label: `token:${row.name}`,
    name: row.name,
    mustChangePassword: false,
  };
}

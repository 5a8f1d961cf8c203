/** Server-side staff sessions: the cookie holds a random token, the database only its hash. */
import { randomUUID } from 'node:crypto';
import { siteScopeOf, type Principal } from '../platform/auth/index.js';
import { generateToken, hashToken } from '../platform/crypto/index.js';
import type { Queryable } from '../platform/db/index.js';
import * as repo from './repository.js';

export interface SessionPolicy {
  idleMinutes: number;
  maxHours: number;
}

/** Start a session for a user; returns the token for the cookie. */
export async function createSession(
  db: Queryable,
  props: { userId: string; ip: string | null; userAgent: string | null; now: number; policy: SessionPolicy },
): Promise<string> {
  const token = generateToken(32);
  await repo.insertSession(db, {
    id_hash: hashToken(token),
    user_id: props.userId,
    created_at: props.now,
    last_seen_at: props.now,
    expires_at: props.now + props.policy.idleMinutes * 60_000,
    ip: props.ip,
    user_agent: props.userAgent?.slice(0, 300) ?? null,
  });
  return token;
}

const TOUCH_EVERY_MS = 60_000;

/**
 * The principal behind a session token, or null when the session is unknown, idle too long, past its
 * absolute lifetime, or its user is no longer active. Sliding expiry is written at most once a minute.
 */
export async function resolveSession(
  db: Queryable,
  token: string,
  now: number,
  policy: SessionPolicy,
): Promise<(Principal & { sessionHash: string }) | null> {
  const idHash = hashToken(token);
  const s = await repo.findSessionWithUser(db, idHash);
  if (!s) return null;
  const absoluteEnd = s.created_at + policy.maxHours * 3_600_000;
  if (s.expires_at <= now || absoluteEnd <= now || s.status !== 'active') {
    await repo.deleteSession(db, idHash);
    return null;
  }
  if (now - s.last_seen_at >= TOUCH_EVERY_MS) {
    await repo.touchSession(db, idHash, now, Math.min(absoluteEnd, now + policy.idleMinutes * 60_000));
  }
  return {
    kind: 'staff',
    id: s.user_id,
    role: s.role,
    sites: siteScopeOf(s.role, repo.siteIdsOf(s.site_ids)),
    label: s.email,
    name: s.display_name,
    mustChangePassword: s.must_change_password === 1,
    sessionHash: idHash,
  };
}

export async function endSession(db: Queryable, token: string): Promise<void> {
  await repo.deleteSession(db, hashToken(token));
}

/** A fresh id for a new staff account. */
export function newUserId(): string {
  return randomUUID();
}

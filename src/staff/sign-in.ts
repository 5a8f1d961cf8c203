/** Staff sign-in with throttling: five failures in a row lock the account for 15 minutes. */
import { dummyVerify, verifyPassword } from '../platform/crypto/index.js';
import type { Db } from '../platform/db/index.js';
import { recordAudit, type AuditActor } from '../platform/audit/index.js';
import * as repo from './repository.js';
import { createSession, type SessionPolicy } from './sessions.js';

export const MAX_FAILED_SIGN_INS = 5;
export const LOCK_MINUTES = 15;

export type SignInResult =
  | { ok: true; sessionToken: string; mustChangePassword: boolean }
  | { ok: false; reason: 'invalid' }
  | { ok: false; reason: 'locked'; lockedUntil: number };

/** Failures for addresses that have no account, so throttling does not reveal which addresses exist. */
const unknownFailures = new Map<string, { count: number; lockedUntil: number }>();
const UNKNOWN_MAX_ENTRIES = 10_000;

function throttleUnknown(email: string, now: number): SignInResult {
  const entry = unknownFailures.get(email) ?? { count: 0, lockedUntil: 0 };
  if (entry.lockedUntil > now) return { ok: false, reason: 'locked', lockedUntil: entry.lockedUntil };
  entry.count += 1;
  if (entry.count >= MAX_FAILED_SIGN_INS) {
    entry.count = 0;
    entry.lockedUntil = now + LOCK_MINUTES * 60_000;
  }
  if (unknownFailures.size >= UNKNOWN_MAX_ENTRIES) unknownFailures.clear();
  unknownFailures.set(email, entry);
  return entry.lockedUntil > now
    ? { ok: false, reason: 'locked', lockedUntil: entry.lockedUntil }
    : { ok: false, reason: 'invalid' };
}

export interface SignInProps {
  email: string;
  password: string;
  ip: string | null;
  userAgent: string | null;
}

export async function signIn(
  props: SignInProps,
  deps: { db: Db; now: () => number; sessions: SessionPolicy; actor: AuditActor },
): Promise<SignInResult> {
  const now = deps.now();
  const email = props.email.trim().toLowerCase();
  const user = await repo.findUserByEmail(deps.db.kysely, email);
  if (!user || user.status !== 'active' || !user.password_hash) {
    await dummyVerify(props.password);
    return throttleUnknown(email, now);
  }
  if (user.locked_until !== null && user.locked_until > now) {
    return { ok: false, reason: 'locked', lockedUntil: user.locked_until };
  }
  if (!(await verifyPassword(props.password, user.password_hash))) {
    const failures = await repo.incrementFailedLogins(deps.db.kysely, user.id, now);
    const locked = failures >= MAX_FAILED_SIGN_INS;
    if (locked)
      await repo.updateUser(deps.db.kysely, user.id, { failed_logins: 0, locked_until: now + LOCK_MINUTES * 60_000 });
    await recordAudit(
      deps.db.kysely,
      { ...deps.actor, id: user.id, label: user.email, type: 'staff' },
      {
        action: locked ? 'staff.sign-in.locked' : 'staff.sign-in.failed',
        subjectType: 'staff_user',
        subjectId: user.id,
      },
      now,
    );
    return locked
      ? { ok: false, reason: 'locked', lockedUntil: now + LOCK_MINUTES * 60_000 }
      : { ok: false, reason: 'invalid' };
  }
  const sessionToken = await deps.db.kysely.transaction().execute(async (tx) => {
    await repo.updateUser(tx, user.id, { failed_logins: 0, locked_until: null, last_login_at: now, updated_at: now });
    await recordAudit(
      tx,
      { ...deps.actor, id: user.id, label: user.email, type: 'staff' },
      {
        action: 'staff.sign-in',
        subjectType: 'staff_user',
        subjectId: user.id,
      },
      now,
    );
    return createSession(tx, { userId: user.id, ip: props.ip, userAgent: props.userAgent, now, policy: deps.sessions });
  });
  return { ok: true, sessionToken, mustChangePassword: user.must_change_password === 1 };
}

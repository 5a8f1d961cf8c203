/** Staff accounts: invite, create from the CLI, change role, deactivate and reactivate. */
import { randomBytes } from 'node:crypto';
import { recordAudit, type AuditActor } from '../platform/audit/index.js';
import type { Role } from '../platform/auth/index.js';
import { hashPassword } from '../platform/crypto/index.js';
import { isUniqueViolation, type Db } from '../platform/db/index.js';
import type { Locale } from '../platform/i18n/index.js';
import { queuePasswordLink } from './password-links.js';
import * as repo from './repository.js';
import { newUserId } from './sessions.js';
import { checkSiteIds } from './site-assignments.js';

type Deps = { db: Db; now: () => number; actor: AuditActor };

export type InviteResult = { ok: true; userId: string } | { ok: false; error: 'email_taken' | 'unknown_site' };

/** Invite a colleague: the account waits in "invited" until they set a password from the e-mailed link. */
export async function inviteUser(
  props: { email: string; displayName: string; role: Role; locale: Locale; sites?: readonly string[] },
  deps: Deps,
): Promise<InviteResult> {
  const now = deps.now();
  const id = newUserId();
  const email = props.email.trim().toLowerCase();
  const sites = await checkSiteIds(deps.db.kysely, props.sites ?? []);
  if (!sites.ok) return { ok: false, error: 'unknown_site' };
  try {
    await deps.db.kysely.transaction().execute(async (tx) => {
      await repo.insertUser(tx, {
        id,
        email,
        display_name: props.displayName.trim(),
        role: props.role,
        status: 'invited',
        password_hash: null,
        must_change_password: 0,
        locked_until: null,
        last_login_at: null,
        created_at: now,
        updated_at: now,
      });
      await repo.replaceAssignedSites(tx, { user: id }, sites.ids, { by: deps.actor.id ?? null, now });
      await queuePasswordLink(tx, deps.db.dialect, { userId: id, purpose: 'invite', locale: props.locale }, now);
      await recordAudit(
        tx,
        deps.actor,
        {
          action: 'staff.user.invited',
          subjectType: 'staff_user',
          subjectId: id,
          details: { role: props.role, sites: sites.ids },
        },
        now,
      );
    });
  } catch (err) {
    if (isUniqueViolation(err)) return { ok: false, error: 'email_taken' };
    throw err;
  }
  return { ok: true, userId: id };
}

/** A readable one-time password: 4 groups of 5 characters from an unambiguous alphabet. */
export function generateOneTimePassword(): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyz23456789';
  const bytes = randomBytes(20);
  let out = '';
  for (let i = 0; i < 20; i++) {
    out += alphabet[(bytes[i] ?? 0) % alphabet.length];
    if (i % 5 === 4 && i < 19) out += '-';
  }
  return out;
}

export type CreateUserResult =
  { ok: true; userId: string; oneTimePassword: string } | { ok: false; error: 'email_taken' | 'unknown_site' };

/**
 * Create an active account with a one-time password that must be changed at first sign-in (CLI, demo seed), with
 * the sites it may act at (which matter for site managers and site staff).
 */
export async function createUserWithOneTimePassword(
  props: { email: string; displayName: string; role: Role; sites?: readonly string[] },
  deps: Deps,
): Promise<CreateUserResult> {
  const now = deps.now();
  const id = newUserId();
  const sites = await checkSiteIds(deps.db.kysely, props.sites ?? []);
  if (!sites.ok) return { ok: false, error: 'unknown_site' };
  const oneTimePassword = generateOneTimePassword();
  const passwordHash = await hashPassword(oneTimePassword);
  try {
    await deps.db.kysely.transaction().execute(async (tx) => {
      await repo.insertUser(tx, {
        id,
        email: props.email.trim().toLowerCase(),
        display_name: props.displayName.trim(),
        role: props.role,
        status: 'active',
        password_hash: passwordHash,
        must_change_password: 1,
        locked_until: null,
        last_login_at: null,
        created_at: now,
        updated_at: now,
      });
      await repo.replaceAssignedSites(tx, { user: id }, sites.ids, { by: deps.actor.id ?? null, now });
      await recordAudit(
        tx,
        deps.actor,
        {
          action: 'staff.user.created',
          subjectType: 'staff_user',
          subjectId: id,
          details: { role: props.role, sites: sites.ids },
        },
        now,
      );
    });
  } catch (err) {
    if (isUniqueViolation(err)) return { ok: false, error: 'email_taken' };
    throw err;
  }
  return { ok: true, userId: id, oneTimePassword };
}

export type ManageResult = { ok: true } | { ok: false; error: 'not_found' | 'self' | 'last_admin' };

async function guard(deps: Deps, userId: string, actorId: string | null | undefined, leavesAdmin: boolean) {
  const user = await repo.findUserById(deps.db.kysely, userId);
  if (!user) return { error: 'not_found' as const };
  if (actorId && user.id === actorId) return { error: 'self' as const };
  if (
    leavesAdmin &&
    user.role === 'admin' &&
    user.status === 'active' &&
    (await repo.countActiveAdmins(deps.db.kysely)) <= 1
  )
    return { error: 'last_admin' as const };
  return { user };
}

/** Change a colleague's role. Admins cannot change their own role, and the last admin stays an admin. */
export async function changeRole(props: { userId: string; role: Role }, deps: Deps): Promise<ManageResult> {
  const g = await guard(deps, props.userId, deps.actor.id, props.role !== 'admin');
  if ('error' in g) return { ok: false, error: g.error };
  const now = deps.now();
  await deps.db.kysely.transaction().execute(async (tx) => {
    await repo.updateUser(tx, props.userId, { role: props.role, updated_at: now });
    await recordAudit(
      tx,
      deps.actor,
      {
        action: 'staff.user.role-changed',
        subjectType: 'staff_user',
        subjectId: props.userId,
        details: { from: g.user.role, to: props.role },
      },
      now,
    );
  });
  return { ok: true };
}

/** Deactivate (signs them out everywhere) or reactivate an account. */
export async function setUserActive(props: { userId: string; active: boolean }, deps: Deps): Promise<ManageResult> {
  const g = await guard(deps, props.userId, deps.actor.id, !props.active);
  if ('error' in g) return { ok: false, error: g.error };
  const now = deps.now();
  const status = props.active ? (g.user.password_hash ? 'active' : 'invited') : 'deactivated';
  await deps.db.kysely.transaction().execute(async (tx) => {
    await repo.updateUser(tx, props.userId, { status, updated_at: now });
    if (!props.active) await repo.deleteSessionsOfUser(tx, props.userId);
    await recordAudit(
      tx,
      deps.actor,
      {
        action: props.active ? 'staff.user.reactivated' : 'staff.user.deactivated',
        subjectType: 'staff_user',
        subjectId: props.userId,
      },
      now,
    );
  });
  return { ok: true };
}

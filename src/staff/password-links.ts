/**
 * Set-password links, for invitations and for "forgot password". A link is random, single-use, stored hashed,
 * and expires (7 days for an invitation, 1 hour for a reset). Sending happens in a durable job.
 */
import { z } from 'zod';
import { recordAudit, type AuditActor } from '../platform/audit/index.js';
import { generateToken, hashPassword, hashToken, validatePasswordStrength } from '../platform/crypto/index.js';
import type { Db, Queryable } from '../platform/db/index.js';
import { LOCALES, type Locale } from '../platform/i18n/index.js';
import { defineJob, enqueue } from '../platform/jobs/index.js';
import type { ModuleDeps } from '../platform/module.js';
import { renderPasswordLinkEmail } from './emails.js';
import * as repo from './repository.js';

export const LINK_LIFETIME_MS = { invite: 7 * 24 * 3_600_000, reset: 3_600_000 } as const;
/** At most one reset e-mail per account in each such period (the first link stays valid for an hour). */
export const RESET_MAIL_PERIOD_MS = 15 * 60_000;

const SendLinkSchema = z.object({
  userId: z.string().min(1),
  purpose: z.enum(['invite', 'reset']),
  locale: z.enum(LOCALES),
});
export type SendLinkPayload = z.infer<typeof SendLinkSchema>;

/**
 * Queue the e-mail with a set-password link (inside the caller's transaction). With `once`, a second queueing with
 * the same key does nothing; returns whether a job was queued.
 */
export async function queuePasswordLink(
  db: Queryable,
  dialect: Db['dialect'],
  payload: SendLinkPayload,
  now: number,
  once?: string,
): Promise<boolean> {
  const o = once ? { now, idempotencyKey: once } : { now };
  return (await enqueue(db, dialect, 'send-password-link', SendLinkSchema.parse(payload), o)).created;
}

/** The job that creates the link and e-mails it. A retry sends a new link; older ones stay valid until used. */
export function sendPasswordLinkJob(deps: ModuleDeps) {
  return defineJob({
    name: 'send-password-link',
    schema: SendLinkSchema,
    maxAttempts: 10,
    async handler(p, ctx) {
      const user = await repo.findUserById(ctx.db.kysely, p.userId);
      if (!user || user.status === 'deactivated') return;
      if (p.purpose === 'invite' && user.status !== 'invited') return;
      const token = generateToken(32);
      const now = ctx.now();
      await repo.insertPasswordLink(ctx.db.kysely, {
        token_hash: hashToken(token),
        user_id: user.id,
        purpose: p.purpose,
        created_at: now,
        expires_at: now + LINK_LIFETIME_MS[p.purpose],
        used_at: null,
      });
      const link = `${deps.config.publicUrl}/staff/password/${token}`;
      const mail = renderPasswordLinkEmail({
        locale: p.locale,
        purpose: p.purpose,
        name: user.display_name,
        link,
        agencyName: deps.config.agencyName,
      });
      await deps.mailer.send({ to: user.email, ...mail });
    },
  });
}

/**
 * "Forgot password": queue a link when the address belongs to an active account; say nothing either way. An account
 * gets at most one reset e-mail per RESET_MAIL_PERIOD_MS: the job's idempotency key (account + period) is unique in
 * the database, so any number of requests, from any number of processes, queue one. Later requests in the period are
 * audited and answered exactly like the first.
 */
export async function requestPasswordReset(
  props: { email: string; locale: Locale },
  deps: { db: Db; now: () => number; actor: AuditActor },
): Promise<void> {
  const user = await repo.findUserByEmail(deps.db.kysely, props.email.trim().toLowerCase());
  if (!user || user.status !== 'active') return;
  const now = deps.now();
  const once = `password-reset:${user.id}:${Math.floor(now / RESET_MAIL_PERIOD_MS)}`;
  await deps.db.kysely.transaction().execute(async (tx) => {
    const payload = { userId: user.id, purpose: 'reset', locale: props.locale } as const;
    const queued = await queuePasswordLink(tx, deps.db.dialect, payload, now, once);
    await recordAudit(
      tx,
      deps.actor,
      {
        action: queued ? 'staff.password.reset-requested' : 'staff.password.reset-throttled',
        subjectType: 'staff_user',
        subjectId: user.id,
      },
      now,
    );
  });
}

/** The account a link opens, if the link is still good. */
export async function checkPasswordLink(db: Db, token: string, now: number) {
  const link = await repo.findPasswordLink(db.kysely, hashToken(token));
  if (!link || link.used_at !== null || link.expires_at <= now) return null;
  const user = await repo.findUserById(db.kysely, link.user_id);
  if (!user || user.status === 'deactivated') return null;
  return { purpose: link.purpose, email: user.email, userId: user.id };
}

export type PasswordProblem = 'too_short' | 'too_long' | 'too_common' | 'mismatch';
export type SetPasswordResult =
  { ok: true; userId: string } | { ok: false; error: 'link_invalid' } | { ok: false; error: PasswordProblem };

/** Check a new password and its confirmation. */
export function checkNewPassword(password: string, confirm: string): PasswordProblem | null {
  return validatePasswordStrength(password) ?? (password === confirm ? null : 'mismatch');
}

/** Use a link to set the password; activates an invited account and signs out every other session. */
export async function setPasswordWithLink(
  props: { token: string; password: string; confirm: string },
  deps: { db: Db; now: () => number; actor: AuditActor },
): Promise<SetPasswordResult> {
  const problem = checkNewPassword(props.password, props.confirm);
  if (problem) return { ok: false, error: problem };
  const now = deps.now();
  const link = await checkPasswordLink(deps.db, props.token, now);
  if (!link) return { ok: false, error: 'link_invalid' };
  const passwordHash = await hashPassword(props.password);
  return deps.db.kysely.transaction().execute(async (tx): Promise<SetPasswordResult> => {
    if (!(await repo.markPasswordLinkUsed(tx, hashToken(props.token), now)))
      return { ok: false, error: 'link_invalid' };
    await repo.updateUser(tx, link.userId, {
      password_hash: passwordHash,
      status: 'active',
      must_change_password: 0,
      failed_logins: 0,
      locked_until: null,
      updated_at: now,
    });
    await repo.expirePasswordLinksOfUser(tx, link.userId, now);
    await repo.deleteSessionsOfUser(tx, link.userId);
    await recordAudit(
      tx,
      { ...deps.actor, type: 'staff', id: link.userId, label: link.email },
      {
        action: link.purpose === 'invite' ? 'staff.invite.accepted' : 'staff.password.reset',
        subjectType: 'staff_user',
        subjectId: link.userId,
      },
      now,
    );
    return { ok: true, userId: link.userId };
  });
}

/**
 * A signed-in staff member changes their own password (required after a one-time password). Every other session and
 * every unused set-password link of the account end with it, as after a reset.
 */
import { recordAudit, type AuditActor } from '../platform/audit/index.js';
import { hashPassword, verifyPassword } from '../platform/crypto/index.js';
import type { Db } from '../platform/db/index.js';
import { checkNewPassword, type PasswordProblem } from './password-links.js';
import * as repo from './repository.js';

export type ChangePasswordResult = { ok: true } | { ok: false; error: PasswordProblem | 'wrong_current' };

export async function changeOwnPassword(
  props: { userId: string; sessionHash: string; current: string; password: string; confirm: string },
  deps: { db: Db; now: () => number; actor: AuditActor },
): Promise<ChangePasswordResult> {
  const user = await repo.findUserById(deps.db.kysely, props.userId);
  if (!user?.password_hash || !(await verifyPassword(props.current, user.password_hash)))
    return { ok: false, error: 'wrong_current' };
  const problem = checkNewPassword(props.password, props.confirm);
  if (problem) return { ok: false, error: problem };
  if (props.password === props.current) return { ok: false, error: 'too_common' };
  const hash = await hashPassword(props.password);
  const now = deps.now();
  await deps.db.kysely.transaction().execute(async (tx) => {
    await repo.updateUser(tx, user.id, { password_hash: hash, must_change_password: 0, updated_at: now });
    await repo.deleteSessionsOfUser(tx, user.id, props.sessionHash);
    await repo.expirePasswordLinksOfUser(tx, user.id, now);
    await recordAudit(
      tx,
      deps.actor,
      { action: 'staff.password.changed', subjectType: 'staff_user', subjectId: user.id },
      now,
    );
  });
  return { ok: true };
}

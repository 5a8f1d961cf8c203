/**
 * All SQL of the staff module. Returns plain objects; no business rules.
 */
import type { Generated, Selectable } from 'kysely';
import type { Role } from '../platform/auth/index.js';
import type { Queryable } from '../platform/db/index.js';

export interface StaffUsersTable {
  id: string;
  email: string;
  display_name: string;
  role: Role;
  status: 'invited' | 'active' | 'deactivated';
  password_hash: string | null;
  must_change_password: Generated<number>;
  failed_logins: Generated<number>;
  locked_until: number | null;
  last_login_at: number | null;
  created_at: number;
  updated_at: number;
}

export interface StaffSessionsTable {
  id_hash: string;
  user_id: string;
  created_at: number;
  last_seen_at: number;
  expires_at: number;
  ip: string | null;
  user_agent: string | null;
}

export interface StaffPasswordLinksTable {
  token_hash: string;
  user_id: string;
  purpose: 'invite' | 'reset';
  created_at: number;
  expires_at: number;
  used_at: number | null;
}

export interface ApiTokensTable {
  id: string;
  name: string;
  role: Role;
  token_hash: string;
  prefix: string;
  created_by: string | null;
  created_at: number;
  last_used_at: number | null;
  revoked_at: number | null;
}

declare module '../platform/db/schema.js' {
  interface Database {
    staff_users: StaffUsersTable;
    staff_sessions: StaffSessionsTable;
    staff_password_links: StaffPasswordLinksTable;
    api_tokens: ApiTokensTable;
  }
}

export type StaffUserRow = Selectable<StaffUsersTable>;
export type ApiTokenRow = Selectable<ApiTokensTable>;

export async function findUserByEmail(db: Queryable, email: string): Promise<StaffUserRow | undefined> {
  return db.selectFrom('staff_users').selectAll().where('email', '=', email).executeTakeFirst();
}

export async function findUserById(db: Queryable, id: string): Promise<StaffUserRow | undefined> {
  return db.selectFrom('staff_users').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function listUsers(db: Queryable): Promise<StaffUserRow[]> {
  return db.selectFrom('staff_users').selectAll().orderBy('status').orderBy('email').execute();
}

export async function countUsers(db: Queryable): Promise<number> {
  const row = await db
    .selectFrom('staff_users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

export async function countActiveAdmins(db: Queryable): Promise<number> {
  const row = await db
    .selectFrom('staff_users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('role', '=', 'admin')
    .where('status', '=', 'active')
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

export async function insertUser(
  db: Queryable,
  u: Omit<StaffUsersTable, 'failed_logins' | 'must_change_password'> & { must_change_password: number },
): Promise<void> {
  await db.insertInto('staff_users').values(u).execute();
}

export async function updateUser(
  db: Queryable,
  id: string,
  patch: Partial<Omit<StaffUsersTable, 'id' | 'failed_logins' | 'must_change_password'>> & {
    failed_logins?: number;
    must_change_password?: number;
  },
): Promise<void> {
  await db.updateTable('staff_users').set(patch).where('id', '=', id).execute();
}

/** Count a failed sign-in in the database (atomic increment) and return the new count. */
export async function incrementFailedLogins(db: Queryable, id: string, now: number): Promise<number> {
  await db
    .updateTable('staff_users')
    .set((eb) => ({ failed_logins: eb('failed_logins', '+', 1), updated_at: now }))
    .where('id', '=', id)
    .execute();
  const row = await db.selectFrom('staff_users').select('failed_logins').where('id', '=', id).executeTakeFirst();
  return Number(row?.failed_logins ?? 0);
}

export async function insertSession(db: Queryable, s: StaffSessionsTable): Promise<void> {
  await db.insertInto('staff_sessions').values(s).execute();
}

export async function findSessionWithUser(db: Queryable, idHash: string) {
  return db
    .selectFrom('staff_sessions as s')
    .innerJoin('staff_users as u', 'u.id', 's.user_id')
    .select([
      's.id_hash',
      's.created_at',
      's.last_seen_at',
      's.expires_at',
      'u.id as user_id',
      'u.email',
      'u.display_name',
      'u.role',
      'u.status',
      'u.must_change_password',
    ])
    .where('s.id_hash', '=', idHash)
    .executeTakeFirst();
}

export async function touchSession(db: Queryable, idHash: string, lastSeen: number, expires: number): Promise<void> {
  await db
    .updateTable('staff_sessions')
    .set({ last_seen_at: lastSeen, expires_at: expires })
    .where('id_hash', '=', idHash)
    .execute();
}

export async function deleteSession(db: Queryable, idHash: string): Promise<void> {
  await db.deleteFrom('staff_sessions').where('id_hash', '=', idHash).execute();
}

export async function deleteSessionsOfUser(db: Queryable, userId: string, exceptHash?: string): Promise<void> {
  let q = db.deleteFrom('staff_sessions').where('user_id', '=', userId);
  if (exceptHash) q = q.where('id_hash', '!=', exceptHash);
  await q.execute();
}

export async function deleteExpiredSessions(db: Queryable, now: number): Promise<number> {
  const r = await db.deleteFrom('staff_sessions').where('expires_at', '<', now).executeTakeFirst();
  return Number(r.numDeletedRows);
}

export async function insertPasswordLink(db: Queryable, link: StaffPasswordLinksTable): Promise<void> {
  await db.insertInto('staff_password_links').values(link).execute();
}

export async function findPasswordLink(db: Queryable, tokenHash: string) {
  return db.selectFrom('staff_password_links').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
}

/** Mark a link used only if it still is unused: returns false when someone used it first. */
export async function markPasswordLinkUsed(db: Queryable, tokenHash: string, now: number): Promise<boolean> {
  const r = await db
    .updateTable('staff_password_links')
    .set({ used_at: now })
    .where('token_hash', '=', tokenHash)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function expirePasswordLinksOfUser(db: Queryable, userId: string, now: number): Promise<void> {
  await db
    .updateTable('staff_password_links')
    .set({ used_at: now })
    .where('user_id', '=', userId)
    .where('used_at', 'is', null)
    .execute();
}

export async function insertApiToken(db: Queryable, t: ApiTokensTable): Promise<void> {
  await db.insertInto('api_tokens').values(t).execute();
}

export async function findActiveApiTokenByHash(db: Queryable, hash: string): Promise<ApiTokenRow | undefined> {
  return db
    .selectFrom('api_tokens')
    .selectAll()
    .where('token_hash', '=', hash)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
}

export async function listApiTokens(db: Queryable): Promise<ApiTokenRow[]> {
  return db.selectFrom('api_tokens').selectAll().orderBy('created_at', 'desc').execute();
}

export async function revokeApiToken(db: Queryable, id: string, now: number): Promise<boolean> {
  const r = await db
    .updateTable('api_tokens')
    .set({ revoked_at: now })
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function touchApiToken(db: Queryable, id: string, now: number): Promise<void> {
  await db.updateTable('api_tokens').set({ last_used_at: now }).where('id', '=', id).execute();
}

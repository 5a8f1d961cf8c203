/**
 * All SQL of the staff module. Returns plain objects; no business rules.
 */
import { sql, type Generated, type RawBuilder, type Selectable } from 'kysely';
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

/** The sites a user or a token may act at (one of `user_id`, `token_id` is set). */
export interface StaffSiteAssignmentsTable {
  user_id: string | null;
  token_id: string | null;
  site_id: string;
  assigned_by: string | null;
  assigned_at: number;
}

declare module '../platform/db/schema.js' {
  interface Database {
    staff_users: StaffUsersTable;
    staff_sessions: StaffSessionsTable;
    staff_password_links: StaffPasswordLinksTable;
    api_tokens: ApiTokensTable;
    staff_site_assignments: StaffSiteAssignmentsTable;
  }
}

/** A holder of site assignments: a staff user or an API token. */
export type SiteHolder = { user: string } | { token: string };
const holderColumn = (h: SiteHolder) => ('user' in h ? ('user_id' as const) : ('token_id' as const));
const holderId = (h: SiteHolder) => ('user' in h ? h.user : h.token);

/** The holder's site ids as one comma-separated string (ids are UUIDs), in the same query as the holder. */
function assignedSites(column: 'u.id' | 't.id', holder: 'user_id' | 'token_id'): RawBuilder<string | null> {
  return sql<
    string | null
  >`(select string_agg(a.site_id, ',') from staff_site_assignments a where a.${sql.ref(holder)} = ${sql.ref(column)})`;
}

/** Split what `assignedSites` selected. */
export function siteIdsOf(joined: string | null | undefined): string[] {
  return joined ? joined.split(',').filter(Boolean) : [];
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

/** Mark an account changed now (locking its row until the transaction ends); false when there is no such account. */
export async function touchUser(db: Queryable, id: string, now: number): Promise<boolean> {
  const r = await db.updateTable('staff_users').set({ updated_at: now }).where('id', '=', id).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
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
      assignedSites('u.id', 'user_id').as('site_ids'),
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

export async function findActiveApiTokenByHash(
  db: Queryable,
  hash: string,
): Promise<(ApiTokenRow & { site_ids: string | null }) | undefined> {
  return db
    .selectFrom('api_tokens as t')
    .selectAll('t')
    .select(assignedSites('t.id', 'token_id').as('site_ids'))
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

/** Every site assignment of users (or of tokens), for the console's lists. */
export async function listAssignments(
  db: Queryable,
  kind: 'user' | 'token',
): Promise<{ holder: string; site_id: string }[]> {
  const column = kind === 'user' ? 'user_id' : 'token_id';
  const rows = await db
    .selectFrom('staff_site_assignments')
    .select([column, 'site_id'])
    .where(column, 'is not', null)
    .orderBy('site_id')
    .execute();
  return rows.map((r) => ({ holder: r[column] ?? '', site_id: r.site_id }));
}

/** The site ids assigned to one holder. */
export async function findAssignedSites(db: Queryable, holder: SiteHolder): Promise<string[]> {
  const rows = await db
    .selectFrom('staff_site_assignments')
    .select('site_id')
    .where(holderColumn(holder), '=', holderId(holder))
    .orderBy('site_id')
    .execute();
  return rows.map((r) => r.site_id);
}

/** Give a holder these sites (and no others). */
export async function replaceAssignedSites(
  db: Queryable,
  holder: SiteHolder,
  siteIds: readonly string[],
  o: { by: string | null; now: number },
): Promise<void> {
  const column = holderColumn(holder);
  await db.deleteFrom('staff_site_assignments').where(column, '=', holderId(holder)).execute();
  if (siteIds.length === 0) return;
  await db
    .insertInto('staff_site_assignments')
    .values(
      siteIds.map((site_id) => ({
        user_id: 'user' in holder ? holder.user : null,
        token_id: 'token' in holder ? holder.token : null,
        site_id,
        assigned_by: o.by,
        assigned_at: o.now,
      })),
    )
    .execute();
}

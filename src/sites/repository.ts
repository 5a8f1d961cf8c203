/** All SQL of the sites module. */
import type { Selectable } from 'kysely';
import type { Queryable } from '../platform/db/index.js';

export interface SitesTable {
  id: string;
  name: string;
  address: string;
  postal_code: string;
  time_zone: string;
  phone: string | null;
  latitude: number | null;
  longitude: number | null;
  /** JSON array of ACCESSIBILITY_FEATURES. */
  accessibility: string;
  /** JSON array of language codes spoken on site. */
  languages: string;
  walk_ins: number;
  /** The CDC VTrckS PIN, when the site has one. */
  vtrcks_pin: string | null;
  status: 'active' | 'inactive';
  created_at: number;
  updated_at: number;
}

declare module '../platform/db/schema.js' {
  interface Database {
    sites: SitesTable;
  }
}

export type SiteRow = Selectable<SitesTable>;

export async function listSites(db: Queryable): Promise<SiteRow[]> {
  return db.selectFrom('sites').selectAll().orderBy('status').orderBy('name').execute();
}

export async function findSiteById(db: Queryable, id: string): Promise<SiteRow | undefined> {
  return db.selectFrom('sites').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function countSites(db: Queryable): Promise<number> {
  const r = await db
    .selectFrom('sites')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirst();
  return Number(r?.n ?? 0);
}

export async function insertSite(db: Queryable, site: SitesTable): Promise<void> {
  await db.insertInto('sites').values(site).execute();
}

export async function updateSite(
  db: Queryable,
  id: string,
  patch: Omit<SitesTable, 'id' | 'created_at'>,
): Promise<boolean> {
  const r = await db.updateTable('sites').set(patch).where('id', '=', id).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** The JSON list columns, parsed (written only by this module, as arrays of strings). */
export function siteLists(row: Pick<SiteRow, 'accessibility' | 'languages'>): {
  accessibility: string[];
  languages: string[];
} {
  const parse = (text: string): string[] => {
    const v: unknown = JSON.parse(text);
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  };
  return { accessibility: parse(row.accessibility), languages: parse(row.languages) };
}

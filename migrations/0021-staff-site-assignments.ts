import { sql, type Kysely } from 'kysely';
import type { MigrationFactory } from './index.js';

/**
 * The sites a staff account or an API token may act at (ADR 0019). Only site-scoped roles (site managers, site
 * staff) use them; other roles are county-wide. One row per holder and site: a user's or a token's, never both.
 */
export const staffSiteAssignments0021: MigrationFactory = () => ({
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('staff_site_assignments')
      .addColumn('user_id', 'text', (c) => c.references('staff_users.id').onDelete('cascade'))
      .addColumn('token_id', 'text', (c) => c.references('api_tokens.id').onDelete('cascade'))
      .addColumn('site_id', 'text', (c) => c.notNull().references('sites.id').onDelete('cascade'))
      .addColumn('assigned_by', 'text')
      .addColumn('assigned_at', 'bigint', (c) => c.notNull())
      .addCheckConstraint('staff_site_assignments_one_holder', sql`(user_id is null) <> (token_id is null)`)
      .execute();
    await db.schema
      .createIndex('staff_site_assignments_user')
      .on('staff_site_assignments')
      .columns(['user_id', 'site_id'])
      .unique()
      .execute();
    await db.schema
      .createIndex('staff_site_assignments_token')
      .on('staff_site_assignments')
      .columns(['token_id', 'site_id'])
      .unique()
      .execute();
  },
  async down() {
    throw new Error('The staff site assignments migration cannot be undone.');
  },
});

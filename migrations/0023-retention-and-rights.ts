import { sql, type Kysely } from 'kysely';
import type { MigrationFactory } from './index.js';

/**
 * Keeping personal data only as long as needed, and a person's rights (docs/decisions/0021-retention-and-rights.md).
 * One migration for the one feature, touching each module's tables only to add what that module's retention needs:
 * - `anonymised_at` on people, pre-registrants, contacts and messages: when the record's personal fields were
 *   removed (by the retention job or an erasure), so the job never takes it again; with indexes for its queries;
 * - `bookings (person_id, starts_at)`: a person's last appointment, for the bookings period;
 * - `feedback_contact_requests.contact_index`: a blind index of the survey contact, so a person's survey contact is
 *   found without decrypting the table (rows written before this are indexed by the feedback module's retention
 *   step, once);
 * - the audit log's retention floor. The log stays append-only: UPDATE is always refused, and DELETE only of rows
 *   older than `audit_log_floor.purge_before`, a single row that may only move forward and never closer than 360
 *   days to the database's own clock. A bug or a stray `delete from audit_log` still fails for everything younger.
 */
export const retentionAndRights0023: MigrationFactory = (dialect) => ({
  async up(db: Kysely<unknown>) {
    for (const table of ['people', 'prereg_registrants', 'contacts', 'messages'])
      await db.schema.alterTable(table).addColumn('anonymised_at', 'bigint').execute();
    await db.schema.createIndex('people_retention').on('people').columns(['anonymised_at', 'created_at']).execute();
    await db.schema.createIndex('bookings_person_starts').on('bookings').columns(['person_id', 'starts_at']).execute();
    await db.schema
      .createIndex('prereg_registrants_retention')
      .on('prereg_registrants')
      .columns(['anonymised_at', 'updated_at'])
      .execute();
    await db.schema.createIndex('contacts_retention').on('contacts').columns(['anonymised_at', 'updated_at']).execute();
    await db.schema.createIndex('messages_retention').on('messages').columns(['anonymised_at', 'created_at']).execute();

    await db.schema.alterTable('feedback_contact_requests').addColumn('contact_index', 'text').execute();
    await db.schema
      .createIndex('feedback_contact_requests_index')
      .on('feedback_contact_requests')
      .column('contact_index')
      .execute();
    await db.schema
      .createIndex('feedback_contact_requests_created')
      .on('feedback_contact_requests')
      .column('created_at')
      .execute();

    await db.schema
      .createTable('audit_log_floor')
      .addColumn('id', 'text', (c) => c.primaryKey().check(sql`id = 'audit'`))
      .addColumn('purge_before', 'bigint', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .execute();
    await sql`insert into audit_log_floor (id, purge_before, updated_at) values ('audit', 0, 0)`.execute(db);
    const refused = 'audit_log is append-only: only rows older than the retention floor may be deleted';
    if (dialect === 'postgres') {
      await sql`drop trigger audit_log_no_change on audit_log`.execute(db);
      await sql`create trigger audit_log_no_update before update on audit_log
        for each row execute function audit_log_append_only()`.execute(db);
      await sql
        .raw(
          `create function audit_log_delete_guard() returns trigger language plpgsql as $$
          begin
            if OLD.at < (select purge_before from audit_log_floor where id = 'audit') then return OLD; end if;
            raise exception '${refused}';
          end $$`,
        )
        .execute(db);
      await sql`create trigger audit_log_no_delete before delete on audit_log
        for each row execute function audit_log_delete_guard()`.execute(db);
      await sql`create function audit_log_floor_guard() returns trigger language plpgsql as $$
        begin
          if TG_OP = 'DELETE' then raise exception 'audit_log_floor cannot be deleted'; end if;
          if NEW.purge_before < OLD.purge_before then
            raise exception 'the audit retention floor only moves forward';
          end if;
          if NEW.purge_before > floor(extract(epoch from now()) * 1000) - 360::bigint * 86400000 then
            raise exception 'the audit log keeps at least 360 days';
          end if;
          return NEW;
        end $$`.execute(db);
      await sql`create trigger audit_log_floor_forward before update or delete on audit_log_floor
        for each row execute function audit_log_floor_guard()`.execute(db);
    } else {
      await sql`drop trigger audit_log_no_delete`.execute(db);
      await sql
        .raw(
          `create trigger audit_log_no_delete before delete on audit_log
          when OLD.at >= coalesce((select purge_before from audit_log_floor where id = 'audit'), 0)
          begin select raise(abort, '${refused}'); end`,
        )
        .execute(db);
      await sql`create trigger audit_log_floor_no_delete before delete on audit_log_floor
        begin select raise(abort, 'audit_log_floor cannot be deleted'); end`.execute(db);
      await sql`create trigger audit_log_floor_forward before update on audit_log_floor
        when NEW.purge_before < OLD.purge_before
        begin select raise(abort, 'the audit retention floor only moves forward'); end`.execute(db);
      await sql`create trigger audit_log_floor_minimum before update on audit_log_floor
        when NEW.purge_before > (unixepoch('now') - 360 * 86400) * 1000
        begin select raise(abort, 'the audit log keeps at least 360 days'); end`.execute(db);
    }
  },
  async down() {
    throw new Error('The retention migration cannot be undone.');
  },
});

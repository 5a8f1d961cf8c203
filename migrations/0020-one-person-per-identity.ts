import { sql, type Kysely } from 'kysely';
import type { MigrationFactory } from './index.js';

/**
 * One person record per identity. Before this, two bookings for the same new person arriving at once on
 * PostgreSQL (at different sites, so nothing else made them wait for each other) could each create a person record
 * and so each get a booking, past the rule of one active booking per person, program and dose. A unique index on
 * the identity index now makes the second record impossible (appointments' find-or-create inserts with ON CONFLICT
 * DO NOTHING and reads the winner).
 *
 * Records that race already duplicated are merged into the oldest: their bookings move to it. If that would leave
 * one person with two active bookings for the same program and dose (the race's very outcome), the migration stops
 * and says so, changing nothing: staff cancel one of each pair (the console's "Find a booking"), then start again.
 */
export const onePersonPerIdentity0020: MigrationFactory = () => ({
  async up(db: Kysely<unknown>) {
    const conflicts = await sql<{ n: number | string }>`
      select count(*) as n from (
        select p.identity_index, b.program_id, b.dose_number
        from bookings b join people p on p.id = b.person_id
        where b.status in ('booked','checked-in','administered')
        group by p.identity_index, b.program_id, b.dose_number
        having count(distinct b.person_id) > 1
      ) pairs`.execute(db);
    const n = Number(conflicts.rows[0]?.n ?? 0);
    if (n > 0)
      throw new Error(
        `migration 0020: ${n} person(s) hold two active bookings for the same program and dose under duplicate ` +
          'person records (the race this migration closes). Cancel one booking of each pair, then start again.',
      );
    // The keeper of each identity: its oldest record (ties by id).
    const keeper = sql`(select k.id from people k where k.identity_index = people.identity_index
      order by k.created_at, k.id limit 1)`;
    await sql`update bookings set person_id = (
        select ${keeper} from people where people.id = bookings.person_id)
      where person_id in (select p.id from people p
        where exists (select 1 from people q where q.identity_index = p.identity_index and q.id <> p.id))`.execute(db);
    await sql`update people set contact_id = (
        select d.contact_id from people d where d.identity_index = people.identity_index and d.contact_id is not null
        order by d.created_at, d.id limit 1)
      where contact_id is null and id = ${keeper}`.execute(db);
    await sql`delete from people where id <> ${keeper}`.execute(db);
    await db.schema.dropIndex('people_identity').execute();
    await db.schema.createIndex('people_identity_unique').on('people').column('identity_index').unique().execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropIndex('people_identity_unique').execute();
    await db.schema.createIndex('people_identity').on('people').column('identity_index').execute();
  },
});

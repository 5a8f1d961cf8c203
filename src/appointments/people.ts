/**
 * People who book. Names and birth dates are encrypted; an identity index (a keyed hash of the normalised name
 * and birth date) finds the same person again, so dose 2 belongs to the same record as dose 1 — not merely to
 * the same phone number.
 */
import { randomUUID } from 'node:crypto';
import type { FieldCipher } from '../platform/crypto/index.js';
import { reusableQuery, type Db, type Queryable } from '../platform/db/index.js';
import { nameKey } from '../platform/input/index.js';
import type { Insertable } from 'kysely';
import type { PeopleTable } from './repository.js';

export interface PersonInput {
  givenName: string;
  familyName: string;
  /** YYYY-MM-DD */
  birthDate: string;
}

export function identityIndex(cipher: FieldCipher, p: PersonInput): string {
  return cipher.blindIndex(`${nameKey(p.givenName)}|${nameKey(p.familyName)}|${p.birthDate}`, 'person.identity');
}

/**
 * At start: recompute the identity indexes migration 0025 marked as of the old kind (taken over `a-z0-9` only, so
 * names in other scripts met on an empty key). A batch at a time; a row is rewritten only if still marked, so
 * processes starting together agree. Erased records keep their placeholder. Returns how many were recomputed.
 */
export async function reindexPeople(deps: { db: Db; cipher: FieldCipher }): Promise<number> {
  let n = 0;
  for (;;) {
    const rows = await deps.db.kysely
      .selectFrom('people')
      .select(['id', 'given_name_enc', 'family_name_enc', 'birth_date_enc', 'anonymised_at'])
      .where('identity_version', '=', 1)
      .limit(500)
      .execute();
    for (const r of rows) {
      const index =
        (r.anonymised_at ?? null) === null
          ? identityIndex(deps.cipher, {
              givenName: deps.cipher.decrypt(r.given_name_enc, 'person.given_name'),
              familyName: deps.cipher.decrypt(r.family_name_enc, 'person.family_name'),
              birthDate: deps.cipher.decrypt(r.birth_date_enc, 'person.birth_date'),
            })
          : undefined;
      const u = await deps.db.kysely
        .updateTable('people')
        .set({ identity_version: 2, ...(index ? { identity_index: index } : {}) })
        .where('id', '=', r.id)
        .where('identity_version', '=', 1)
        .executeTakeFirst();
      n += Number(u.numUpdatedRows);
    }
    if (rows.length < 500) return n;
  }
}

// On every booking: reusable queries, compiled once (platform/db/reusable-query.ts).
const personByIndexQuery = reusableQuery((db, v: { index: string }) =>
  db.selectFrom('people').select(['id', 'contact_id']).where('identity_index', '=', v.index),
);
/** A new record unless one with this identity exists (the unique index decides; migration 0020). */
const insertNewPersonQuery = reusableQuery((db, row: Insertable<PeopleTable>) =>
  db
    .insertInto('people')
    .values(row)
    .onConflict((oc) => oc.column('identity_index').doNothing())
    .returning('id'),
);

/**
 * The person with this name and birth date, or a new record (inside the caller's transaction). The insert comes
 * first — in a surge nearly everyone is new, so that is one statement — and the unique identity index settles a
 * race: of two transactions creating the same person at once, the second waits for the first and then finds its
 * record, so both bookings meet the one-active-booking rule on the same person.
 */
export async function findOrCreatePerson(
  db: Queryable,
  cipher: FieldCipher,
  p: PersonInput,
  o: { now: number; contactId: string | null },
): Promise<{ id: string; created: boolean; contactId: string | null }> {
  const index = identityIndex(cipher, p);
  const id = randomUUID();
  const inserted = await insertNewPersonQuery(db, {
    id,
    given_name_enc: cipher.encrypt(p.givenName.trim(), 'person.given_name'),
    family_name_enc: cipher.encrypt(p.familyName.trim(), 'person.family_name'),
    birth_date_enc: cipher.encrypt(p.birthDate, 'person.birth_date'),
    identity_index: index,
    contact_id: o.contactId,
    created_at: o.now,
    updated_at: o.now,
  });
  if (inserted.rows.length === 1) return { id, created: true, contactId: o.contactId };
  const existing = (await personByIndexQuery(db, { index })).rows[0];
  if (!existing) throw new Error('person record neither inserted nor found');
  if (!existing.contact_id && o.contactId) {
    await db
      .updateTable('people')
      .set({ contact_id: o.contactId, updated_at: o.now })
      .where('id', '=', existing.id)
      .execute();
  }
  return { id: existing.id, created: false, contactId: existing.contact_id ?? o.contactId };
}

/** Whole years of age on a calendar date (both YYYY-MM-DD). */
export function ageOn(birthDate: string, onDate: string): number {
  const [by = 0, bm = 0, bd = 0] = birthDate.split('-').map(Number);
  const [y = 0, m = 0, d = 0] = onDate.split('-').map(Number);
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

/**
 * People who book. Names and birth dates are encrypted; an identity index (a keyed hash of the normalised name
 * and birth date) finds the same person again, so dose 2 belongs to the same record as dose 1 — not merely to
 * the same phone number.
 */
import { randomUUID } from 'node:crypto';
import type { FieldCipher } from '../platform/crypto/index.js';
import { reusableQuery, type Queryable } from '../platform/db/index.js';
import type { Insertable } from 'kysely';
import type { PeopleTable } from './repository.js';

export interface PersonInput {
  givenName: string;
  familyName: string;
  /** YYYY-MM-DD */
  birthDate: string;
}

const norm = (s: string) =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');

export function identityIndex(cipher: FieldCipher, p: PersonInput): string {
  return cipher.blindIndex(`${norm(p.givenName)}|${norm(p.familyName)}|${p.birthDate}`, 'person.identity');
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

/**
 * Moving a column to field encryption takes two steps, because migrations have no key: the migration renames the
 * column to `…_enc` and marks every value it holds as still plain (`plain:` + value), then at start the owning
 * module calls `sealMarkedPlain`, which encrypts each marked value in place. Afterwards every value is a ciphertext,
 * written only by code that encrypts, so readers never guess whether a value is plain.
 */
import { sql } from 'kysely';
import type { FieldCipher } from '../crypto/index.js';
import type { Db } from './index.js';

/** What a migration puts before a value it leaves in plain text for the start-up pass to encrypt. */
export const PLAIN_MARK = 'plain:';

const BATCH = 500;

/**
 * Encrypt the values marked plain in `columns` (column → encryption context) of `table`, whose rows `key` names.
 * A row is rewritten only if it still holds the value read, so processes starting together agree. Returns how many
 * values were encrypted.
 */
export async function sealMarkedPlain(
  db: Db,
  cipher: FieldCipher,
  t: { table: string; key: string; columns: Record<string, string> },
): Promise<number> {
  let n = 0;
  for (const [column, context] of Object.entries(t.columns)) {
    const col = sql.ref(column);
    for (;;) {
      const rows = await sql<{ k: string; v: string }>`select ${sql.ref(t.key)} as k, ${col} as v
        from ${sql.table(t.table)} where ${col} like ${`${PLAIN_MARK}%`} limit ${BATCH}`.execute(db.kysely);
      for (const r of rows.rows) {
        const sealed = cipher.encrypt(r.v.slice(PLAIN_MARK.length), context);
        const u = await sql`update ${sql.table(t.table)} set ${col} = ${sealed}
          where ${sql.ref(t.key)} = ${r.k} and ${col} = ${r.v}`.execute(db.kysely);
        n += Number(u.numAffectedRows ?? 0);
      }
      if (rows.rows.length < BATCH) break;
    }
  }
  return n;
}

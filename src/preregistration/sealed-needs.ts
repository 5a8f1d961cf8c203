/**
 * A pre-registrant's needs (access needs such as a wheelchair or ASL, and an interpreter's language) are encrypted
 * at field level (ADR 0020), each column's name bound as the context: they describe a person's disability or
 * language. Matching, standby and the list export decrypt them for the rows they read; nothing filters on them in
 * SQL. The ZIP stays in the clear on purpose (docs/security.md, "Personal data at rest").
 */
import type { FieldCipher } from '../platform/crypto/index.js';
import { sealMarkedPlain } from '../platform/db/index.js';
import type { ModuleDeps } from '../platform/module.js';
import type { RegistrantRow } from './repository.js';

const NEEDS_FIELD = 'prereg_registrants.needs';
const LANGUAGE_NEED_FIELD = 'prereg_registrants.language_need';

type Sealed = 'needs_enc' | 'language_need_enc';

/** The needs in the clear: `needs` is a JSON list, `language_need` a language or null. */
export interface Needs {
  needs: string;
  language_need: string | null;
}

export function sealNeeds(cipher: FieldCipher, n: Needs): Pick<RegistrantRow, Sealed> {
  return {
    needs_enc: cipher.encrypt(n.needs, NEEDS_FIELD),
    language_need_enc: n.language_need === null ? null : cipher.encrypt(n.language_need, LANGUAGE_NEED_FIELD),
  };
}

/** The row with its needs decrypted (under the plain column names). */
export function openNeeds<R extends Pick<RegistrantRow, Sealed>>(cipher: FieldCipher, r: R): Omit<R, Sealed> & Needs {
  const { needs_enc, language_need_enc, ...rest } = r;
  return {
    ...rest,
    needs: cipher.decrypt(needs_enc, NEEDS_FIELD),
    language_need: language_need_enc === null ? null : cipher.decrypt(language_need_enc, LANGUAGE_NEED_FIELD),
  };
}

/** At start: encrypt the needs migration 0022 marked as still plain (nothing once done). */
export const sealMarkedNeeds = (deps: Pick<ModuleDeps, 'db' | 'cipher'>): Promise<number> =>
  sealMarkedPlain(deps.db, deps.cipher, {
    table: 'prereg_registrants',
    key: 'id',
    columns: { needs_enc: NEEDS_FIELD, language_need_enc: LANGUAGE_NEED_FIELD },
  });

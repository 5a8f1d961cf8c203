/**
 * Correct a person's details everywhere they are held, in one transaction: each source changes the fields it holds
 * (and the blind indexes built from them); a refusal anywhere (another record already has the corrected name and
 * birth date) changes nothing. Each record changed is an audit entry with the fields (never the values) and the
 * staff member's reason.
 */
import { recordAudit } from '../platform/audit/index.js';
import {
  parseRef,
  type CorrectionError,
  type PersonalDataDeps,
  type PersonalDataSource,
  type PersonPatch,
} from '../platform/personal-data.js';
import { auditEntry } from './find-person.js';

export type CorrectResult = { ok: true; changed: number } | { ok: false; error: CorrectionError; ref: string };

/** Thrown inside the transaction to undo every source's writes. */
class Refused extends Error {
  constructor(readonly result: { ok: false; error: CorrectionError; ref: string }) {
    super(result.error);
  }
}

export async function correctPerson(
  deps: PersonalDataDeps,
  sources: PersonalDataSource[],
  refs: string[],
  patch: PersonPatch,
  reason: string,
): Promise<CorrectResult> {
  const now = deps.now();
  try {
    return await deps.db.kysely.transaction().execute(async (tx) => {
      let changed = 0;
      for (const s of sources) {
        const mine = refs.filter((r) => parseRef(r)?.source === s.name);
        if (mine.length === 0 || !s.correct) continue;
        const r = await s.correct(deps, tx, mine, patch);
        if (!r.ok) throw new Refused(r);
        for (const c of r.changed) {
          await recordAudit(
            tx,
            deps.actor,
            auditEntry('privacy.record.corrected', c.ref, { reason, fields: c.fields }),
            now,
          );
          changed += 1;
        }
      }
      return { ok: true as const, changed };
    });
  } catch (err) {
    if (err instanceof Refused) return err.result;
    throw err;
  }
}

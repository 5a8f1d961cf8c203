/**
 * A person's data as a file: every selected record's fields, decrypted, under stable names, in one JSON document.
 * Each record exported is an audit entry with the staff member's reason.
 */
import { recordAudit } from '../platform/audit/index.js';
import { parseRef, type PersonalDataDeps, type PersonalDataSource } from '../platform/personal-data.js';
import { auditEntry } from './find-person.js';

export const EXPORT_FORMAT = 'frontdoor.personal-data/1';

export interface PersonalDataFile {
  format: typeof EXPORT_FORMAT;
  agency: string;
  generatedAt: string;
  records: ({ source: string; kind: string; id: string } & Record<string, unknown>)[];
}

export async function exportPerson(
  deps: PersonalDataDeps,
  sources: PersonalDataSource[],
  refs: string[],
  reason: string,
): Promise<PersonalDataFile> {
  const records: PersonalDataFile['records'] = [];
  for (const s of sources) {
    const mine = refs.filter((r) => parseRef(r)?.source === s.name);
    if (mine.length === 0) continue;
    for (const r of await s.export(deps, mine)) {
      const p = parseRef(r.ref);
      if (p) records.push({ source: p.source, kind: p.kind, id: p.id, ...r.data });
    }
  }
  const now = deps.now();
  await deps.db.kysely.transaction().execute(async (tx) => {
    for (const r of records)
      await recordAudit(
        tx,
        deps.actor,
        auditEntry('privacy.record.exported', `${r.source}:${r.kind}:${r.id}`, { reason }),
        now,
      );
  });
  return { format: EXPORT_FORMAT, agency: deps.config.agencyName, generatedAt: new Date(now).toISOString(), records };
}

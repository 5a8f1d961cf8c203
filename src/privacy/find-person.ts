/**
 * Find everything held about a person: ask every module's source with the keys staff typed, then again with the
 * keys the records found lead to (a person's contact, the contact's e-mail and phone, a registration's name and
 * birth date), until nothing new turns up. Sources match through blind indexes and ids only. Each search, and each
 * record shown, is an audit entry with the staff member's reason (never the values searched for).
 */
import { recordAudit } from '../platform/audit/index.js';
import { normalizePhone } from '../notifications/index.js';
import {
  parseRef,
  type PersonalDataDeps,
  type PersonalDataSource,
  type PersonalRecord,
  type PersonKeys,
} from '../platform/personal-data.js';

/** Links are followed at most this many times (a shared family phone must not pull in a whole street). */
const ROUNDS = 3;

const empty = (): PersonKeys => ({ identities: [], emails: [], phones: [], codes: [], contactIds: [] });

/** A comparable key for each value of each kind. */
function tokens(k: Partial<PersonKeys>): Map<string, (next: PersonKeys) => void> {
  const out = new Map<string, (next: PersonKeys) => void>();
  for (const p of k.identities ?? [])
    out.set(`i:${p.givenName.trim().toLowerCase()}|${p.familyName.trim().toLowerCase()}|${p.birthDate}`, (n) =>
      n.identities.push(p),
    );
  for (const e of k.emails ?? []) out.set(`e:${e.toLowerCase()}`, (n) => n.emails.push(e.toLowerCase()));
  for (const p of k.phones ?? []) {
    const e164 = normalizePhone(p) ?? p;
    out.set(`p:${e164}`, (n) => n.phones.push(e164));
  }
  for (const c of k.codes ?? []) out.set(`c:${c.toUpperCase()}`, (n) => n.codes.push(c));
  for (const c of k.contactIds ?? []) out.set(`k:${c}`, (n) => n.contactIds.push(c));
  return out;
}

/** Every source's records for these keys and the keys they lead to, each record once, in source order. */
export async function findRecords(
  deps: PersonalDataDeps,
  sources: PersonalDataSource[],
  keys: PersonKeys,
): Promise<(PersonalRecord & { source: string })[]> {
  const found = new Map<string, PersonalRecord & { source: string }>();
  const searched = new Set<string>();
  let next = keys;
  for (let round = 0; round <= ROUNDS; round++) {
    for (const t of tokens(next).keys()) searched.add(t);
    for (const s of sources)
      for (const r of await s.find(deps, next)) if (!found.has(r.ref)) found.set(r.ref, { ...r, source: s.name });
    const more = empty();
    for (const r of found.values())
      for (const [t, add] of tokens(r.links))
        if (!searched.has(t)) {
          searched.add(t);
          add(more);
        }
    if (tokens(more).size === 0) break;
    next = more;
  }
  const order = new Map(sources.map((s, i) => [s.name, i]));
  return [...found.values()].sort((a, b) => (order.get(a.source) ?? 0) - (order.get(b.source) ?? 0));
}

/** Find and record the search in the audit log: how it searched, how many records, each record shown, the reason. */
export async function findPerson(
  deps: PersonalDataDeps,
  sources: PersonalDataSource[],
  keys: PersonKeys,
  o: { reason: string; by: string[]; step: 'search' | 'correct' | 'erase' },
): Promise<(PersonalRecord & { source: string })[]> {
  const records = await findRecords(deps, sources, keys);
  const now = deps.now();
  await deps.db.kysely.transaction().execute(async (tx) => {
    if (o.step === 'search')
      await recordAudit(
        tx,
        deps.actor,
        { action: 'privacy.searched', details: { by: o.by, found: records.length, reason: o.reason } },
        now,
      );
    for (const r of records) await recordAudit(tx, deps.actor, auditEntry('privacy.record.viewed', r.ref, o), now);
  });
  return records;
}

/** An audit entry about one record: its source and kind as the subject type, its id, the reason. */
export function auditEntry(action: string, ref: string, details: Record<string, unknown> & { reason: string }) {
  const p = parseRef(ref);
  const { by: _by, ...rest } = details;
  return {
    action,
    subjectType: p ? `${p.source}.${p.kind}` : 'unknown',
    subjectId: p?.id ?? ref,
    details: rest,
  };
}

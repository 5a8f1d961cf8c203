/**
 * The pre-registration module's personal data for the privacy module (ADR 0021): registrants (names and birth date
 * encrypted, with blind indexes; ZIP, needs, preferences, status links).
 *
 * - Found by name + birth date (the birth-date blind index narrows to the few registrants born that day, whose
 *   names are then compared; the identity index cannot be used alone, it includes the contact) or by contact id.
 * - Anonymising empties the encrypted fields, the needs, language need, preferred sites and unavailable times,
 *   drops the status links and the contact, and replaces the blind indexes with `erased:<id>`. Program, group,
 *   status (waiting becomes opted-out: nobody can be invited any more), language, channel, ZIP and registration time
 *   stay, so the dashboard's counts (by group, ZIP, language, status) and the fair order's history stay whole.
 * - A live invitation is withdrawn first, in the same transaction: its held seats and doses go back (appointments'
 *   `releaseHold`) and a matching run is asked for, so the seat goes to the next person.
 * - Retention: RETENTION_PREREGISTRATIONS_DAYS after the registration's last change, never while invited.
 */
import { sql } from 'kysely';
import { formatDateTime, type Locale } from '../platform/i18n/index.js';
import type { Queryable } from '../platform/db/index.js';
import {
  idsOf,
  type CorrectableField,
  type CorrectionOutcome,
  type ExportedRecord,
  type PersonalDataDeps,
  type PersonalDataSource,
  type PersonalRecord,
  type PersonKeys,
  type PersonPatch,
  type RetentionContext,
} from '../platform/personal-data.js';
import { loadContact, releaseHold } from './faces.js';
import { requestMatching } from './invitations.js';
import { preregMessages, type PreregKey } from './messages.js';
import { birthDateIndex, registrantIndex } from './register.js';
import * as repo from './repository.js';
import { openNeeds, sealNeeds } from './sealed-needs.js';

// The column added by migration 0023 (declared here, beside the only code that writes it).
declare module './repository.js' {
  interface PreregRegistrantsTable {
    /** When the registration's personal fields were removed (retention or erasure); null while they are kept. */
    anonymised_at?: number | null;
  }
}

const SOURCE = 'preregistration';
const KIND = 'registrant';
const DAY = 86_400_000;
const ref = (id: string) => `${SOURCE}:${KIND}:${id}`;
const t = (locale: Locale) => preregMessages.for(locale);
const STATUS_KEYS: Record<repo.RegistrantStatus, PreregKey> = {
  waiting: 'personalData.status.waiting',
  invited: 'personalData.status.invited',
  booked: 'personalData.status.booked',
  'opted-out': 'personalData.status.optedOut',
};

/** Names compared as the registration's identity index compares them: accents, case and spacing ignored. */
const sameName = (a: string, b: string) => {
  const n = (s: string) =>
    s
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]/g, '');
  return n(a) === n(b);
};

async function load(
  deps: PersonalDataDeps,
  where: { ids?: string[]; keys?: PersonKeys },
  db: Queryable = deps.db.kysely,
) {
  let rows: repo.RegistrantRow[] = [];
  const live = () => db.selectFrom('prereg_registrants').selectAll().where('anonymised_at', 'is', null);
  if (where.ids && where.ids.length > 0) rows = await live().where('id', 'in', where.ids).execute();
  const k = where.keys;
  if (k && k.contactIds.length > 0) rows.push(...(await live().where('contact_id', 'in', k.contactIds).execute()));
  const byBirth = new Map<string, PersonKeys['identities']>();
  for (const p of k?.identities ?? []) {
    const index = birthDateIndex(deps.cipher, p.birthDate);
    byBirth.set(index, [...(byBirth.get(index) ?? []), p]);
  }
  if (byBirth.size > 0)
    rows.push(
      ...(await live()
        .where('birth_date_index', 'in', [...byBirth.keys()])
        .execute()),
    );
  const seen = new Set<string>();
  const out = [];
  for (const r of rows) {
    if (seen.has(r.id)) continue;
    seen.add(r.id);
    const person = {
      givenName: deps.cipher.decrypt(r.given_name_enc, 'prereg.given_name'),
      familyName: deps.cipher.decrypt(r.family_name_enc, 'prereg.family_name'),
      birthDate: deps.cipher.decrypt(r.birth_date_enc, 'prereg.birth_date'),
    };
    const asked = byBirth.get(r.birth_date_index);
    const byId = where.ids?.includes(r.id) || (r.contact_id !== null && k?.contactIds.includes(r.contact_id));
    // Found through the birth-date index: only those whose names match too.
    if (
      !byId &&
      !asked?.some((p) => sameName(p.givenName, person.givenName) && sameName(p.familyName, person.familyName))
    )
      continue;
    const program = await repo.findProgram(db, r.program_id);
    out.push({ row: r, person, program: { en: program?.name_en ?? '', es: program?.name_es ?? '' } });
  }
  return out;
}
type Loaded = Awaited<ReturnType<typeof load>>[number];

function toRecord(deps: PersonalDataDeps, x: Loaded): PersonalRecord {
  const name = `${x.person.givenName} ${x.person.familyName}`;
  const r = x.row;
  return {
    ref: ref(r.id),
    title: (l) => t(l)('personalData.title', { name }),
    facts: [
      { label: (l) => t(l)('personalData.name'), value: () => name },
      { label: (l) => t(l)('personalData.birthDate'), value: () => x.person.birthDate },
      { label: (l) => t(l)('personalData.program'), value: (l) => x.program[l] },
      { label: (l) => t(l)('personalData.zip'), value: () => r.zip },
      { label: (l) => t(l)('personalData.status'), value: (l) => t(l)(STATUS_KEYS[r.status]) },
      {
        label: (l) => t(l)('personalData.registered'),
        value: (l) => formatDateTime(r.registered_at, l, deps.config.agencyTimeZone, 'date'),
      },
    ],
    links: {
      identities: [x.person],
      ...(r.contact_id ? { contactIds: [r.contact_id] } : {}),
    },
    correctable: ['givenName', 'familyName', 'birthDate'],
    ...(r.status === 'invited' ? { eraseNote: (l: Locale) => t(l)('personalData.eraseNote') } : {}),
  };
}

const iso = (ms: number | null | undefined) => (ms === null || ms === undefined ? null : new Date(ms).toISOString());
const list = (json: string): unknown => JSON.parse(json);

async function toExport(deps: PersonalDataDeps, x: Loaded): Promise<ExportedRecord> {
  const r = openNeeds(deps.cipher, x.row);
  const invitations = await deps.db.kysely
    .selectFrom('prereg_invitations')
    .select(['kind', 'status', 'created_at', 'expires_at'])
    .where('registrant_id', '=', r.id)
    .orderBy('created_at')
    .execute();
  return {
    ref: ref(r.id),
    data: {
      ...x.person,
      program: x.program.en,
      zip: r.zip,
      language: r.language,
      channel: r.channel,
      callMe: r.call_me === 1,
      standby: r.standby === 1,
      needs: list(r.needs),
      languageNeed: r.language_need,
      maxMiles: r.max_miles,
      preferredSiteIds: list(r.preferred_sites),
      unavailable: list(r.unavailable),
      status: r.status,
      registeredAt: iso(r.registered_at),
      lastChangedAt: iso(r.updated_at),
      invitations: invitations.map((i) => ({
        kind: i.kind,
        status: i.status,
        sentAt: iso(i.created_at),
        expiresAt: iso(i.expires_at),
      })),
    },
  };
}

async function correct(
  deps: PersonalDataDeps,
  tx: Queryable,
  refs: string[],
  patch: PersonPatch,
): Promise<CorrectionOutcome> {
  const changed: { ref: string; fields: CorrectableField[] }[] = [];
  const fields = (['givenName', 'familyName', 'birthDate', 'email', 'phone'] as const).filter(
    (f) => patch[f] !== undefined,
  );
  if (fields.length === 0) return { ok: true, changed };
  for (const x of await load(deps, { ids: idsOf(refs, SOURCE, KIND) }, tx)) {
    const r = x.row;
    const next = {
      givenName: patch.givenName ?? x.person.givenName,
      familyName: patch.familyName ?? x.person.familyName,
      birthDate: patch.birthDate ?? x.person.birthDate,
    };
    // The identity index includes the contact the person registered with (its e-mail, or else its phone).
    const contact = r.contact_id ? await loadContact(tx, deps.cipher, r.contact_id) : null;
    const identity = registrantIndex(deps.cipher, {
      ...next,
      email: patch.email ?? contact?.email ?? undefined,
      phone: patch.phone ?? contact?.phone ?? undefined,
    });
    // The unique (program, identity) index is the guard; this read only turns its refusal into a clear answer.
    const other = await tx
      .selectFrom('prereg_registrants')
      .select('id')
      .where('program_id', '=', r.program_id)
      .where('identity_index', '=', identity)
      .where('id', '<>', r.id)
      .executeTakeFirst();
    if (other) return { ok: false, error: 'identity_taken', ref: ref(r.id) };
    await repo.updateRegistrant(tx, r.id, {
      given_name_enc: deps.cipher.encrypt(next.givenName, 'prereg.given_name'),
      family_name_enc: deps.cipher.encrypt(next.familyName, 'prereg.family_name'),
      birth_date_enc: deps.cipher.encrypt(next.birthDate, 'prereg.birth_date'),
      birth_date_index: birthDateIndex(deps.cipher, next.birthDate),
      identity_index: identity,
      updated_at: deps.now(),
    });
    changed.push({ ref: ref(r.id), fields });
  }
  return { ok: true, changed };
}

/** Empty the personal fields of these registrations (a live invitation is withdrawn first, seats released). */
async function anonymise(deps: PersonalDataDeps, tx: Queryable, ids: string[], now: number): Promise<number> {
  let n = 0;
  for (const id of ids) {
    const live = await repo.findLiveInvitationFor(tx, id);
    if (live && (await repo.settleInvitation(tx, live.id, 'withdrawn', now))) {
      for (const o of await repo.listOffers(tx, live.id)) await releaseHold(deps, tx, o.hold_id);
      await requestMatching(deps, tx, live.program_id, 'release');
    }
    const r = await tx
      .updateTable('prereg_registrants')
      .set((eb) => ({
        given_name_enc: deps.cipher.encrypt('', 'prereg.given_name'),
        family_name_enc: deps.cipher.encrypt('', 'prereg.family_name'),
        birth_date_enc: deps.cipher.encrypt('', 'prereg.birth_date'),
        identity_index: sql<string>`'erased:' || id`,
        birth_date_index: sql<string>`'erased:' || id`,
        status_token_hash: sql<string>`'erased:' || id`,
        status_link_hash: null,
        contact_id: null,
        ...sealNeeds(deps.cipher, { needs: '[]', language_need: null }),
        preferred_sites: '[]',
        unavailable: '[]',
        call_me: 0,
        standby: 0,
        called_at: null,
        status: eb
          .case()
          .when('status', 'in', ['waiting', 'invited'])
          .then(eb.val<repo.RegistrantStatus>('opted-out'))
          .else(eb.ref('status'))
          .end(),
        anonymised_at: now,
        updated_at: now,
      }))
      .where('id', '=', id)
      .where('anonymised_at', 'is', null)
      .executeTakeFirst();
    n += Number(r.numUpdatedRows);
  }
  return n;
}

async function retention(ctx: RetentionContext, tx: Queryable) {
  const cutoff = ctx.now - ctx.deps.config.retention.preregistrationsDays * DAY;
  const rows = await tx
    .selectFrom('prereg_registrants')
    .select('id')
    .where('anonymised_at', 'is', null)
    .where('updated_at', '<', cutoff)
    .where('status', '<>', 'invited')
    .orderBy('updated_at')
    .limit(ctx.batch)
    .execute();
  const n = await anonymise(
    ctx.deps,
    tx,
    rows.map((r) => r.id),
    ctx.now,
  );
  return { counts: { preregistrations: n }, more: rows.length === ctx.batch };
}

/** Pre-registrations, as the privacy module sees them. */
export const preregistrationPersonalData: PersonalDataSource = {
  name: SOURCE,
  async find(deps, keys) {
    return (await load(deps, { keys })).map((x) => toRecord(deps, x));
  },
  async export(deps, refs) {
    const out = [];
    for (const x of await load(deps, { ids: idsOf(refs, SOURCE, KIND) })) out.push(await toExport(deps, x));
    return out;
  },
  correct,
  async erase(deps, tx, refs) {
    await anonymise(deps, tx, idsOf(refs, SOURCE, KIND), deps.now());
  },
  retention,
  async contactsInUse(db, ids) {
    if (ids.length === 0) return new Set();
    const rows = await db
      .selectFrom('prereg_registrants')
      .select('contact_id')
      .where('contact_id', 'in', ids)
      .where('anonymised_at', 'is', null)
      .execute();
    return new Set(rows.flatMap((r) => (r.contact_id ? [r.contact_id] : [])));
  },
};

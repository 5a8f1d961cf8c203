/**
 * The appointments module's personal data for the privacy module (ADR 0021): people (names and birth date,
 * encrypted, with the identity blind index) and their bookings (confirmation code, manage link, contact).
 *
 * - Found by name + birth date (the identity index), a confirmation code, or a contact id — never by decrypting.
 * - Anonymising a person empties the encrypted fields and replaces the identity index, and each booking's code and
 *   manage-link hash, with `erased:<row id>`. Bookings keep site, program, product, dose, series, channel, status
 *   and times, and `updated_at` is not touched: the transactions feed, the A-11 "customers served" and the clinic
 *   counts stay as they were, and no seat or dose count changes.
 * - Retention (RETENTION_BOOKINGS_DAYS after the person's last appointment) keeps the contact link, so the
 *   booking's language still counts (the contact itself is anonymised by notifications once nothing uses it);
 *   an erasure also drops the link, so an erased record points at nothing.
 * - Erasure cancels the person's upcoming bookings first through `cancelBooking` (seats and doses go back, the
 *   reminder is cancelled, the cancellation is audited as usual).
 * The queries live here rather than in repository.ts to keep this read model in one place (as transactions-feed.ts).
 */
import { sql } from 'kysely';
import type { Queryable } from '../platform/db/index.js';
import { formatDateTime, type Locale } from '../platform/i18n/index.js';
import {
  idsOf,
  type CorrectionOutcome,
  type ExportedRecord,
  type PersonalDataDeps,
  type PersonalDataSource,
  type PersonalRecord,
  type PersonKeys,
  type PersonPatch,
  type RetentionContext,
} from '../platform/personal-data.js';
import { findSiteById } from '../sites/index.js';
import { cancelBooking } from './manage-booking.js';
import { appointmentsMessages, type AppointmentsKey } from './messages.js';
import { identityIndex } from './people.js';
import type { BookingStatus } from './repository.js';

// Columns added by migration 0023 (declared here, beside the only code that writes them).
declare module './repository.js' {
  interface PeopleTable {
    /** When the person's personal fields were removed (retention or erasure); null while they are kept. */
    anonymised_at?: number | null;
  }
}

const SOURCE = 'appointments';
const KIND = 'person';
const DAY = 86_400_000;
const ref = (id: string) => `${SOURCE}:${KIND}:${id}`;
const t = (locale: Locale) => appointmentsMessages.for(locale);
const STATUS_KEYS: Record<BookingStatus, AppointmentsKey> = {
  booked: 'personalData.status.booked',
  cancelled: 'personalData.status.cancelled',
  'checked-in': 'personalData.status.checkedIn',
  administered: 'personalData.status.administered',
  'no-show': 'personalData.status.noShow',
};

/** Codes are read aloud and typed: ignore case, spaces and dashes (as the clinic's lookup does). */
const normaliseCode = (code: string) => code.toUpperCase().replace(/[\s-]/g, '');
const unique = <T>(xs: T[]) => [...new Set(xs)];

async function matchingPeople(deps: PersonalDataDeps, keys: PersonKeys): Promise<string[]> {
  const db = deps.db.kysely;
  const ids: string[] = [];
  const indexes = keys.identities.map((p) => identityIndex(deps.cipher, p));
  if (indexes.length > 0)
    ids.push(
      ...(await db.selectFrom('people').select('id').where('identity_index', 'in', indexes).execute()).map((r) => r.id),
    );
  const codes = keys.codes.map(normaliseCode).filter(Boolean);
  if (codes.length > 0)
    ids.push(
      ...(await db.selectFrom('bookings').select('person_id').where('confirmation_code', 'in', codes).execute()).map(
        (r) => r.person_id,
      ),
    );
  if (keys.contactIds.length > 0) {
    ids.push(
      ...(await db.selectFrom('people').select('id').where('contact_id', 'in', keys.contactIds).execute()).map(
        (r) => r.id,
      ),
      ...(await db.selectFrom('bookings').select('person_id').where('contact_id', 'in', keys.contactIds).execute()).map(
        (r) => r.person_id,
      ),
    );
  }
  return unique(ids);
}

/** People (not yet anonymised) with their bookings, decrypted. */
async function loadPeople(deps: PersonalDataDeps, ids: string[], db: Queryable = deps.db.kysely) {
  if (ids.length === 0) return [];
  const people = await db
    .selectFrom('people')
    .selectAll()
    .where('id', 'in', ids)
    .where('anonymised_at', 'is', null)
    .orderBy('created_at')
    .execute();
  if (people.length === 0) return [];
  const bookings = await db
    .selectFrom('bookings as b')
    .innerJoin('products as pr', 'pr.id', 'b.product_id')
    .innerJoin('programs as pg', 'pg.id', 'b.program_id')
    .leftJoin('administrations as a', 'a.booking_id', 'b.id')
    .select([
      'b.id',
      'b.person_id',
      'b.site_id',
      'b.program_id',
      'b.dose_number',
      'b.series_id',
      'b.channel',
      'b.status',
      'b.confirmation_code',
      'b.starts_at',
      'b.contact_id',
      'b.created_at',
      'b.updated_at',
      'pr.name as product',
      'pg.name_en as program_en',
      'pg.name_es as program_es',
      'a.lot',
      'a.administered_at',
      'a.injection_site',
    ])
    .where(
      'b.person_id',
      'in',
      people.map((p) => p.id),
    )
    .orderBy('b.starts_at')
    .execute();
  const sites = new Map<string, { name: string; zone: string }>();
  for (const siteId of unique(bookings.map((b) => b.site_id))) {
    const s = await findSiteById(db, siteId);
    sites.set(siteId, { name: s?.name ?? siteId, zone: s?.time_zone ?? deps.config.agencyTimeZone });
  }
  return people.map((p) => ({
    id: p.id,
    contactId: p.contact_id,
    createdAt: p.created_at,
    givenName: deps.cipher.decrypt(p.given_name_enc, 'person.given_name'),
    familyName: deps.cipher.decrypt(p.family_name_enc, 'person.family_name'),
    birthDate: deps.cipher.decrypt(p.birth_date_enc, 'person.birth_date'),
    bookings: bookings
      .filter((b) => b.person_id === p.id)
      .map((b) => ({ ...b, site: sites.get(b.site_id) ?? { name: b.site_id, zone: deps.config.agencyTimeZone } })),
  }));
}
type LoadedPerson = Awaited<ReturnType<typeof loadPeople>>[number];

const upcoming = (p: LoadedPerson, now: number) => p.bookings.filter((b) => b.status === 'booked' && b.starts_at > now);

function toRecord(p: LoadedPerson, now: number): PersonalRecord {
  const name = `${p.givenName} ${p.familyName}`;
  const ahead = upcoming(p, now).length;
  return {
    ref: ref(p.id),
    title: (l) => t(l)('personalData.title', { name }),
    facts: [
      { label: (l) => t(l)('personalData.name'), value: () => name },
      { label: (l) => t(l)('personalData.birthDate'), value: () => p.birthDate },
      ...p.bookings.map((b) => ({
        label: (l: Locale) => t(l)('personalData.booking'),
        value: (l: Locale) =>
          t(l)('personalData.bookingValue', {
            when: formatDateTime(b.starts_at, l, b.site.zone, 'datetime'),
            site: b.site.name,
            product: b.product,
            dose: b.dose_number,
            status: t(l)(STATUS_KEYS[b.status]),
            code: b.confirmation_code,
          }),
      })),
    ],
    links: {
      identities: [{ givenName: p.givenName, familyName: p.familyName, birthDate: p.birthDate }],
      contactIds: unique([p.contactId, ...p.bookings.map((b) => b.contact_id)].filter((c) => c !== null)),
    },
    correctable: ['givenName', 'familyName', 'birthDate'],
    ...(ahead > 0 ? { eraseNote: (l: Locale) => t(l)('personalData.eraseNote', { count: ahead }) } : {}),
  };
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

function toExport(p: LoadedPerson): ExportedRecord {
  return {
    ref: ref(p.id),
    data: {
      givenName: p.givenName,
      familyName: p.familyName,
      birthDate: p.birthDate,
      recordCreatedAt: iso(p.createdAt),
      bookings: p.bookings.map((b) => ({
        id: b.id,
        confirmationCode: b.confirmation_code,
        program: b.program_en,
        product: b.product,
        dose: b.dose_number,
        site: b.site.name,
        startsAt: iso(b.starts_at),
        status: b.status,
        channel: b.channel,
        bookedAt: iso(b.created_at),
        lastChangedAt: iso(b.updated_at),
        ...(b.lot ? { doseGiven: { lot: b.lot, at: iso(b.administered_at), site: b.injection_site } } : {}),
      })),
    },
  };
}

/** Empty the personal fields of these people and their bookings (unique columns get `erased:<id>`). */
async function anonymisePeople(
  deps: PersonalDataDeps,
  tx: Queryable,
  ids: string[],
  now: number,
  o: { dropContacts: boolean },
): Promise<number> {
  if (ids.length === 0) return 0;
  const r = await tx
    .updateTable('people')
    .set({
      given_name_enc: deps.cipher.encrypt('', 'person.given_name'),
      family_name_enc: deps.cipher.encrypt('', 'person.family_name'),
      birth_date_enc: deps.cipher.encrypt('', 'person.birth_date'),
      identity_index: sql<string>`'erased:' || id`,
      anonymised_at: now,
      updated_at: now,
      ...(o.dropContacts ? { contact_id: null } : {}),
    })
    .where('id', 'in', ids)
    .where('anonymised_at', 'is', null)
    .executeTakeFirst();
  // The booking's own times stay as they were: the transactions feed and the A-11 counts read them.
  await tx
    .updateTable('bookings')
    .set({
      confirmation_code: sql<string>`'erased:' || id`,
      manage_token_hash: sql<string>`'erased:' || id`,
      ...(o.dropContacts ? { contact_id: null } : {}),
    })
    .where('person_id', 'in', ids)
    .execute();
  return Number(r.numUpdatedRows);
}

async function correct(
  deps: PersonalDataDeps,
  tx: Queryable,
  refs: string[],
  patch: PersonPatch,
): Promise<CorrectionOutcome> {
  const changed: { ref: string; fields: ('givenName' | 'familyName' | 'birthDate')[] }[] = [];
  const fields = (['givenName', 'familyName', 'birthDate'] as const).filter((f) => patch[f] !== undefined);
  if (fields.length === 0) return { ok: true, changed };
  for (const p of await loadPeople(deps, idsOf(refs, SOURCE, KIND), tx)) {
    const next = {
      givenName: patch.givenName ?? p.givenName,
      familyName: patch.familyName ?? p.familyName,
      birthDate: patch.birthDate ?? p.birthDate,
    };
    const index = identityIndex(deps.cipher, next);
    // The unique identity index is the guard; this read only turns its refusal into a clear answer.
    const other = await tx
      .selectFrom('people')
      .select('id')
      .where('identity_index', '=', index)
      .where('id', '<>', p.id)
      .executeTakeFirst();
    if (other) return { ok: false, error: 'identity_taken', ref: ref(p.id) };
    await tx
      .updateTable('people')
      .set({
        given_name_enc: deps.cipher.encrypt(next.givenName, 'person.given_name'),
        family_name_enc: deps.cipher.encrypt(next.familyName, 'person.family_name'),
        birth_date_enc: deps.cipher.encrypt(next.birthDate, 'person.birth_date'),
        identity_index: index,
        updated_at: deps.now(),
      })
      .where('id', '=', p.id)
      .execute();
    changed.push({ ref: ref(p.id), fields });
  }
  return { ok: true, changed };
}

/** People whose last appointment (or, with none, whose record) is older than the period, a batch at a time. */
async function retention(ctx: RetentionContext, tx: Queryable) {
  const cutoff = ctx.now - ctx.deps.config.retention.bookingsDays * DAY;
  const rows = await tx
    .selectFrom('people as p')
    .select('p.id')
    .where('p.anonymised_at', 'is', null)
    .where('p.created_at', '<', cutoff)
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('bookings as b')
            .select('b.id')
            .whereRef('b.person_id', '=', 'p.id')
            .where('b.starts_at', '>=', cutoff),
        ),
      ),
    )
    .orderBy('p.created_at')
    .limit(ctx.batch)
    .execute();
  const n = await anonymisePeople(
    ctx.deps,
    tx,
    rows.map((r) => r.id),
    ctx.now,
    { dropContacts: false },
  );
  return { counts: { bookings: n }, more: rows.length === ctx.batch };
}

async function contactsInUse(db: Queryable, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const people = await db
    .selectFrom('people')
    .select('contact_id')
    .where('contact_id', 'in', ids)
    .where('anonymised_at', 'is', null)
    .execute();
  const bookings = await db
    .selectFrom('bookings as b')
    .innerJoin('people as p', 'p.id', 'b.person_id')
    .select('b.contact_id')
    .where('b.contact_id', 'in', ids)
    .where('p.anonymised_at', 'is', null)
    .execute();
  return new Set([...people, ...bookings].flatMap((r) => (r.contact_id ? [r.contact_id] : [])));
}

/** People and their bookings, as the privacy module sees them. */
export const appointmentsPersonalData: PersonalDataSource = {
  name: SOURCE,
  async find(deps, keys) {
    const now = deps.now();
    return (await loadPeople(deps, await matchingPeople(deps, keys))).map((p) => toRecord(p, now));
  },
  async export(deps, refs) {
    return (await loadPeople(deps, idsOf(refs, SOURCE, KIND))).map(toExport);
  },
  correct,
  async prepareErasure(deps, refs) {
    const now = deps.now();
    for (const p of await loadPeople(deps, idsOf(refs, SOURCE, KIND))) {
      // The first upcoming dose of each series: cancelling it cancels the later doses with it.
      const firsts = new Map<string, string>();
      for (const b of upcoming(p, now)) if (!firsts.has(b.series_id)) firsts.set(b.series_id, b.id);
      for (const id of firsts.values()) await cancelBooking(id, deps, { reason: 'requested' });
    }
  },
  async erase(deps, tx, refs) {
    await anonymisePeople(deps, tx, idsOf(refs, SOURCE, KIND), deps.now(), { dropContacts: true });
  },
  retention,
  contactsInUse,
};

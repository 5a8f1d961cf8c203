/**
 * The shape of a module's personal data as the privacy module sees it (docs/decisions/0021-retention-and-rights.md).
 * Each module that keeps something about a resident implements a `PersonalDataSource` through its face
 * (`FrontdoorModule.personalData`): find what it holds by the keys staff search with, export it, correct it, erase
 * it, and remove what has passed its retention period. The platform only names the shape; it imports no module.
 *
 * A record is named by a ref, `<source>:<kind>:<id>` (e.g. `appointments:person:…`), opaque to everyone but its
 * source. An anonymised record keeps its row (statistics and capacity counts need it) with its personal fields
 * emptied; a unique column that must stay filled holds `erased:<row id>`, which never equals a blind index (those
 * have no colon) or a typed code. Contact ids (notifications' contacts) are the one reference modules share today, so a search that finds a
 * person's contact also finds the other records that point at it.
 */
import type { AuditActor } from './audit/index.js';
import type { Queryable } from './db/index.js';
import type { Locale } from './i18n/index.js';
import type { ModuleDeps } from './module.js';

/** A name and birth date (YYYY-MM-DD), as typed; sources match it through their blind indexes. */
export interface PersonIdentity {
  givenName: string;
  familyName: string;
  birthDate: string;
}

/**
 * What a search looks for. Plain values are held in memory for the request only; every source matches them
 * through its blind indexes or ids, never by decrypting a whole table. E-mail addresses are lower-cased, phone
 * numbers E.164, confirmation codes as typed.
 */
export interface PersonKeys {
  identities: PersonIdentity[];
  emails: string[];
  phones: string[];
  codes: string[];
  contactIds: string[];
}

/** A text in the reader's language. */
export type Localized = (locale: Locale) => string;

/** The fields staff can correct; each source changes those it holds. */
export const CORRECTABLE_FIELDS = ['givenName', 'familyName', 'birthDate', 'email', 'phone'] as const;
export type CorrectableField = (typeof CORRECTABLE_FIELDS)[number];
/** A correction: only the fields given change (names come together; birth date YYYY-MM-DD; phone E.164). */
export type PersonPatch = Partial<Record<CorrectableField, string>>;

/** One record a module holds about a person, as staff see it in the search results. */
export interface PersonalRecord {
  ref: string;
  /** What it is, e.g. "Appointments: Ana López". */
  title: Localized;
  /** What staff need to recognise it (values already decrypted; masked where the module's policy says so). */
  facts: { label: Localized; value: Localized }[];
  /** Keys this record leads to (its contacts, its person's identity), so the search finds the rest. */
  links: Partial<PersonKeys>;
  /** Fields a correction changes here. */
  correctable: readonly CorrectableField[];
  /** What erasing it does first (an upcoming appointment is cancelled), shown before staff confirm. */
  eraseNote?: Localized;
}

/** Everything a record holds, decrypted, under stable field names (the export file). */
export interface ExportedRecord {
  ref: string;
  data: Record<string, unknown>;
}

/** What a source receives: the module dependencies and who is acting (for the audit entries it writes). */
export type PersonalDataDeps = ModuleDeps & { actor: AuditActor };

/** Why a correction was refused (translated by the privacy module). */
export type CorrectionError = 'identity_taken';
export type CorrectionOutcome =
  | { ok: true; changed: { ref: string; fields: CorrectableField[] }[] }
  | { ok: false; error: CorrectionError; ref: string };

/** The kinds of record with a retention period of their own (RETENTION_* in src/config/env.ts). */
export const RETENTION_KINDS = [
  'bookings',
  'preregistrations',
  'messages',
  'contacts',
  'surveyContacts',
  'audit',
] as const;
export type RetentionKind = (typeof RETENTION_KINDS)[number];

export interface RetentionContext {
  deps: PersonalDataDeps;
  now: number;
  /** The most records one call may change (one call runs in one transaction). */
  batch: number;
  /** Which of these contact ids a record that is not anonymised still points at (every source is asked). */
  contactsInUse(db: Queryable, ids: string[]): Promise<Set<string>>;
  /** A place for a source to keep a cursor between the calls of one run. */
  progress: Map<string, string>;
}

/** Records anonymised or removed by one call, by kind; `more` when the call stopped at its batch size. */
export interface RetentionOutcome {
  counts: Partial<Record<RetentionKind, number>>;
  more: boolean;
}

/**
 * A module's personal data. `find` and `export` read; `correct` and `erase` write inside the caller's transaction
 * (one transaction for every source, so a refusal anywhere changes nothing); `prepareErasure` runs before it, for
 * steps that are use cases with transactions of their own (cancelling an upcoming appointment frees its seat).
 * Sources never write the audit entries of these actions: the privacy module does, with the staff member's reason.
 */
export interface PersonalDataSource {
  /** The module's name; its refs start with it. */
  name: string;
  find(deps: PersonalDataDeps, keys: PersonKeys): Promise<PersonalRecord[]>;
  export(deps: PersonalDataDeps, refs: string[]): Promise<ExportedRecord[]>;
  correct?(deps: PersonalDataDeps, tx: Queryable, refs: string[], patch: PersonPatch): Promise<CorrectionOutcome>;
  prepareErasure?(deps: PersonalDataDeps, refs: string[]): Promise<void>;
  /** Remove or anonymise every personal field of these records, keeping what statistics and capacity need. */
  erase(deps: PersonalDataDeps, tx: Queryable, refs: string[]): Promise<void>;
  /** Anonymise or remove up to `ctx.batch` records whose retention period has ended. */
  retention?(ctx: RetentionContext, tx: Queryable): Promise<RetentionOutcome>;
  /**
   * Lower runs first (default 50). The owner of the shared contacts runs last, so a contact that the others'
   * records stopped using in this run goes in this run too.
   */
  retentionOrder?: number;
  /** Which of these contact ids this module's records that are not anonymised point at. */
  contactsInUse?(db: Queryable, ids: string[]): Promise<Set<string>>;
}

/** Split a ref into its parts (null when it is not `<source>:<kind>:<id>`). */
export function parseRef(ref: string): { source: string; kind: string; id: string } | null {
  const m = /^([a-z][a-z-]{0,39}):([a-z][a-z-]{0,39}):([A-Za-z0-9-]{1,64})$/.exec(ref);
  return m?.[1] && m[2] && m[3] ? { source: m[1], kind: m[2], id: m[3] } : null;
}

/** The ids of the refs of one source and kind. */
export function idsOf(refs: string[], source: string, kind: string): string[] {
  return refs.flatMap((r) => {
    const p = parseRef(r);
    return p && p.source === source && p.kind === kind ? [p.id] : [];
  });
}

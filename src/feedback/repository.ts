/** All SQL of the feedback module. Responses hold the transaction's context only, never a person or a link id. */
import type { Selectable } from 'kysely';
import type { Queryable } from '../platform/db/index.js';
import type { SurveyForm, SurveyOrigin } from './drivers.js';

export interface FeedbackSettingsTable {
  program_id: string;
  form: SurveyForm;
  trust_wording_en: string | null;
  trust_wording_es: string | null;
  trigger_visit: number;
  trigger_cancellation: number;
  trigger_booking: number;
  updated_at: number;
}
export interface FeedbackQuestionsTable {
  id: string;
  /** Null: asked in every program's survey. */
  program_id: string | null;
  kind: 'scale' | 'text';
  prompt_en: string;
  prompt_es: string;
  active: number;
  created_at: number;
  /** Residents' surveys, or the staff pulse. */
  audience: QuestionAudience;
}
export type QuestionAudience = 'resident' | 'staff';
export interface FeedbackInvitationsTable {
  id: string;
  token_hash: string;
  trigger_key: string | null;
  origin: SurveyOrigin;
  status: 'offered' | 'unreachable';
  form: SurveyForm;
  program_id: string;
  site_id: string | null;
  channel: string;
  language: string;
  transaction_date: string;
  answered: number;
  expires_at: number;
  created_at: number;
}
export interface FeedbackResponsesTable {
  id: string;
  form: SurveyForm;
  origin: SurveyOrigin;
  program_id: string;
  site_id: string | null;
  channel: string;
  language: string;
  transaction_date: string;
  trust: number | null;
  satisfaction: number | null;
  effectiveness: number | null;
  ease: number | null;
  efficiency: number | null;
  equity: number | null;
  employee: number | null;
  went_well: string;
  not_well: string;
  /** Free text, encrypted (sealed-text.ts). */
  comment_enc: string | null;
  comment_well_enc: string | null;
  /** JSON of the answers to the program's own questions, encrypted. */
  custom_answers_enc: string;
}
export interface FeedbackCursorsTable {
  name: string;
  position_at: number;
  position_id: string;
  updated_at: number;
}
export interface PulseParticipationTable {
  staff_id: string;
  period: string;
}
export interface PulseResponsesTable {
  id: string;
  period: string;
  role_group: string;
  workload: number;
  tools: number;
  /** Free text, encrypted (sealed-text.ts). */
  help_text_enc: string | null;
  /** Answers to staff's own pulse questions, by question id (JSON), encrypted. */
  custom_answers_enc: string;
}
export type PulseFrequency = 'weekly' | 'fortnightly' | 'monthly' | 'off';
export interface PulseSettingsTable {
  id: string;
  frequency: PulseFrequency;
  updated_at: number;
}
/** "You may contact me about my answers": kept apart from the answers' analysis; the contact is encrypted. */
export interface FeedbackContactRequestsTable {
  id: string;
  response_id: string;
  kind: 'email' | 'phone';
  contact_enc: string;
  created_at: number;
}

declare module '../platform/db/schema.js' {
  interface Database {
    feedback_settings: FeedbackSettingsTable;
    feedback_questions: FeedbackQuestionsTable;
    feedback_invitations: FeedbackInvitationsTable;
    feedback_responses: FeedbackResponsesTable;
    feedback_cursors: FeedbackCursorsTable;
    pulse_participation: PulseParticipationTable;
    pulse_responses: PulseResponsesTable;
    pulse_settings: PulseSettingsTable;
    feedback_contact_requests: FeedbackContactRequestsTable;
  }
}

export type SettingsRow = Selectable<FeedbackSettingsTable>;
export type QuestionRow = Selectable<FeedbackQuestionsTable>;
export type InvitationRow = Selectable<FeedbackInvitationsTable>;
export type ResponseRow = Selectable<FeedbackResponsesTable>;
export type PulseRow = Selectable<PulseResponsesTable>;

export const findSettings = (db: Queryable, programId: string) =>
  db.selectFrom('feedback_settings').selectAll().where('program_id', '=', programId).executeTakeFirst();
export const listSettings = (db: Queryable) => db.selectFrom('feedback_settings').selectAll().execute();

export async function upsertSettings(db: Queryable, row: FeedbackSettingsTable): Promise<void> {
  const { program_id: _id, ...rest } = row;
  await db
    .insertInto('feedback_settings')
    .values(row)
    .onConflict((oc) => oc.column('program_id').doUpdateSet(rest))
    .execute();
}

export const insertQuestion = (db: Queryable, q: FeedbackQuestionsTable) =>
  db.insertInto('feedback_questions').values(q).execute();

/** Active questions asked in a program's survey (its own and those for every program), oldest first. */
export const listActiveQuestions = (db: Queryable, programId: string) =>
  db
    .selectFrom('feedback_questions')
    .selectAll()
    .where('active', '=', 1)
    .where('audience', '=', 'resident')
    .where((eb) => eb.or([eb('program_id', '=', programId), eb('program_id', 'is', null)]))
    .orderBy('created_at')
    .orderBy('id')
    .execute();

export const listQuestions = (db: Queryable) =>
  db.selectFrom('feedback_questions').selectAll().orderBy('created_at').orderBy('id').execute();

export const findQuestion = (db: Queryable, id: string) =>
  db.selectFrom('feedback_questions').selectAll().where('id', '=', id).executeTakeFirst();

/** The staff pulse's own questions (active only, or all), oldest first. */
export const listPulseQuestions = (db: Queryable, o: { activeOnly: boolean }) =>
  db
    .selectFrom('feedback_questions')
    .selectAll()
    .where('audience', '=', 'staff')
    .$if(o.activeOnly, (q) => q.where('active', '=', 1))
    .orderBy('created_at')
    .orderBy('id')
    .execute();

/** Change a question's wording (its kind and audience stay: past answers keep their meaning). */
export async function updateQuestionPrompts(
  db: Queryable,
  id: string,
  p: { prompt_en: string; prompt_es: string },
): Promise<boolean> {
  const r = await db.updateTable('feedback_questions').set(p).where('id', '=', id).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function setQuestionActive(db: Queryable, id: string, active: boolean): Promise<boolean> {
  const r = await db
    .updateTable('feedback_questions')
    .set({ active: active ? 1 : 0 })
    .where('id', '=', id)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Insert a survey link; false when this transaction was already offered one (its trigger key is taken). */
export async function insertInvitation(db: Queryable, row: FeedbackInvitationsTable): Promise<boolean> {
  const r = await db
    .insertInto('feedback_invitations')
    .values(row)
    .onConflict((oc) => oc.doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) === 1;
}

export const findInvitationByTokenHash = (db: Queryable, hash: string) =>
  db.selectFrom('feedback_invitations').selectAll().where('token_hash', '=', hash).executeTakeFirst();

export async function setInvitationStatus(db: Queryable, id: string, status: 'offered' | 'unreachable') {
  await db.updateTable('feedback_invitations').set({ status }).where('id', '=', id).execute();
}

/** Use a link once: the check and the write are one statement, so two submissions cannot both count. */
export async function markInvitationAnswered(db: Queryable, id: string, now: number): Promise<boolean> {
  const r = await db
    .updateTable('feedback_invitations')
    .set({ answered: 1 })
    .where('id', '=', id)
    .where('answered', '=', 0)
    .where('expires_at', '>', now)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export const insertResponse = (db: Queryable, r: FeedbackResponsesTable) =>
  db.insertInto('feedback_responses').values(r).execute();

export const findResponse = (db: Queryable, id: string) =>
  db.selectFrom('feedback_responses').selectAll().where('id', '=', id).executeTakeFirst();

/** Filters shared by the dashboard, the comments list and the exports (dates are transaction dates). */
export interface ResponseFilter {
  from: string;
  to: string;
  programId?: string | undefined;
  siteId?: string | undefined;
  channel?: string | undefined;
  language?: string | undefined;
  /** Ticked as went well or didn't (current form). */
  driver?: string | undefined;
}

export async function listResponses(db: Queryable, f: ResponseFilter): Promise<ResponseRow[]> {
  let q = db
    .selectFrom('feedback_responses')
    .selectAll()
    .where('transaction_date', '>=', f.from)
    .where('transaction_date', '<=', f.to);
  if (f.programId) q = q.where('program_id', '=', f.programId);
  if (f.siteId) q = q.where('site_id', '=', f.siteId);
  if (f.channel) q = q.where('channel', '=', f.channel);
  if (f.language) q = q.where('language', '=', f.language);
  if (f.driver) {
    const like = `%,${f.driver},%`;
    q = q.where((eb) => eb.or([eb('went_well', 'like', like), eb('not_well', 'like', like)]));
  }
  return q.orderBy('transaction_date', 'desc').orderBy('id').execute();
}

/** Offers (links that reached someone) in a date range, with their context. */
export const listOffers = (db: Queryable, from: string, to: string) =>
  db
    .selectFrom('feedback_invitations')
    .select(['program_id', 'site_id', 'channel', 'language', 'transaction_date', 'origin'])
    .where('status', '=', 'offered')
    .where('transaction_date', '>=', from)
    .where('transaction_date', '<=', to)
    .execute();

export const findCursor = (db: Queryable, name: string) =>
  db.selectFrom('feedback_cursors').selectAll().where('name', '=', name).executeTakeFirst();

export async function saveCursor(db: Queryable, c: FeedbackCursorsTable): Promise<void> {
  await db
    .insertInto('feedback_cursors')
    .values(c)
    .onConflict((oc) =>
      oc
        .column('name')
        .doUpdateSet({ position_at: c.position_at, position_id: c.position_id, updated_at: c.updated_at }),
    )
    .execute();
}

/** Record that a staff member answered a period's pulse; false when they already had. */
export async function insertPulseParticipation(db: Queryable, staffId: string, period: string): Promise<boolean> {
  const r = await db
    .insertInto('pulse_participation')
    .values({ staff_id: staffId, period })
    .onConflict((oc) => oc.doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) === 1;
}

export const hasPulseParticipation = async (db: Queryable, staffId: string, period: string) =>
  (await db
    .selectFrom('pulse_participation')
    .select('period')
    .where('staff_id', '=', staffId)
    .where('period', '=', period)
    .executeTakeFirst()) !== undefined;

export const insertPulseResponse = (db: Queryable, r: PulseResponsesTable) =>
  db.insertInto('pulse_responses').values(r).execute();

/** Every pulse answer (a few per staff member and period; callers keep the periods they show). */
export const listPulseResponses = (db: Queryable) =>
  db.selectFrom('pulse_responses').selectAll().orderBy('period').execute();

export const findPulseSettings = (db: Queryable) =>
  db.selectFrom('pulse_settings').selectAll().where('id', '=', 'default').executeTakeFirst();

export async function savePulseFrequency(db: Queryable, frequency: PulseFrequency, now: number): Promise<void> {
  await db
    .insertInto('pulse_settings')
    .values({ id: 'default', frequency, updated_at: now })
    .onConflict((oc) => oc.column('id').doUpdateSet({ frequency, updated_at: now }))
    .execute();
}

export const insertContactRequest = (db: Queryable, r: FeedbackContactRequestsTable) =>
  db.insertInto('feedback_contact_requests').values(r).execute();

/** Contact requests whose responses match a filter, newest transaction first, with the response. */
export async function listContactRequests(db: Queryable, f: ResponseFilter) {
  let q = db
    .selectFrom('feedback_contact_requests as c')
    .innerJoin('feedback_responses as r', 'r.id', 'c.response_id')
    .selectAll('r')
    .select(['c.id as contact_id', 'c.kind as contact_kind', 'c.contact_enc'])
    .where('r.transaction_date', '>=', f.from)
    .where('r.transaction_date', '<=', f.to);
  if (f.programId) q = q.where('r.program_id', '=', f.programId);
  if (f.siteId) q = q.where('r.site_id', '=', f.siteId);
  if (f.channel) q = q.where('r.channel', '=', f.channel);
  if (f.language) q = q.where('r.language', '=', f.language);
  return q.orderBy('r.transaction_date', 'desc').orderBy('r.id').execute();
}

/**
 * The feedback module's personal data for the privacy module (ADR 0021): only the contacts of residents who ticked
 * "you may contact me" (`feedback_contact_requests`, encrypted, with a blind index since migration 0023). Responses
 * themselves are anonymous by construction (ADR 0010) and stay.
 *
 * - Found by e-mail or phone through the contact's blind index. The console shows the contact masked, never next to
 *   the answers (ADR 0013: only analysts see the two together); the export file, made for the person, holds both.
 * - Erasing deletes the contact request and clears the free text of the response it pointed at (comments and text
 *   answers, which the person may have signed): the scores stay, anonymous, so every count and the A-11 export
 *   stay the same.
 * - Retention: a contact request is deleted RETENTION_SURVEY_CONTACTS_DAYS after it was left (the follow-up is
 *   done by then); its response stays. The same step indexes, once, the requests written before migration 0023.
 */
import type { FieldCipher } from '../platform/crypto/index.js';
import type { Queryable } from '../platform/db/index.js';
import { formatDateTime, type Locale } from '../platform/i18n/index.js';
import {
  idsOf,
  type CorrectableField,
  type PersonalDataDeps,
  type PersonalDataSource,
  type PersonalRecord,
  type RetentionContext,
} from '../platform/personal-data.js';
import { normalizePhone } from '../notifications/index.js';
import { CONTACT_FIELD } from './answer-survey.js';
import { feedbackMessages } from './messages.js';
import { openCustomAnswers, openResponse, sealResponseText } from './sealed-text.js';

// The column added by migration 0023.
declare module './repository.js' {
  interface FeedbackContactRequestsTable {
    /** Blind index of the contact (e-mail lower-cased, phone E.164); null only for rows not yet indexed. */
    contact_index?: string | null;
  }
}

const SOURCE = 'feedback';
const KIND = 'survey-contact';
const DAY = 86_400_000;
const ref = (id: string) => `${SOURCE}:${KIND}:${id}`;
const t = (locale: Locale) => feedbackMessages.for(locale);

/** The blind index of a survey contact, as typed or stored (e-mail lower-cased, phone E.164). */
export function contactIndex(cipher: FieldCipher, kind: 'email' | 'phone', value: string): string {
  const v = kind === 'email' ? value.trim().toLowerCase() : (normalizePhone(value) ?? value.trim());
  return cipher.blindIndex(v, 'feedback.contact');
}

const mask = (kind: 'email' | 'phone', v: string) => {
  if (kind === 'phone') return `•••${v.slice(-4)}`;
  const [user = '', domain = ''] = v.split('@');
  return `${user.slice(0, 1)}•••@${domain}`;
};

function requests(db: Queryable) {
  return db
    .selectFrom('feedback_contact_requests as c')
    .innerJoin('feedback_responses as r', 'r.id', 'c.response_id')
    .selectAll('r')
    .select(['c.id as contact_id', 'c.kind', 'c.contact_enc', 'c.created_at']);
}

async function found(
  deps: PersonalDataDeps,
  where: { ids?: string[]; emails?: string[]; phones?: string[] },
  db: Queryable = deps.db.kysely,
) {
  const indexes = [
    ...(where.emails ?? []).map((e) => contactIndex(deps.cipher, 'email', e)),
    ...(where.phones ?? []).map((p) => contactIndex(deps.cipher, 'phone', p)),
  ];
  const ids = where.ids ?? [];
  if (indexes.length + ids.length === 0) return [];
  const rows = await requests(db)
    .where((eb) =>
      eb.or([
        ...(indexes.length > 0 ? [eb('c.contact_index', 'in', indexes)] : []),
        ...(ids.length > 0 ? [eb('c.id', 'in', ids)] : []),
      ]),
    )
    .orderBy('c.created_at')
    .execute();
  const programs = new Map(
    (await db.selectFrom('programs').select(['id', 'name_en', 'name_es']).execute()).map((p) => [
      p.id,
      { en: p.name_en, es: p.name_es },
    ]),
  );
  return rows.map((r) => ({
    ...r,
    contact: deps.cipher.decrypt(r.contact_enc, CONTACT_FIELD),
    program: programs.get(r.program_id) ?? { en: r.program_id, es: r.program_id },
  }));
}
type Found = Awaited<ReturnType<typeof found>>[number];

function toRecord(deps: PersonalDataDeps, r: Found): PersonalRecord {
  return {
    ref: ref(r.contact_id),
    title: (l) => t(l)('personalData.title'),
    facts: [
      { label: (l) => t(l)('personalData.contact'), value: () => mask(r.kind, r.contact) },
      { label: (l) => t(l)('personalData.program'), value: (l) => r.program[l] },
      {
        label: (l) => t(l)('personalData.left'),
        value: (l) => formatDateTime(r.created_at, l, deps.config.agencyTimeZone, 'date'),
      },
    ],
    links: {},
    correctable: [r.kind === 'email' ? 'email' : 'phone'],
  };
}

/** Only the text answers of a response's custom questions (scores stay). */
function withoutText(customAnswers: string): string {
  const parsed: unknown = JSON.parse(customAnswers);
  if (typeof parsed !== 'object' || parsed === null) return '{}';
  return JSON.stringify(Object.fromEntries(Object.entries(parsed).filter(([, v]) => typeof v === 'number')));
}

async function retention(ctx: RetentionContext, tx: Queryable) {
  // Requests written before their blind index existed get one now (decrypted once each, to index, not to search).
  const unindexed = await tx
    .selectFrom('feedback_contact_requests')
    .select(['id', 'kind', 'contact_enc'])
    .where('contact_index', 'is', null)
    .limit(ctx.batch)
    .execute();
  for (const u of unindexed)
    await tx
      .updateTable('feedback_contact_requests')
      .set({
        contact_index: contactIndex(ctx.deps.cipher, u.kind, ctx.deps.cipher.decrypt(u.contact_enc, CONTACT_FIELD)),
      })
      .where('id', '=', u.id)
      .execute();
  const cutoff = ctx.now - ctx.deps.config.retention.surveyContactsDays * DAY;
  const old = await tx
    .selectFrom('feedback_contact_requests')
    .select('id')
    .where('created_at', '<', cutoff)
    .orderBy('created_at')
    .limit(ctx.batch)
    .execute();
  if (old.length > 0)
    await tx
      .deleteFrom('feedback_contact_requests')
      .where(
        'id',
        'in',
        old.map((o) => o.id),
      )
      .execute();
  return {
    counts: { surveyContacts: old.length },
    more: old.length === ctx.batch || unindexed.length === ctx.batch,
  };
}

/** Survey contacts, as the privacy module sees them. */
export const feedbackPersonalData: PersonalDataSource = {
  name: SOURCE,
  async find(deps, keys) {
    return (await found(deps, { emails: keys.emails, phones: keys.phones })).map((r) => toRecord(deps, r));
  },
  async export(deps, refs) {
    const rows = (await found(deps, { ids: idsOf(refs, SOURCE, KIND) })).map((r) => openResponse(deps.cipher, r));
    return rows.map((r) => ({
      ref: ref(r.contact_id),
      data: {
        kind: r.kind,
        contact: r.contact,
        leftAt: new Date(r.created_at).toISOString(),
        answers: {
          program: r.program.en,
          date: r.transaction_date,
          channel: r.channel,
          language: r.language,
          trust: r.trust,
          satisfaction: r.satisfaction,
          effectiveness: r.effectiveness,
          ease: r.ease,
          efficiency: r.efficiency,
          equity: r.equity,
          employee: r.employee,
          wentWell: r.went_well,
          notWell: r.not_well,
          comment: r.comment,
          commentWell: r.comment_well,
          custom: JSON.parse(r.custom_answers) as unknown,
        },
      },
    }));
  },
  async correct(deps, tx, refs, patch) {
    const changed: { ref: string; fields: CorrectableField[] }[] = [];
    for (const r of await found(deps, { ids: idsOf(refs, SOURCE, KIND) }, tx)) {
      const value = r.kind === 'email' ? patch.email?.toLowerCase() : patch.phone ? normalizePhone(patch.phone) : null;
      if (!value) continue;
      await tx
        .updateTable('feedback_contact_requests')
        .set({
          contact_enc: deps.cipher.encrypt(value, CONTACT_FIELD),
          contact_index: contactIndex(deps.cipher, r.kind, value),
        })
        .where('id', '=', r.contact_id)
        .execute();
      changed.push({ ref: ref(r.contact_id), fields: [r.kind] });
    }
    return { ok: true, changed };
  },
  async erase(deps, tx, refs) {
    const ids = idsOf(refs, SOURCE, KIND);
    if (ids.length === 0) return;
    const rows = await tx
      .selectFrom('feedback_contact_requests as c')
      .innerJoin('feedback_responses as r', 'r.id', 'c.response_id')
      .select(['c.id', 'r.id as response_id', 'r.custom_answers_enc'])
      .where('c.id', 'in', ids)
      .execute();
    for (const r of rows) {
      await tx.deleteFrom('feedback_contact_requests').where('id', '=', r.id).execute();
      await tx
        .updateTable('feedback_responses')
        .set(
          sealResponseText(deps.cipher, {
            comment: null,
            comment_well: null,
            custom_answers: withoutText(openCustomAnswers(deps.cipher, r.custom_answers_enc)),
          }),
        )
        .where('id', '=', r.response_id)
        .execute();
    }
  },
  retention,
};

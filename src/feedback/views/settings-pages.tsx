import { platformMessages } from '../../platform/i18n/messages.js';
import {
  Alert,
  CsrfField,
  DataTable,
  ErrorSummary,
  Select,
  TextInput,
  type PageContext,
} from '../../platform/views/index.js';
import type { SurveyForm } from '../drivers.js';
import { feedbackMessages, type FeedbackKey } from '../messages.js';
import type { QuestionRow } from '../repository.js';
import type { SurveySettings } from '../survey-settings.js';
import { FeedbackMenu } from './dashboard-page.js';

const FORM_KEYS: Record<SurveyForm, FeedbackKey> = { a11: 'settings.form.a11', likert: 'settings.form.likert' };
const NOTICES: Record<string, FeedbackKey> = {
  saved: 'settings.done.saved',
  added: 'questions.done.added',
  changed: 'questions.done.changed',
};

export function noticeKey(done: string | undefined): FeedbackKey | undefined {
  return NOTICES[done ?? ''];
}

export function SettingsList(p: {
  ctx: PageContext;
  programs: { id: string; name: string; settings: SurveySettings }[];
  questions: QuestionRow[];
  programName: (id: string | null) => string;
  notice: FeedbackKey | undefined;
  canManage: boolean;
}) {
  const t = feedbackMessages.for(p.ctx.locale);
  const onOff = (v: boolean) => (v ? t('settings.on') : t('settings.off'));
  return (
    <>
      <h1>{t('settings.title')}</h1>
      <FeedbackMenu locale={p.ctx.locale} current="/staff/feedback/settings" />
      {p.notice && (
        <Alert type="success" slim>
          {t(p.notice)}
        </Alert>
      )}
      <p>{t('settings.intro')}</p>
      <DataTable
        caption={t('settings.title')}
        rows={p.programs}
        rowKey={(r) => r.id}
        columns={[
          { label: t('dimension.program'), cell: (r) => r.name, rowHeader: true },
          { label: t('settings.col.form'), cell: (r) => t(FORM_KEYS[r.settings.form]) },
          { label: t('settings.col.visit'), cell: (r) => onOff(r.settings.triggers.visit) },
          { label: t('settings.col.cancellation'), cell: (r) => onOff(r.settings.triggers.cancellation) },
          { label: t('settings.col.booking'), cell: (r) => onOff(r.settings.triggers.booking) },
          ...(p.canManage
            ? [
                {
                  label: t('settings.col.actions'),
                  cell: (r: { id: string; name: string }) => (
                    <a class="usa-link" href={`/staff/feedback/settings/${r.id}`}>
                      {t('settings.edit', { name: r.name })}
                    </a>
                  ),
                },
              ]
            : []),
        ]}
      />
      <h2 class="margin-top-5">{t('questions.title')}</h2>
      <p>{t('questions.intro')}</p>
      <QuestionsTable
        ctx={p.ctx}
        questions={p.questions}
        askedIn={(q) => p.programName(q.program_id)}
        canManage={p.canManage}
      />
      {p.canManage && (
        <p>
          <a class="usa-button" href="/staff/feedback/questions/new">
            {t('questions.add')}
          </a>
        </p>
      )}
    </>
  );
}

/** Custom questions with their status; managers edit their wording, retire or resume them. */
export function QuestionsTable(p: {
  ctx: PageContext;
  questions: QuestionRow[];
  /** Where a question is asked (a program, every program, the pulse). */
  askedIn: (q: QuestionRow) => string;
  canManage: boolean;
}) {
  const t = feedbackMessages.for(p.ctx.locale);
  const prompt = (q: QuestionRow) => (p.ctx.locale === 'es' ? q.prompt_es : q.prompt_en);
  if (p.questions.length === 0) return <p>{t('questions.none')}</p>;
  return (
    <DataTable
      caption={t('questions.title')}
      rows={p.questions}
      rowKey={(q) => q.id}
      columns={[
        { label: t('questions.col.prompt'), cell: prompt, rowHeader: true },
        { label: t('questions.col.askedIn'), cell: p.askedIn },
        {
          label: t('questions.col.kind'),
          cell: (q) => (q.kind === 'scale' ? t('questions.kind.scale') : t('questions.kind.text')),
        },
        {
          label: t('questions.col.status'),
          cell: (q) => (q.active ? t('questions.active') : t('questions.retired')),
        },
        ...(p.canManage
          ? [
              {
                label: t('settings.col.actions'),
                cell: (q: QuestionRow) => (
                  <ul class="usa-list usa-list--unstyled">
                    <li>
                      <a class="usa-link" href={`/staff/feedback/questions/${q.id}/edit`}>
                        {t('questions.editLink', { prompt: prompt(q) })}
                      </a>
                    </li>
                    <li>
                      <form
                        method="post"
                        action={`/staff/feedback/questions/${q.id}/${q.active ? 'retire' : 'resume'}`}
                      >
                        <CsrfField token={p.ctx.csrfToken} />
                        <button type="submit" class="usa-button usa-button--unstyled">
                          {q.active
                            ? t('questions.retire', { prompt: prompt(q) })
                            : t('questions.resume', { prompt: prompt(q) })}
                        </button>
                      </form>
                    </li>
                  </ul>
                ),
              },
            ]
          : []),
      ]}
    />
  );
}

export function SettingsForm(p: {
  ctx: PageContext;
  programName: string;
  action: string;
  values: Record<string, string>;
  errors: Record<string, string>;
  agencyName: string;
}) {
  const t = feedbackMessages.for(p.ctx.locale);
  const pm = platformMessages.for(p.ctx.locale);
  const { values: v, errors: e } = p;
  const box = (name: string, label: string) => (
    <div class="usa-checkbox" key={name}>
      <input class="usa-checkbox__input" id={name} type="checkbox" name={name} value="on" checked={v[name] === 'on'} />
      <label class="usa-checkbox__label" for={name}>
        {label}
      </label>
    </div>
  );
  return (
    <>
      <h1>{t('settings.editTitle', { name: p.programName })}</h1>
      <ErrorSummary heading={pm('errors.summaryHeading')} errors={e} />
      <form class="usa-form usa-form--large" method="post" action={p.action} novalidate>
        <CsrfField token={p.ctx.csrfToken} />
        <Select
          name="form"
          label={t('settings.col.form')}
          value={v.form ?? 'a11'}
          error={e.form}
          options={[
            { value: 'a11', label: t('settings.form.a11') },
            { value: 'likert', label: t('settings.form.likert') },
          ]}
        />
        <TextInput
          name="trustWordingEn"
          label={t('settings.wordingEn')}
          hint={t('settings.wordingHint', {
            example: feedbackMessages.for('en')('survey.trustDefault', { agency: p.agencyName }),
          })}
          value={v.trustWordingEn}
          error={e.trustWordingEn}
        />
        <TextInput
          name="trustWordingEs"
          label={t('settings.wordingEs')}
          hint={t('settings.wordingHint', {
            example: feedbackMessages.for('es')('survey.trustDefault', { agency: p.agencyName }),
          })}
          value={v.trustWordingEs}
          error={e.trustWordingEs}
        />
        <fieldset class="usa-fieldset margin-top-3">
          <legend class="usa-legend">{t('settings.triggers')}</legend>
          {box('triggerVisit', t('settings.trigger.visit'))}
          {box('triggerCancellation', t('settings.trigger.cancellation'))}
          {box('triggerBooking', t('settings.trigger.booking'))}
        </fieldset>
        <button type="submit" class="usa-button margin-top-3">
          {t('settings.save')}
        </button>
        <a class="usa-button usa-button--unstyled margin-left-2" href="/staff/feedback/settings">
          {t('settings.cancel')}
        </a>
      </form>
    </>
  );
}

/**
 * Add a question (where it is asked, its kind, its wording in both languages) or edit one's wording (`fixed` shows
 * where it is asked and its kind, which do not change so past answers keep their meaning).
 */
export function QuestionForm(p: {
  ctx: PageContext;
  title: string;
  action: string;
  back: string;
  /** The program choice (residents' questions being added), or null. */
  programs: { id: string; name: string }[] | null;
  fixed?: { askedIn: string; kind: QuestionRow['kind'] };
  values: Record<string, string>;
  errors: Record<string, string>;
}) {
  const t = feedbackMessages.for(p.ctx.locale);
  const pm = platformMessages.for(p.ctx.locale);
  const { values: v, errors: e } = p;
  return (
    <>
      <h1>{p.title}</h1>
      <ErrorSummary heading={pm('errors.summaryHeading')} errors={e} />
      {p.fixed && (
        <p>
          {t('questions.fixed', {
            askedIn: p.fixed.askedIn,
            kind: p.fixed.kind === 'scale' ? t('questions.kind.scale') : t('questions.kind.text'),
          })}
        </p>
      )}
      <form class="usa-form usa-form--large" method="post" action={p.action} novalidate>
        <CsrfField token={p.ctx.csrfToken} />
        {p.programs && (
          <Select
            name="programId"
            label={t('dimension.program')}
            value={v.programId ?? ''}
            error={e.programId}
            options={[
              { value: '', label: t('questions.allPrograms') },
              ...p.programs.map((x) => ({ value: x.id, label: x.name })),
            ]}
          />
        )}
        {!p.fixed && (
          <Select
            name="kind"
            label={t('questions.col.kind')}
            value={v.kind ?? 'scale'}
            error={e.kind}
            options={[
              { value: 'scale', label: t('questions.kind.scale') },
              { value: 'text', label: t('questions.kind.text') },
            ]}
          />
        )}
        <TextInput name="promptEn" label={t('questions.promptEn')} value={v.promptEn} error={e.promptEn} required />
        <TextInput name="promptEs" label={t('questions.promptEs')} value={v.promptEs} error={e.promptEs} required />
        <button type="submit" class="usa-button margin-top-3">
          {t('questions.save')}
        </button>
        <a class="usa-button usa-button--unstyled margin-left-2" href={p.back}>
          {t('settings.cancel')}
        </a>
      </form>
    </>
  );
}

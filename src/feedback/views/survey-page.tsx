import { platformMessages } from '../../platform/i18n/messages.js';
import { CsrfField, ErrorSummary, Layout, type PageContext } from '../../platform/views/index.js';
import { A11_DRIVERS, LIKERT_DRIVERS, SCALE, type A11Driver, type SurveyForm } from '../drivers.js';
import { feedbackMessages, type FeedbackKey } from '../messages.js';
import type { QuestionRow } from '../repository.js';

export const SCALE_KEYS: Record<(typeof SCALE)[number], FeedbackKey> = {
  1: 'survey.scale.1',
  2: 'survey.scale.2',
  3: 'survey.scale.3',
  4: 'survey.scale.4',
  5: 'survey.scale.5',
};
export const DRIVER_KEYS: Record<A11Driver, FeedbackKey> = {
  effectiveness: 'survey.driver.effectiveness',
  ease: 'survey.driver.ease',
  efficiency: 'survey.driver.efficiency',
  transparency: 'survey.driver.transparency',
  humanity: 'survey.driver.humanity',
  employee: 'survey.driver.employee',
  other: 'survey.driver.other',
};
export const LIKERT_KEYS: Record<'satisfaction' | (typeof LIKERT_DRIVERS)[number], FeedbackKey> = {
  satisfaction: 'survey.likert.satisfaction',
  effectiveness: 'survey.likert.effectiveness',
  ease: 'survey.likert.ease',
  efficiency: 'survey.likert.efficiency',
  equity: 'survey.likert.equity',
  employee: 'survey.likert.employee',
};

function ErrorText({ id, error }: { id: string; error?: string | undefined }) {
  return error ? (
    <span class="usa-error-message" id={`${id}-error`} role="alert">
      {error}
    </span>
  ) : null;
}

/** A 1–5 agreement scale as a radio group; the first radio carries the field's id for the error summary. */
function Scale(p: {
  name: string;
  legend: string;
  value?: string | undefined;
  error?: string | undefined;
  t: (k: FeedbackKey) => string;
}) {
  return (
    <div class={`usa-form-group${p.error ? ' usa-form-group--error' : ''}`}>
      <fieldset class="usa-fieldset" aria-describedby={p.error ? `${p.name}-error` : undefined}>
        <legend class="usa-legend usa-legend--large">{p.legend}</legend>
        <ErrorText id={p.name} error={p.error} />
        {SCALE.map((n) => {
          const id = n === 1 ? p.name : `${p.name}-${n}`;
          return (
            <div class="usa-radio" key={n}>
              <input
                class="usa-radio__input"
                id={id}
                type="radio"
                name={p.name}
                value={String(n)}
                checked={p.value === String(n)}
              />
              <label class="usa-radio__label" for={id}>
                {p.t(SCALE_KEYS[n])}
              </label>
            </div>
          );
        })}
      </fieldset>
    </div>
  );
}

function Drivers(p: { name: string; legend: string; values: string[]; hint: string; t: (k: FeedbackKey) => string }) {
  return (
    <fieldset class="usa-fieldset margin-top-4" aria-describedby={`${p.name}-hint`}>
      <legend class="usa-legend usa-legend--large">{p.legend}</legend>
      <span class="usa-hint" id={`${p.name}-hint`}>
        {p.hint}
      </span>
      {A11_DRIVERS.map((d, i) => {
        const id = i === 0 ? p.name : `${p.name}-${d}`;
        return (
          <div class="usa-checkbox" key={d}>
            <input
              class="usa-checkbox__input"
              id={id}
              type="checkbox"
              name={p.name}
              value={d}
              checked={p.values.includes(d)}
            />
            <label class="usa-checkbox__label" for={id}>
              {p.t(DRIVER_KEYS[d])}
            </label>
          </div>
        );
      })}
    </fieldset>
  );
}

function TextArea(p: {
  name: string;
  label: string;
  hint?: string;
  value?: string | undefined;
  error?: string | undefined;
}) {
  const describedBy = [p.hint ? `${p.name}-hint` : '', p.error ? `${p.name}-error` : ''].filter(Boolean).join(' ');
  return (
    <div class={`usa-form-group${p.error ? ' usa-form-group--error' : ''}`}>
      <label class="usa-label" for={p.name}>
        {p.label}
      </label>
      {p.hint && (
        <span class="usa-hint" id={`${p.name}-hint`}>
          {p.hint}
        </span>
      )}
      <ErrorText id={p.name} error={p.error} />
      <textarea
        class="usa-textarea"
        id={p.name}
        name={p.name}
        rows={4}
        maxLength={2000}
        aria-describedby={describedBy || undefined}
      >
        {p.value ?? ''}
      </textarea>
    </div>
  );
}

/** "You may contact me about my answers": unticked unless the person ticks it; the contact only counts then. */
function ContactChoice(p: {
  values: Record<string, string>;
  error?: string | undefined;
  t: (k: FeedbackKey) => string;
}) {
  const { t } = p;
  return (
    <fieldset class="usa-fieldset margin-top-4" aria-describedby="contactOk-hint">
      <legend class="usa-legend usa-legend--large">{t('survey.contact.legend')}</legend>
      <span class="usa-hint" id="contactOk-hint">
        {t('survey.contact.hint')}
      </span>
      <div class="usa-checkbox">
        <input
          class="usa-checkbox__input"
          id="contactOk"
          type="checkbox"
          name="contactOk"
          value="yes"
          checked={p.values.contactOk === 'yes'}
        />
        <label class="usa-checkbox__label" for="contactOk">
          {t('survey.contact.ok')}
        </label>
      </div>
      <div class={`usa-form-group${p.error ? ' usa-form-group--error' : ''}`}>
        <label class="usa-label" for="contact">
          {t('survey.contact.label')}
        </label>
        <span class="usa-hint" id="contact-hint">
          {t('survey.contact.fieldHint')}
        </span>
        <ErrorText id="contact" error={p.error} />
        <input
          class={`usa-input${p.error ? ' usa-input--error' : ''}`}
          id="contact"
          name="contact"
          type="text"
          maxLength={254}
          autoComplete="off"
          value={p.values.contact ?? ''}
          aria-describedby={p.error ? 'contact-hint contact-error' : 'contact-hint'}
        />
      </div>
    </fieldset>
  );
}

export interface SurveyPageProps {
  ctx: PageContext;
  action: string;
  form: SurveyForm;
  trustWording: string;
  questions: QuestionRow[];
  values: Record<string, string>;
  errors: Record<string, string>;
}

/** The survey: the current A-11 form or the Likert set, then staff's own questions. Works without JavaScript. */
export function SurveyPage({ ctx, action, form, trustWording, questions, values: v, errors: e }: SurveyPageProps) {
  const t = feedbackMessages.for(ctx.locale);
  const pm = platformMessages.for(ctx.locale);
  const ticked = (name: string) => (v[name] ?? '').split(',').filter(Boolean);
  return (
    <Layout ctx={ctx} title={t('survey.title')}>
      <div class="grid-row">
        <div class="tablet:grid-col-10 desktop:grid-col-8">
          <h1>{t('survey.title')}</h1>
          <p class="usa-intro">{t('survey.intro')}</p>
          <ErrorSummary heading={pm('errors.summaryHeading')} errors={e} />
          <form class="usa-form usa-form--large" method="post" action={action} novalidate>
            <CsrfField token={ctx.csrfToken} />
            <div class="display-none" aria-hidden="true">
              <label for="website">{t('survey.honeypot')}</label>
              <input id="website" name="website" type="text" tabIndex={-1} autoComplete="off" />
            </div>
            {form === 'likert' && (
              <Scale
                name="satisfaction"
                legend={t(LIKERT_KEYS.satisfaction)}
                value={v.satisfaction}
                error={e.satisfaction}
                t={t}
              />
            )}
            <Scale name="trust" legend={trustWording} value={v.trust} error={e.trust} t={t} />
            {form === 'a11' ? (
              <>
                <Drivers
                  name="wentWell"
                  legend={t('survey.wentWell')}
                  hint={t('survey.selectAll')}
                  values={ticked('wentWell')}
                  t={t}
                />
                <Drivers
                  name="notWell"
                  legend={t('survey.notWell')}
                  hint={t('survey.selectAll')}
                  values={ticked('notWell')}
                  t={t}
                />
              </>
            ) : (
              LIKERT_DRIVERS.map((item) => (
                <Scale key={item} name={item} legend={t(LIKERT_KEYS[item])} value={v[item]} error={e[item]} t={t} />
              ))
            )}
            {questions.map((q) => {
              const name = `q_${q.id}`;
              const prompt = ctx.locale === 'es' ? q.prompt_es : q.prompt_en;
              return q.kind === 'scale' ? (
                <Scale
                  key={q.id}
                  name={name}
                  legend={`${prompt} ${t('survey.optional')}`}
                  value={v[name]}
                  error={e[name]}
                  t={t}
                />
              ) : (
                <TextArea
                  key={q.id}
                  name={name}
                  label={`${prompt} ${t('survey.optional')}`}
                  value={v[name]}
                  error={e[name]}
                />
              );
            })}
            {form === 'likert' && (
              <TextArea
                name="commentWell"
                label={t('survey.commentWell')}
                hint={t('survey.commentHint')}
                value={v.commentWell}
                error={e.commentWell}
              />
            )}
            <TextArea
              name="comment"
              label={form === 'likert' ? t('survey.commentImprove') : t('survey.comment')}
              hint={t('survey.commentHint')}
              value={v.comment}
              error={e.comment}
            />
            <ContactChoice values={v} error={e.contact} t={t} />
            <button type="submit" class="usa-button margin-top-3">
              {t('survey.submit')}
            </button>
          </form>
        </div>
      </div>
    </Layout>
  );
}

/** A short page with a heading and a sentence (thanks, or why a link cannot be used). */
export function SurveyMessagePage({ ctx, title, text }: { ctx: PageContext; title: string; text: string }) {
  const t = feedbackMessages.for(ctx.locale);
  return (
    <Layout ctx={ctx} title={title}>
      <h1>{title}</h1>
      <p class="usa-intro">{text}</p>
      <p>
        <a class="usa-link" href="/">
          {t('survey.thanks.home')}
        </a>
      </p>
    </Layout>
  );
}

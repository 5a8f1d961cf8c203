import { platformMessages } from '../../platform/i18n/messages.js';
import { roleLabel } from '../../platform/http/page.js';
import { isRole } from '../../platform/auth/index.js';
import { Alert, CsrfField, DataTable, ErrorSummary, type PageContext } from '../../platform/views/index.js';
import { SCALE } from '../drivers.js';
import { feedbackMessages, type FeedbackKey } from '../messages.js';
import type { PulseCell } from '../pulse.js';
import type { PulseFrequency, QuestionRow } from '../repository.js';
import { PULSE_FREQUENCIES } from '../schema.js';
import { QuestionsTable } from './settings-pages.js';
import type { Cell } from '../suppression.js';
import { estimate } from './format.js';
import { FeedbackMenu } from './dashboard-page.js';

const LOW_HIGH: Record<(typeof SCALE)[number], FeedbackKey> = {
  1: 'pulse.scale.1',
  2: 'pulse.scale.2',
  3: 'pulse.scale.3',
  4: 'pulse.scale.4',
  5: 'pulse.scale.5',
};

function PulseScale(p: {
  name: string;
  legend: string;
  value?: string | undefined;
  error?: string | undefined;
  locale: PageContext['locale'];
}) {
  const t = feedbackMessages.for(p.locale);
  return (
    <div class={`usa-form-group${p.error ? ' usa-form-group--error' : ''}`}>
      <fieldset class="usa-fieldset" aria-describedby={p.error ? `${p.name}-error` : undefined}>
        <legend class="usa-legend usa-legend--large">{p.legend}</legend>
        {p.error && (
          <span class="usa-error-message" id={`${p.name}-error`} role="alert">
            {p.error}
          </span>
        )}
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
                {t(LOW_HIGH[n])}
              </label>
            </div>
          );
        })}
      </fieldset>
    </div>
  );
}

const FREQUENCY_KEYS: Record<PulseFrequency, FeedbackKey> = {
  weekly: 'pulse.frequency.weekly',
  fortnightly: 'pulse.frequency.fortnightly',
  monthly: 'pulse.frequency.monthly',
  off: 'pulse.frequency.off',
};

function TextAnswer(p: { name: string; label: string; value?: string | undefined; error?: string | undefined }) {
  return (
    <div class={`usa-form-group${p.error ? ' usa-form-group--error' : ''}`}>
      <label class="usa-label" for={p.name}>
        {p.label}
      </label>
      {p.error && (
        <span class="usa-error-message" id={`${p.name}-error`} role="alert">
          {p.error}
        </span>
      )}
      <textarea
        class="usa-textarea"
        id={p.name}
        name={p.name}
        rows={3}
        maxLength={2000}
        aria-describedby={p.error ? `${p.name}-error` : undefined}
      >
        {p.value ?? ''}
      </textarea>
    </div>
  );
}

export function PulsePage(p: {
  ctx: PageContext;
  /** Null when the pulse is off. */
  period: string | null;
  answered: boolean;
  questions: QuestionRow[];
  values: Record<string, string>;
  errors: Record<string, string>;
}) {
  const t = feedbackMessages.for(p.ctx.locale);
  const pm = platformMessages.for(p.ctx.locale);
  const l = p.ctx.locale;
  if (p.period === null)
    return (
      <>
        <h1>{t('pulse.title')}</h1>
        <Alert type="info" slim>
          {t('pulse.off')}
        </Alert>
      </>
    );
  return (
    <>
      <h1>{t('pulse.title')}</h1>
      <p>{t('pulse.intro', { period: p.period })}</p>
      {p.answered ? (
        <Alert type="success" slim>
          {t('pulse.answered')}
        </Alert>
      ) : (
        <>
          <ErrorSummary heading={pm('errors.summaryHeading')} errors={p.errors} />
          <form class="usa-form usa-form--large" method="post" action="/staff/pulse" novalidate>
            <CsrfField token={p.ctx.csrfToken} />
            <PulseScale
              name="workload"
              legend={t('pulse.workload')}
              value={p.values.workload}
              error={p.errors.workload}
              locale={l}
            />
            <PulseScale
              name="tools"
              legend={t('pulse.tools')}
              value={p.values.tools}
              error={p.errors.tools}
              locale={l}
            />
            <TextAnswer name="help" label={t('pulse.help')} value={p.values.help} error={p.errors.help} />
            {p.questions.map((q) => {
              const name = `q_${q.id}`;
              const label = `${l === 'es' ? q.prompt_es : q.prompt_en} ${t('survey.optional')}`;
              return q.kind === 'scale' ? (
                <PulseScale
                  key={q.id}
                  name={name}
                  legend={label}
                  value={p.values[name]}
                  error={p.errors[name]}
                  locale={l}
                />
              ) : (
                <TextAnswer key={q.id} name={name} label={label} value={p.values[name]} error={p.errors[name]} />
              );
            })}
            <button type="submit" class="usa-button margin-top-3">
              {t('pulse.submit')}
            </button>
          </form>
        </>
      )}
    </>
  );
}

/** The pulse's schedule and its own questions (the CX team). */
export function PulseSettingsPage(p: {
  ctx: PageContext;
  questions: QuestionRow[];
  values: Record<string, string>;
  errors: Record<string, string>;
  notice: FeedbackKey | undefined;
}) {
  const t = feedbackMessages.for(p.ctx.locale);
  const pm = platformMessages.for(p.ctx.locale);
  const e = p.errors;
  return (
    <>
      <h1>{t('pulse.settingsTitle')}</h1>
      <FeedbackMenu locale={p.ctx.locale} current="/staff/feedback/pulse/settings" />
      {p.notice && (
        <Alert type="success" slim>
          {t(p.notice)}
        </Alert>
      )}
      <ErrorSummary heading={pm('errors.summaryHeading')} errors={e} />
      <form class="usa-form usa-form--large" method="post" action="/staff/feedback/pulse/settings" novalidate>
        <CsrfField token={p.ctx.csrfToken} />
        <div class={`usa-form-group${e.frequency ? ' usa-form-group--error' : ''}`}>
          <fieldset class="usa-fieldset" aria-describedby={e.frequency ? 'frequency-error' : undefined}>
            <legend class="usa-legend usa-legend--large">{t('pulse.frequency')}</legend>
            {e.frequency && (
              <span class="usa-error-message" id="frequency-error" role="alert">
                {e.frequency}
              </span>
            )}
            {PULSE_FREQUENCIES.map((f, i) => {
              const id = i === 0 ? 'frequency' : `frequency-${f}`;
              return (
                <div class="usa-radio" key={f}>
                  <input
                    class="usa-radio__input"
                    id={id}
                    type="radio"
                    name="frequency"
                    value={f}
                    checked={p.values.frequency === f}
                  />
                  <label class="usa-radio__label" for={id}>
                    {t(FREQUENCY_KEYS[f])}
                  </label>
                </div>
              );
            })}
          </fieldset>
        </div>
        <button type="submit" class="usa-button margin-top-3">
          {t('settings.save')}
        </button>
      </form>
      <h2 class="margin-top-5">{t('pulse.questionsTitle')}</h2>
      <p>{t('pulse.questionsIntro')}</p>
      <QuestionsTable ctx={p.ctx} questions={p.questions} askedIn={() => t('questions.inPulse')} canManage />
      <p>
        <a class="usa-button" href="/staff/feedback/pulse/questions/new">
          {t('questions.addPulse')}
        </a>
      </p>
    </>
  );
}

export function PulseResultsPage({
  ctx,
  cells,
  questions,
}: {
  ctx: PageContext;
  cells: PulseCell[];
  questions: QuestionRow[];
}) {
  const t = feedbackMessages.for(ctx.locale);
  const group = (g: string) => (g === 'all' ? t('pulse.everyone') : isRole(g) ? roleLabel(g, ctx.locale) : g);
  // The pulse's own threshold (5), not the residents' (10).
  const pulseText = <T extends object>(c: Cell<T>, show: (v: T & { n: number }) => string) =>
    c.suppressed ? t('pulse.suppressed') : show(c);
  return (
    <>
      <h1>{t('pulse.resultsTitle')}</h1>
      <FeedbackMenu locale={ctx.locale} current="/staff/feedback/pulse/results" />
      <p>{t('pulse.resultsIntro')}</p>
      {cells.length === 0 ? (
        <p>{t('pulse.none')}</p>
      ) : (
        <DataTable
          caption={t('pulse.resultsTitle')}
          rows={cells}
          rowKey={(c) => `${c.period}-${c.group}`}
          columns={[
            { label: t('col.period'), cell: (c) => c.period, rowHeader: true },
            { label: t('pulse.group'), cell: (c) => group(c.group) },
            { label: t('col.responses'), cell: (c) => pulseText(c.cell, (v) => String(v.n)) },
            {
              label: t('pulse.workloadShort'),
              cell: (c) => pulseText(c.cell, (v) => estimate(ctx.locale, v.workload)),
            },
            {
              label: t('pulse.toolsShort'),
              cell: (c) => pulseText(c.cell, (v) => estimate(ctx.locale, v.tools)),
            },
            {
              label: t('pulse.helpShort'),
              cell: (c) =>
                c.cell.suppressed ? (
                  t('pulse.suppressed')
                ) : (
                  <ul class="usa-list">
                    {c.cell.help.map((h, i) => (
                      <li key={i}>{h}</li>
                    ))}
                  </ul>
                ),
            },
          ]}
        />
      )}
      <CustomResults ctx={ctx} cells={cells} questions={questions} group={group} />
    </>
  );
}

/** Staff's own pulse questions: one row per shown period and group and question (5 answers or more each). */
function CustomResults(p: {
  ctx: PageContext;
  cells: PulseCell[];
  questions: QuestionRow[];
  group: (g: string) => string;
}) {
  const t = feedbackMessages.for(p.ctx.locale);
  const l = p.ctx.locale;
  const rows = p.cells.flatMap((c) =>
    p.questions.flatMap((q) => {
      const r = c.custom[q.id];
      return r ? [{ key: `${c.period}-${c.group}-${q.id}`, period: c.period, group: c.group, q, r }] : [];
    }),
  );
  if (rows.length === 0) return null;
  return (
    <>
      <h2 class="margin-top-5">{t('pulse.questionsTitle')}</h2>
      <DataTable
        caption={t('pulse.questionsTitle')}
        rows={rows}
        rowKey={(r) => r.key}
        columns={[
          { label: t('col.period'), cell: (r) => r.period, rowHeader: true },
          { label: t('pulse.group'), cell: (r) => p.group(r.group) },
          { label: t('questions.col.prompt'), cell: (r) => (l === 'es' ? r.q.prompt_es : r.q.prompt_en) },
          {
            label: t('pulse.answers'),
            cell: (r) =>
              r.r.suppressed ? (
                t('pulse.suppressed')
              ) : 'estimate' in r.r ? (
                estimate(l, r.r.estimate)
              ) : (
                <ul class="usa-list">
                  {r.r.texts.map((x, i) => (
                    <li key={i}>{x}</li>
                  ))}
                </ul>
              ),
          },
        ]}
      />
    </>
  );
}

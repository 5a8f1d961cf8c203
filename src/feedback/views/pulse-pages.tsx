import { platformMessages } from '../../platform/i18n/messages.js';
import { roleLabel } from '../../platform/http/page.js';
import { isRole } from '../../platform/auth/index.js';
import { Alert, CsrfField, DataTable, ErrorSummary, type PageContext } from '../../platform/views/index.js';
import { SCALE } from '../drivers.js';
import { feedbackMessages, type FeedbackKey } from '../messages.js';
import type { PulseCell } from '../pulse.js';
import { cellText, estimate } from './format.js';
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

export function PulsePage(p: {
  ctx: PageContext;
  period: string;
  answered: boolean;
  values: Record<string, string>;
  errors: Record<string, string>;
}) {
  const t = feedbackMessages.for(p.ctx.locale);
  const pm = platformMessages.for(p.ctx.locale);
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
              locale={p.ctx.locale}
            />
            <PulseScale
              name="tools"
              legend={t('pulse.tools')}
              value={p.values.tools}
              error={p.errors.tools}
              locale={p.ctx.locale}
            />
            <div class="usa-form-group">
              <label class="usa-label" for="help">
                {t('pulse.help')}
              </label>
              <textarea class="usa-textarea" id="help" name="help" rows={3} maxLength={2000}>
                {p.values.help ?? ''}
              </textarea>
            </div>
            <button type="submit" class="usa-button margin-top-3">
              {t('pulse.submit')}
            </button>
          </form>
        </>
      )}
    </>
  );
}

export function PulseResultsPage({ ctx, cells }: { ctx: PageContext; cells: PulseCell[] }) {
  const t = feedbackMessages.for(ctx.locale);
  const group = (g: string) => (g === 'all' ? t('pulse.everyone') : isRole(g) ? roleLabel(g, ctx.locale) : g);
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
            { label: t('col.responses'), cell: (c) => cellText(ctx.locale, c.cell, (v) => String(v.n)) },
            {
              label: t('pulse.workloadShort'),
              cell: (c) => cellText(ctx.locale, c.cell, (v) => estimate(ctx.locale, v.workload)),
            },
            {
              label: t('pulse.toolsShort'),
              cell: (c) => cellText(ctx.locale, c.cell, (v) => estimate(ctx.locale, v.tools)),
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
    </>
  );
}

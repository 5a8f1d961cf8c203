import type { Locale } from '../../platform/i18n/index.js';
import { DataTable, Raw, Select, TextInput, type PageContext } from '../../platform/views/index.js';
import type { DriverGap, DriverPerformance, LikertDriverRow, RateRow, TrendCell } from '../insight.js';
import type { Labels, InsightFilter } from '../load-insight.js';
import { feedbackMessages, type FeedbackKey } from '../messages.js';
import type { Cell } from '../suppression.js';
import { cellText, estimate, num } from './format.js';
import { DRIVER_KEYS, LIKERT_KEYS } from './survey-page.js';

export const DIMENSION_KEYS: Record<InsightFilter['by'], FeedbackKey> = {
  program: 'dimension.program',
  site: 'dimension.site',
  channel: 'dimension.channel',
  language: 'dimension.language',
};
export const MEASURE_KEYS: Record<InsightFilter['measure'], FeedbackKey> = {
  trust: 'measure.trust',
  satisfaction: 'measure.satisfaction',
};
const GRAIN_KEYS: Record<InsightFilter['grain'], FeedbackKey> = { month: 'grain.month', quarter: 'grain.quarter' };

export interface DashboardProps {
  ctx: PageContext;
  filter: InsightFilter;
  labels: Labels;
  trend: TrendCell[];
  trendSvg: string | null;
  rates: RateRow[];
  performance: { n: number; drivers: DriverPerformance[] };
  gaps: DriverGap[];
  likert: Cell<{ rSquared: number; drivers: LikertDriverRow[] }>;
  importanceSvg: string | null;
}

/** The console's feedback sub-menu. */
export function FeedbackMenu({ locale, current }: { locale: Locale; current: string }) {
  const t = feedbackMessages.for(locale);
  const items: [string, FeedbackKey][] = [
    ['/staff/feedback', 'nav.insight'],
    ['/staff/feedback/comments', 'nav.comments'],
    ['/staff/feedback/exports', 'nav.exports'],
    ['/staff/feedback/settings', 'nav.settings'],
    ['/staff/feedback/pulse/results', 'nav.pulseResults'],
    ['/staff/feedback/pulse/settings', 'nav.pulseSettings'],
  ];
  return (
    <nav aria-label={t('nav.feedbackMenu')} class="margin-bottom-3">
      <ul class="usa-button-group">
        {items.map(([href, key]) => (
          <li class="usa-button-group__item" key={href}>
            <a
              class={`usa-button${href === current ? '' : ' usa-button--outline'}`}
              href={href}
              aria-current={href === current ? 'page' : undefined}
            >
              {t(key)}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

function Filters({ ctx, filter, labels }: { ctx: PageContext; filter: InsightFilter; labels: Labels }) {
  const t = feedbackMessages.for(ctx.locale);
  return (
    <form class="usa-form usa-form--large" method="get" action="/staff/feedback">
      <fieldset class="usa-fieldset">
        <legend class="usa-legend">{t('filters.legend')}</legend>
        <TextInput name="from" label={t('filters.from')} type="date" value={filter.from} width="md" />
        <TextInput name="to" label={t('filters.to')} type="date" value={filter.to} width="md" />
        <Select
          name="programId"
          label={t('filters.program')}
          value={filter.programId ?? ''}
          options={[
            { value: '', label: t('filters.all') },
            ...labels.programs.map((p) => ({ value: p.id, label: p.name })),
          ]}
        />
        <Select
          name="by"
          label={t('filters.by')}
          value={filter.by}
          options={Object.entries(DIMENSION_KEYS).map(([value, key]) => ({ value, label: t(key) }))}
        />
        <Select
          name="measure"
          label={t('filters.measure')}
          value={filter.measure}
          options={Object.entries(MEASURE_KEYS).map(([value, key]) => ({ value, label: t(key) }))}
        />
        <Select
          name="grain"
          label={t('filters.grain')}
          value={filter.grain}
          options={Object.entries(GRAIN_KEYS).map(([value, key]) => ({ value, label: t(key) }))}
        />
        <button type="submit" class="usa-button margin-top-2">
          {t('filters.apply')}
        </button>
      </fieldset>
    </form>
  );
}

function Chart({ svg, emptyText }: { svg: string | null; emptyText: string }) {
  return svg ? <Raw html={svg} className="fd-chart-frame margin-y-2" /> : <p>{emptyText}</p>;
}

export function DashboardPage(p: DashboardProps) {
  const { locale } = p.ctx;
  const t = feedbackMessages.for(locale);
  const group = (id: string) => p.labels.group(p.filter.by, id);
  const measure = t(MEASURE_KEYS[p.filter.measure]);
  return (
    <>
      <h1>{t('insight.title')}</h1>
      <FeedbackMenu locale={locale} current="/staff/feedback" />
      <p>{t('insight.intro')}</p>
      <Filters ctx={p.ctx} filter={p.filter} labels={p.labels} />

      <h2 class="margin-top-5">{t('insight.trendHeading', { measure, dimension: t(DIMENSION_KEYS[p.filter.by]) })}</h2>
      <Chart svg={p.trendSvg} emptyText={t('insight.noShowable')} />
      <DataTable
        caption={t('insight.trendTable', { measure })}
        showCaption
        compact
        rows={p.trend}
        rowKey={(r) => `${r.period}-${r.group}`}
        columns={[
          { label: t('col.period'), cell: (r) => r.period, rowHeader: true },
          { label: t(DIMENSION_KEYS[p.filter.by]), cell: (r) => group(r.group) },
          { label: t('col.responses'), cell: (r) => cellText(locale, r.cell, (c) => String(c.n)) },
          { label: t('col.meanCi', { measure }), cell: (r) => cellText(locale, r.cell, (c) => estimate(locale, c)) },
        ]}
      />

      <h2 class="margin-top-5">{t('insight.ratesHeading')}</h2>
      <p>{t('insight.ratesIntro')}</p>
      <DataTable
        caption={t('insight.ratesHeading')}
        compact
        rows={p.rates}
        rowKey={(r) => r.group}
        columns={[
          { label: t(DIMENSION_KEYS[p.filter.by]), cell: (r) => group(r.group), rowHeader: true },
          { label: t('col.transactions'), cell: (r) => String(r.transactions) },
          { label: t('col.offered'), cell: (r) => String(r.offered) },
          { label: t('col.responses'), cell: (r) => cellText(locale, r.responses, (c) => String(c.n)) },
          {
            label: t('col.rateCi'),
            cell: (r) => cellText(locale, r.responses, (c) => (c.rate ? estimate(locale, c.rate, 'pct') : '—')),
          },
        ]}
      />

      <h2 class="margin-top-5">{t('insight.performanceHeading')}</h2>
      <p>{t('insight.performanceIntro', { n: p.performance.n })}</p>
      <DataTable
        caption={t('insight.performanceHeading')}
        compact
        rows={p.performance.drivers}
        rowKey={(r) => r.driver}
        columns={[
          { label: t('col.driver'), cell: (r) => t(DRIVER_KEYS[r.driver]), rowHeader: true },
          { label: t('col.wentWell'), cell: (r) => cellText(locale, r.wentWell, (c) => estimate(locale, c, 'pct')) },
          { label: t('col.notWell'), cell: (r) => cellText(locale, r.notWell, (c) => estimate(locale, c, 'pct')) },
        ]}
      />

      <h2 class="margin-top-5">{t('insight.gapsHeading')}</h2>
      <p>{t('insight.gapsIntro')}</p>
      <DataTable
        caption={t('insight.gapsHeading')}
        compact
        rows={p.gaps}
        rowKey={(r) => r.driver}
        columns={[
          { label: t('col.driver'), cell: (r) => t(DRIVER_KEYS[r.driver]), rowHeader: true },
          {
            label: t('col.gapCi'),
            cell: (r) => cellText(locale, r.difference, (c) => estimate(locale, c)),
          },
          {
            label: t('col.gapN'),
            cell: (r) => cellText(locale, r.difference, (c) => t('format.pair', { a: c.nWell, b: c.nNot })),
          },
        ]}
      />

      <h2 class="margin-top-5">{t('insight.importanceHeading')}</h2>
      <p>{t('insight.importanceIntro')}</p>
      {p.likert.suppressed ? (
        <p>{t('insight.noShowable')}</p>
      ) : (
        <>
          <Chart svg={p.importanceSvg} emptyText={t('insight.noShowable')} />
          <DataTable
            caption={t('insight.importanceTable', { n: p.likert.n, r2: num(locale, p.likert.rSquared) })}
            showCaption
            compact
            rows={p.likert.drivers}
            rowKey={(r) => r.driver}
            columns={[
              { label: t('col.driver'), cell: (r) => t(LIKERT_KEYS[r.driver]), rowHeader: true },
              { label: t('col.performance'), cell: (r) => estimate(locale, r.performance) },
              { label: t('col.importance'), cell: (r) => estimate(locale, r.importance, 'pct') },
            ]}
          />
        </>
      )}
    </>
  );
}

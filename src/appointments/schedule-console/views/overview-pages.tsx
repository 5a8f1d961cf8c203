/** The list of sites' schedules, one site's schedule (templates, closures, publishing) and the publish preview. */
import { DateTime } from 'luxon';
import { platformMessages } from '../../../platform/i18n/messages.js';
import {
  Alert,
  CsrfField,
  DataTable,
  ErrorSummary,
  NoSitesAssigned,
  TextInput,
  type PageContext,
} from '../../../platform/views/index.js';
import { scheduleMessages, type ScheduleKey } from '../messages.js';
import type { ClosureRow, TemplateRow } from '../repository.js';
import { SiteHeading, type SiteView } from './common.js';

export function SitesSchedulePage({ ctx, sites, noSites }: { ctx: PageContext; sites: SiteView[]; noSites: boolean }) {
  const t = scheduleMessages.for(ctx.locale);
  return (
    <>
      <h1>{t('sites.title')}</h1>
      <p>{t('sites.intro')}</p>
      {noSites ? (
        <NoSitesAssigned locale={ctx.locale} />
      ) : sites.length === 0 ? (
        <p>{t('sites.none')}</p>
      ) : (
        <DataTable
          caption={t('sites.title')}
          rows={sites}
          rowKey={(s) => s.id}
          columns={[
            {
              label: t('sites.col.site'),
              rowHeader: true,
              cell: (s) => (
                <a class="usa-link" href={`/staff/sites/${s.id}/schedule`}>
                  {s.name}
                </a>
              ),
            },
            { label: t('sites.col.zone'), cell: (s) => s.time_zone },
            {
              label: t('sites.col.calendar'),
              cell: (s) => (
                <a class="usa-link" href={`/staff/sites/${s.id}/schedule/week`}>
                  {t('sites.weekOf', { site: s.name })}
                </a>
              ),
            },
          ]}
        />
      )}
    </>
  );
}

const WEEKDAY_KEYS: Record<number, ScheduleKey> = {
  1: 'weekday.1',
  2: 'weekday.2',
  3: 'weekday.3',
  4: 'weekday.4',
  5: 'weekday.5',
  6: 'weekday.6',
  7: 'weekday.7',
};
export const weekdayName = (ctx: PageContext, d: number) =>
  scheduleMessages.for(ctx.locale)(WEEKDAY_KEYS[d] ?? 'weekday.1');

export interface OverviewProps {
  ctx: PageContext;
  site: SiteView;
  templates: (TemplateRow & { programName: string })[];
  closures: ClosureRow[];
  canEdit: boolean;
  notice?: string | undefined;
  publish: { values: Record<string, string>; errors: Record<string, string> };
}

function TemplatesTable({ ctx, site, templates, canEdit }: OverviewProps) {
  const t = scheduleMessages.for(ctx.locale);
  if (templates.length === 0) return <p>{t('templates.none')}</p>;
  return (
    <DataTable
      caption={t('templates.title')}
      rows={templates}
      rowKey={(r) => r.id}
      columns={[
        { label: t('templates.col.name'), cell: (r) => r.name, rowHeader: true },
        { label: t('templates.col.program'), cell: (r) => r.programName },
        {
          label: t('templates.col.days'),
          cell: (r) =>
            r.weekdays
              .split(',')
              .map((d) => weekdayName(ctx, Number(d)))
              .join(', '),
        },
        {
          label: t('templates.col.hours'),
          cell: (r) =>
            t('templates.hours', { opens: r.opens, closes: r.closes }) +
            (r.breaks ? ` ${t('templates.breaks', { breaks: r.breaks })}` : ''),
        },
        {
          label: t('templates.col.slots'),
          cell: (r) => t('templates.slots', { minutes: r.slot_minutes, lanes: r.capacity }),
        },
        { label: t('templates.col.valid'), cell: (r) => t('templates.valid', { from: r.valid_from, to: r.valid_to }) },
        ...(canEdit
          ? [
              {
                label: t('templates.col.actions'),
                cell: (r: TemplateRow) => (
                  <a class="usa-link" href={`/staff/sites/${site.id}/schedule/templates/${r.id}/edit`}>
                    {t('templates.edit', { name: r.name })}
                  </a>
                ),
              },
            ]
          : []),
      ]}
    />
  );
}

function ClosuresTable({ ctx, closures }: Pick<OverviewProps, 'ctx' | 'closures'>) {
  const t = scheduleMessages.for(ctx.locale);
  if (closures.length === 0) return <p>{t('closures.none')}</p>;
  return (
    <DataTable
      caption={t('closures.title')}
      rows={closures}
      rowKey={(r) => r.id}
      columns={[
        { label: t('closures.col.date'), cell: (r) => r.date, rowHeader: true },
        {
          label: t('closures.col.when'),
          cell: (r) =>
            r.from_time && r.to_time
              ? t('closures.range', { from: r.from_time, to: r.to_time })
              : t('closures.wholeDay'),
        },
        { label: t('closures.col.reason'), cell: (r) => r.reason },
      ]}
    />
  );
}

export function OverviewPage(p: OverviewProps) {
  const t = scheduleMessages.for(p.ctx.locale);
  const pm = platformMessages.for(p.ctx.locale);
  const base = `/staff/sites/${p.site.id}/schedule`;
  return (
    <>
      <SiteHeading ctx={p.ctx} site={p.site} title={t('overview.title', { site: p.site.name })} />
      <p>{t('calendar.zoneNote', { zone: p.site.time_zone })}</p>
      {p.notice && (
        <Alert type="success" slim>
          {p.notice}
        </Alert>
      )}
      <h2>{t('templates.title')}</h2>
      <p>{t('templates.intro')}</p>
      {p.canEdit && (
        <p>
          <a class="usa-button" href={`${base}/templates/new`}>
            {t('templates.add')}
          </a>
        </p>
      )}
      <TemplatesTable {...p} />
      {p.canEdit && (
        <>
          <h2>{t('publish.title')}</h2>
          <p>{t('publish.intro')}</p>
          <ErrorSummary heading={pm('errors.summaryHeading')} errors={p.publish.errors} />
          <form class="usa-form fd-filters" method="get" action={`${base}/publish`} novalidate>
            <TextInput
              name="from"
              type="date"
              label={t('publish.from')}
              value={p.publish.values.from}
              error={p.publish.errors.from}
            />
            <TextInput
              name="to"
              type="date"
              label={t('publish.to')}
              value={p.publish.values.to}
              error={p.publish.errors.to}
            />
            <button type="submit" class="usa-button">
              {t('publish.preview')}
            </button>
          </form>
        </>
      )}
      <h2>{t('closures.title')}</h2>
      {p.canEdit && (
        <p>
          <a class="usa-button usa-button--outline" href={`${base}/closures/new`}>
            {t('closures.add')}
          </a>
        </p>
      )}
      <ClosuresTable ctx={p.ctx} closures={p.closures} />
      <h2>{t('overview.slotsTitle')}</h2>
      <ul class="usa-list">
        <li>
          <a class="usa-link" href={`${base}/week`}>
            {t('overview.weekLink')}
          </a>
        </li>
        {p.canEdit && (
          <li>
            <a class="usa-link" href={`${base}/slots/new`}>
              {t('slot.add')}
            </a>
          </li>
        )}
      </ul>
    </>
  );
}

export function PublishPreviewPage(p: {
  ctx: PageContext;
  site: SiteView;
  range: { from: string; to: string };
  plan: { create: number; existing: number; closed: number };
}) {
  const t = scheduleMessages.for(p.ctx.locale);
  const zone = p.site.time_zone;
  const show = (d: string) => DateTime.fromISO(d, { zone }).setLocale(p.ctx.locale).toLocaleString(DateTime.DATE_FULL);
  return (
    <>
      <SiteHeading ctx={p.ctx} site={p.site} title={t('publish.previewTitle')} />
      <p>{t('publish.range', { from: show(p.range.from), to: show(p.range.to) })}</p>
      <ul class="usa-list">
        <li>{t('publish.willCreate', { count: p.plan.create })}</li>
        <li>{t('publish.existing', { count: p.plan.existing })}</li>
        <li>{t('publish.closed', { count: p.plan.closed })}</li>
      </ul>
      {p.plan.create === 0 ? (
        <Alert type="info" slim>
          {t('publish.nothing')}
        </Alert>
      ) : (
        <form method="post" action={`/staff/sites/${p.site.id}/schedule/publish`}>
          <CsrfField token={p.ctx.csrfToken} />
          <input type="hidden" name="from" value={p.range.from} />
          <input type="hidden" name="to" value={p.range.to} />
          <button type="submit" class="usa-button">
            {t('publish.confirm', { count: p.plan.create })}
          </button>
        </form>
      )}
      <p>
        <a class="usa-link" href={`/staff/sites/${p.site.id}/schedule`}>
          {t('form.back')}
        </a>
      </p>
    </>
  );
}

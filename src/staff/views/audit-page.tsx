import type { AuditRow } from '../../platform/audit/index.js';
import { formatDateTime } from '../../platform/i18n/index.js';
import { DataTable, TextInput, type PageContext } from '../../platform/views/index.js';
import { staffMessages } from '../messages.js';
import type { AuditFilterInput } from '../schema.js';
import { ConsoleLayout, type ConsoleNav } from '../../platform/views/index.js';

function olderHref(filter: AuditFilterInput, beforeId: number): string {
  const q = new URLSearchParams();
  for (const k of ['actor', 'action', 'from', 'to'] as const) {
    const v = filter[k];
    if (v) q.set(k, v);
  }
  q.set('before', String(beforeId));
  return `/staff/audit?${q.toString()}`;
}

export function AuditPage({
  ctx,
  nav,
  rows,
  filter,
  tz,
  hasMore,
}: {
  ctx: PageContext;
  nav: ConsoleNav;
  rows: AuditRow[];
  filter: AuditFilterInput;
  tz: string;
  hasMore: boolean;
}) {
  const t = staffMessages.for(ctx.locale);
  const who = (r: AuditRow) => r.actorLabel ?? (r.actorType === 'system' ? t('audit.system') : t('audit.anonymous'));
  const last = rows.at(-1);
  return (
    <ConsoleLayout ctx={ctx} title={t('audit.title')} nav={nav}>
      <h1>{t('audit.title')}</h1>
      <p>{t('audit.intro')}</p>
      <form class="usa-form usa-form--large fd-filters" method="get" action="/staff/audit">
        <TextInput name="actor" label={t('audit.filter.actor')} value={filter.actor} />
        <TextInput name="action" label={t('audit.filter.action')} value={filter.action} />
        <TextInput
          name="from"
          label={t('audit.filter.from')}
          hint={t('audit.filter.dateHint')}
          type="date"
          value={filter.from}
        />
        <TextInput
          name="to"
          label={t('audit.filter.to')}
          hint={t('audit.filter.dateHint')}
          type="date"
          value={filter.to}
        />
        <button type="submit" class="usa-button">
          {t('audit.filter.submit')}
        </button>
      </form>
      {rows.length === 0 ? (
        <p>{t('audit.none')}</p>
      ) : (
        <DataTable
          caption={t('audit.title')}
          compact
          rows={rows}
          rowKey={(r) => r.id}
          columns={[
            { label: t('audit.col.when'), cell: (r) => formatDateTime(r.at, ctx.locale, tz) },
            { label: t('audit.col.who'), cell: who },
            { label: t('audit.col.action'), cell: (r) => <code>{r.action}</code> },
            {
              label: t('audit.col.subject'),
              cell: (r) => (r.subjectType ? `${r.subjectType} ${r.subjectId ?? ''}` : '—'),
            },
            { label: t('audit.col.from'), cell: (r) => r.ip ?? '—' },
            { label: t('audit.col.details'), cell: (r) => r.details ?? '—' },
          ]}
        />
      )}
      {hasMore && last && (
        <p>
          <a class="usa-link" href={olderHref(filter, last.id)}>
            {t('audit.older')}
          </a>
        </p>
      )}
    </ConsoleLayout>
  );
}

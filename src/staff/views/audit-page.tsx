import type { AuditRow } from '../../platform/audit/index.js';
import { formatDateTime } from '../../platform/i18n/index.js';
import { TextInput, type PageContext } from '../../platform/views/index.js';
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
        <table class="usa-table usa-table--stacked usa-table--compact">
          <caption class="usa-sr-only">{t('audit.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('audit.col.when')}</th>
              <th scope="col">{t('audit.col.who')}</th>
              <th scope="col">{t('audit.col.action')}</th>
              <th scope="col">{t('audit.col.subject')}</th>
              <th scope="col">{t('audit.col.from')}</th>
              <th scope="col">{t('audit.col.details')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id}>
                <td data-label={t('audit.col.when')}>{formatDateTime(r.at, ctx.locale, tz)}</td>
                <td data-label={t('audit.col.who')}>{who(r)}</td>
                <td data-label={t('audit.col.action')}>
                  <code>{r.action}</code>
                </td>
                <td data-label={t('audit.col.subject')}>
                  {r.subjectType ? `${r.subjectType} ${r.subjectId ?? ''}` : '—'}
                </td>
                <td data-label={t('audit.col.from')}>{r.ip ?? '—'}</td>
                <td data-label={t('audit.col.details')}>{r.details ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
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

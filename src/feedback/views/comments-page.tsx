import { DataTable, Select, TextInput, type PageContext } from '../../platform/views/index.js';
import { A11_DRIVERS, decodeDrivers } from '../drivers.js';
import type { InsightFilter, Labels } from '../load-insight.js';
import { feedbackMessages } from '../messages.js';
import type { ContactRequest } from '../contact-requests.js';
import type { OpenResponseRow } from '../sealed-text.js';
import { FeedbackMenu } from './dashboard-page.js';
import { DRIVER_KEYS } from './survey-page.js';

export interface CommentsProps {
  ctx: PageContext;
  filter: InsightFilter;
  labels: Labels;
  /** Null when the filtered group is under 10 responses (suppressed). */
  comments: OpenResponseRow[] | null;
  total: number;
  csvHref: string;
  /** People who asked to be contacted (null: this reader may not see them). */
  contacts: ContactRequest[] | null;
}

/** Comments with filters (period, service, site, driver, language) and a CSV of the same selection. */
export function CommentsPage({ ctx, filter, labels, comments, total, csvHref, contacts }: CommentsProps) {
  const t = feedbackMessages.for(ctx.locale);
  const drivers = (r: Pick<OpenResponseRow, 'went_well' | 'not_well'>) =>
    [
      ...decodeDrivers(r.went_well).map((d) => t('comments.tickedWell', { driver: t(DRIVER_KEYS[d]) })),
      ...decodeDrivers(r.not_well).map((d) => t('comments.tickedNot', { driver: t(DRIVER_KEYS[d]) })),
    ].join('; ');
  return (
    <>
      <h1>{t('comments.title')}</h1>
      <FeedbackMenu locale={ctx.locale} current="/staff/feedback/comments" />
      <form class="usa-form usa-form--large" method="get" action="/staff/feedback/comments">
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
            name="siteId"
            label={t('filters.site')}
            value={filter.siteId ?? ''}
            options={[
              { value: '', label: t('filters.all') },
              ...labels.sites.map((s) => ({ value: s.id, label: s.name })),
            ]}
          />
          <Select
            name="driver"
            label={t('filters.driver')}
            value={filter.driver ?? ''}
            options={[
              { value: '', label: t('filters.all') },
              ...A11_DRIVERS.map((d) => ({ value: d, label: t(DRIVER_KEYS[d]) })),
            ]}
          />
          <Select
            name="language"
            label={t('filters.language')}
            value={filter.language ?? ''}
            options={[
              { value: '', label: t('filters.all') },
              { value: 'en', label: labels.group('language', 'en') },
              { value: 'es', label: labels.group('language', 'es') },
            ]}
          />
          <button type="submit" class="usa-button margin-top-2">
            {t('filters.apply')}
          </button>
        </fieldset>
      </form>
      {comments === null ? (
        <div class="usa-alert usa-alert--info usa-alert--slim margin-top-3">
          <div class="usa-alert__body">
            <p class="usa-alert__text">{t('comments.suppressed')}</p>
          </div>
        </div>
      ) : (
        <>
          <p class="margin-top-3">
            {t('comments.count', { shown: comments.length, total })}{' '}
            <a class="usa-link" href={csvHref}>
              {t('comments.download')}
            </a>
          </p>
          <DataTable
            caption={t('comments.title')}
            rows={comments}
            rowKey={(r) => r.id}
            columns={[
              { label: t('col.date'), cell: (r) => r.transaction_date, rowHeader: true },
              { label: t('dimension.program'), cell: (r) => labels.group('program', r.program_id) },
              { label: t('dimension.site'), cell: (r) => labels.group('site', r.site_id ?? '') },
              { label: t('dimension.channel'), cell: (r) => labels.group('channel', r.channel) },
              { label: t('dimension.language'), cell: (r) => labels.group('language', r.language) },
              { label: t('measure.trust'), cell: (r) => (r.trust === null ? '—' : String(r.trust)) },
              { label: t('col.drivers'), cell: drivers },
              {
                label: t('col.comment'),
                cell: (r) => [r.comment_well, r.comment].filter((c) => c !== null).join(' / '),
              },
            ]}
          />
        </>
      )}
      {contacts && <ContactRequests locale={ctx.locale} labels={labels} contacts={contacts} />}
    </>
  );
}

/** The analyst's list of residents who asked to be contacted, with their own answers (each read is audited). */
function ContactRequests({
  locale,
  labels,
  contacts,
}: {
  locale: PageContext['locale'];
  labels: Labels;
  contacts: ContactRequest[];
}) {
  const t = feedbackMessages.for(locale);
  return (
    <div class="margin-top-5">
      <h2 id="contacts-heading">{t('contacts.heading')}</h2>
      <p>{t('contacts.intro')}</p>
      {contacts.length === 0 ? (
        <p>{t('contacts.none')}</p>
      ) : (
        <DataTable
          caption={t('contacts.heading')}
          rows={contacts}
          rowKey={(c) => c.id}
          columns={[
            { label: t('col.contact'), cell: (c) => c.contact, rowHeader: true },
            { label: t('col.date'), cell: (c) => c.response.transaction_date },
            { label: t('dimension.program'), cell: (c) => labels.group('program', c.response.program_id) },
            { label: t('dimension.site'), cell: (c) => labels.group('site', c.response.site_id ?? '') },
            { label: t('dimension.language'), cell: (c) => labels.group('language', c.response.language) },
            { label: t('measure.trust'), cell: (c) => (c.response.trust === null ? '—' : String(c.response.trust)) },
            {
              label: t('col.comment'),
              cell: (c) => [c.response.comment_well, c.response.comment].filter((x) => x !== null).join(' / '),
            },
          ]}
        />
      )}
    </div>
  );
}

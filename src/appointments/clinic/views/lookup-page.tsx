import { formatDateTime } from '../../../platform/i18n/index.js';
import { platformMessages } from '../../../platform/i18n/messages.js';
import { Alert, DataTable, ErrorSummary, TextInput, type PageContext } from '../../../platform/views/index.js';
import { clinicMessages } from '../messages.js';
import type { BookingView } from '../people-view.js';
import { NameSearchForm, StatusTag } from './parts.js';

export interface LookupResult {
  booking: BookingView;
  siteName: string;
  zone: string;
}

/** Find a booking (call agents and site staff): by code, or by name and birth date. */
export function LookupPage(p: {
  ctx: PageContext;
  values: Record<string, string>;
  errors: Record<string, string>;
  results?: LookupResult[] | undefined;
  notFound?: boolean;
}) {
  const t = clinicMessages.for(p.ctx.locale);
  const pm = platformMessages.for(p.ctx.locale);
  const { values: v, errors: e } = p;
  return (
    <>
      <h1>{t('lookup.title')}</h1>
      <p>{t('lookup.intro')}</p>
      <ErrorSummary heading={pm('errors.summaryHeading')} errors={e} />
      {p.notFound && <Alert type="error">{t('lookup.none')}</Alert>}
      {p.results && p.results.length > 0 && (
        <DataTable
          caption={t('lookup.results')}
          showCaption
          rows={p.results}
          rowKey={(r) => r.booking.id}
          columns={[
            {
              label: t('details.code'),
              rowHeader: true,
              cell: (r) => (
                <a class="usa-link" href={`/staff/bookings/${r.booking.id}`}>
                  {r.booking.code}
                </a>
              ),
            },
            {
              label: t('details.when'),
              cell: (r) => formatDateTime(r.booking.startsAt, p.ctx.locale, r.zone, 'datetime'),
            },
            { label: t('details.site'), cell: (r) => r.siteName },
            { label: t('details.product'), cell: (r) => r.booking.productName },
            { label: t('details.dose'), cell: (r) => r.booking.dose },
            { label: t('details.status'), cell: (r) => <StatusTag ctx={p.ctx} status={r.booking.status} /> },
          ]}
        />
      )}
      <div class="grid-row grid-gap-lg">
        <section class="tablet:grid-col-6" aria-labelledby="code-heading">
          <h2 id="code-heading">{t('checkIn.code.heading')}</h2>
          <form class="usa-form" method="get" action="/staff/bookings" novalidate>
            <TextInput
              name="code"
              label={t('checkIn.code.label')}
              value={v.code}
              error={e.code}
              autocomplete="off"
              width="md"
            />
            <button type="submit" class="usa-button">
              {t('checkIn.code.submit')}
            </button>
          </form>
        </section>
        <NameSearchForm ctx={p.ctx} action={'/staff/bookings/search'} values={v} errors={e} />
      </div>
    </>
  );
}

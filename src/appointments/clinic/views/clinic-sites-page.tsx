import { formatDateTime } from '../../../platform/i18n/index.js';
import { DataTable, NoSitesAssigned, type PageContext } from '../../../platform/views/index.js';
import type { Site } from '../../../sites/index.js';
import type { BookingStatus } from '../../repository.js';
import type { SiteDay } from '../day.js';
import { clinicMessages } from '../messages.js';
import { STATUSES } from '../roster.js';
import { STATUS_KEYS } from './labels.js';

export interface SiteToday {
  site: Site;
  day: SiteDay;
  counts: Record<BookingStatus, number>;
}

/** The sites picker: the reader's active sites with today's counts (today in each site's own zone). */
export function ClinicSitesPage({ ctx, sites, noSites }: { ctx: PageContext; sites: SiteToday[]; noSites: boolean }) {
  const t = clinicMessages.for(ctx.locale);
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
          caption={t('sites.caption')}
          rows={sites}
          rowKey={(s) => s.site.id}
          columns={[
            {
              label: t('sites.col.site'),
              rowHeader: true,
              cell: (s) => (
                <a class="usa-link" href={`/staff/sites/${s.site.id}/roster?date=${s.day.date}`}>
                  {s.site.name}
                </a>
              ),
            },
            {
              label: t('sites.col.date'),
              cell: (s) => formatDateTime(s.day.from, ctx.locale, s.site.time_zone, 'date'),
            },
            ...STATUSES.map((status) => ({
              label: t(STATUS_KEYS[status]),
              cell: (s: SiteToday) => s.counts[status],
            })),
            {
              label: t('sites.col.actions'),
              cell: (s) => (
                <a class="usa-link" href={`/staff/sites/${s.site.id}/check-in`}>
                  {t('sites.checkIn', { site: s.site.name })}
                </a>
              ),
            },
          ]}
        />
      )}
    </>
  );
}

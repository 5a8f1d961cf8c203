import { formatDateTime } from '../../../platform/i18n/index.js';
import { CsrfField, DataTable, type PageContext } from '../../../platform/views/index.js';
import type { Site } from '../../../sites/index.js';
import type { SiteDay } from '../day.js';
import { clinicMessages } from '../messages.js';
import type { BookingView } from '../people-view.js';

/** The confirmation step before marking no-shows: who will be marked, and one button. */
export function NoShowsPage(p: { ctx: PageContext; site: Site; day: SiteDay; candidates: BookingView[] }) {
  const t = clinicMessages.for(p.ctx.locale);
  const date = formatDateTime(p.day.from, p.ctx.locale, p.site.time_zone, 'long-date');
  const roster = `/staff/sites/${p.site.id}/roster?date=${p.day.date}`;
  return (
    <>
      <h1>{t('noShows.title', { site: p.site.name })}</h1>
      {p.candidates.length === 0 ? (
        <p>{t('noShows.none')}</p>
      ) : (
        <>
          <p>{t('noShows.intro', { date })}</p>
          <DataTable
            caption={t('noShows.caption')}
            rows={p.candidates}
            rowKey={(b) => b.id}
            columns={[
              {
                label: t('roster.col.time'),
                cell: (b) => formatDateTime(b.startsAt, p.ctx.locale, p.site.time_zone, 'time'),
              },
              {
                label: t('roster.col.name'),
                rowHeader: true,
                cell: (b) => `${b.person.familyName}, ${b.person.givenName}`,
              },
              { label: t('roster.col.product'), cell: (b) => b.productName },
              { label: t('roster.col.dose'), cell: (b) => b.dose },
              { label: t('roster.col.code'), cell: (b) => b.code },
            ]}
          />
          <form method="post" action={`/staff/sites/${p.site.id}/no-shows`}>
            <CsrfField token={p.ctx.csrfToken} />
            <input type="hidden" name="date" value={p.day.date} />
            {p.candidates.map((b) => (
              <input type="hidden" name="id" value={b.id} key={b.id} />
            ))}
            <button type="submit" class="usa-button usa-button--secondary">
              {t('noShows.confirm', { count: p.candidates.length })}
            </button>
          </form>
        </>
      )}
      <p>
        <a class="usa-link" href={roster}>
          {t('noShows.cancel')}
        </a>
      </p>
    </>
  );
}

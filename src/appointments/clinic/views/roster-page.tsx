import { formatDateTime } from '../../../platform/i18n/index.js';
import { Alert, type PageContext } from '../../../platform/views/index.js';
import type { Site } from '../../../sites/index.js';
import type { SiteDay } from '../day.js';
import { clinicMessages } from '../messages.js';
import type { Roster } from '../roster.js';
import { STATUSES } from '../roster.js';
import { ClinicAssets, StatusTag } from './parts.js';
import { STATUS_KEYS } from './labels.js';

/**
 * A site's day, by time. On screen: date navigation, counts, actions and links to each booking. Printed (our
 * print stylesheet): a clean sign-in sheet — no menu or buttons, no cancelled rows, a signature column.
 */
export function RosterPage(p: {
  ctx: PageContext;
  site: Site;
  day: SiteDay;
  today: string;
  roster: Roster;
  notice?: string | undefined;
}) {
  const { ctx, site, day, roster } = p;
  const t = clinicMessages.for(ctx.locale);
  const longDate = formatDateTime(day.from, ctx.locale, site.time_zone, 'long-date');
  const base = `/staff/sites/${site.id}`;
  return (
    <div class="fd-roster">
      <ClinicAssets />
      <h1>{t('roster.title', { site: site.name })}</h1>
      <p class="fd-roster__date">{t('roster.date', { date: longDate, zone: site.time_zone })}</p>
      {p.notice && (
        <Alert type="success" slim>
          {p.notice}
        </Alert>
      )}
      <nav class="fd-no-print fd-roster__nav" aria-label={t('roster.dateNav')}>
        <ul class="usa-button-group">
          <li class="usa-button-group__item">
            <a class="usa-button usa-button--outline" href={`${base}/roster?date=${day.previous}`}>
              {t('roster.previous')}
            </a>
          </li>
          <li class="usa-button-group__item">
            <a class="usa-button usa-button--outline" href={`${base}/roster?date=${p.today}`}>
              {t('roster.today')}
            </a>
          </li>
          <li class="usa-button-group__item">
            <a class="usa-button usa-button--outline" href={`${base}/roster?date=${day.next}`}>
              {t('roster.next')}
            </a>
          </li>
        </ul>
        <form class="usa-form fd-filters" method="get" action={`${base}/roster`}>
          <div class="usa-form-group">
            <label class="usa-label" for="date">
              {t('roster.goTo')}
            </label>
            <input class="usa-input" id="date" name="date" type="date" value={day.date} />
          </div>
          <button type="submit" class="usa-button">
            {t('roster.show')}
          </button>
        </form>
      </nav>
      <section class="fd-no-print" aria-labelledby="roster-actions">
        <h2 id="roster-actions">{t('roster.actions')}</h2>
        <ul class="usa-button-group">
          <li class="usa-button-group__item">
            <a class="usa-button" href={`${base}/check-in`}>
              {t('roster.checkIn')}
            </a>
          </li>
          <li class="usa-button-group__item">
            <a class="usa-button usa-button--secondary" href={`${base}/no-shows?date=${day.date}`}>
              {t('roster.noShows')}
            </a>
          </li>
        </ul>
        <p class="usa-hint">{t('roster.printHint')}</p>
      </section>
      <h2>{t('roster.counts')}</h2>
      <ul class="fd-counts">
        {STATUSES.map((s) => (
          <li key={s}>
            <span class="fd-counts__label">{t(STATUS_KEYS[s])}</span> <strong>{roster.counts[s]}</strong>
          </li>
        ))}
        <li>{t('roster.total', { count: roster.entries.length })}</li>
      </ul>
      {roster.entries.length === 0 ? (
        <p>{t('roster.none')}</p>
      ) : (
        <div
          class="usa-table-container--scrollable fd-roster__table"
          role="region"
          aria-label={t('roster.caption', { date: longDate, site: site.name })}
          tabIndex={0}
        >
          <table class="usa-table usa-table--stacked usa-table--compact">
            <caption class="usa-sr-only">{t('roster.caption', { date: longDate, site: site.name })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('roster.col.time')}</th>
                <th scope="col">{t('roster.col.name')}</th>
                <th scope="col">{t('roster.col.birthDate')}</th>
                <th scope="col">{t('roster.col.product')}</th>
                <th scope="col">{t('roster.col.dose')}</th>
                <th scope="col">{t('roster.col.status')}</th>
                <th scope="col">{t('roster.col.code')}</th>
                <th scope="col" class="fd-print-only">
                  {t('roster.col.signature')}
                </th>
              </tr>
            </thead>
            <tbody>
              {roster.entries.map((e) => (
                <tr key={e.id} class={`fd-roster__row fd-roster__row--${e.status}`}>
                  <td data-label={t('roster.col.time')}>
                    {formatDateTime(e.startsAt, ctx.locale, site.time_zone, 'time')}
                  </td>
                  <th scope="row" data-label={t('roster.col.name')}>
                    <a class="usa-link" href={`/staff/bookings/${e.id}`}>
                      {`${e.person.familyName}, ${e.person.givenName}`}
                    </a>
                  </th>
                  <td data-label={t('roster.col.birthDate')}>{e.person.birthDate}</td>
                  <td data-label={t('roster.col.product')}>{e.productName}</td>
                  <td data-label={t('roster.col.dose')}>{e.dose}</td>
                  <td data-label={t('roster.col.status')}>
                    <StatusTag ctx={ctx} status={e.status} />
                  </td>
                  <td data-label={t('roster.col.code')} class="fd-code-inline">
                    {e.code}
                  </td>
                  <td data-label={t('roster.col.signature')} class="fd-print-only fd-signature"></td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}

import type { ComponentChildren } from 'preact';
import { formatDateTime } from '../../../platform/i18n/index.js';
import type { PageContext } from '../../../platform/views/index.js';
import type { TimesView } from '../choose-time.js';
import { bookingPagesMessages } from '../messages.js';
import { BackLink, ZoneNote } from './parts.js';

export interface TimesPageProps {
  ctx: PageContext;
  top: ComponentChildren;
  title: string;
  back: string;
  view: TimesView;
  /** Offer a choice of product (not when moving an existing booking). */
  productChoice: boolean;
  /** This page's URL (the product form submits to it). */
  action: string;
  dayHref: (date: string) => string;
  seatHref: (slotId: string) => string;
  otherPlaceHref: string;
}

const DAYS_SHOWN = 7;

/** A calendar date (YYYY-MM-DD of the site) shown as a long date: noon UTC of that day is the same date everywhere we serve. */
const dayLabel = (date: string, p: TimesPageProps) =>
  formatDateTime(Date.parse(`${date}T12:00:00Z`), p.ctx.locale, 'UTC', 'long-date');

function ProductChoice(p: TimesPageProps) {
  const t = bookingPagesMessages.for(p.ctx.locale);
  if (!p.productChoice || p.view.products.length < 2) return null;
  return (
    <form method="get" action={p.action} class="usa-form margin-bottom-4">
      <fieldset class="usa-fieldset">
        <legend class="usa-legend usa-legend--large">{t('times.product')}</legend>
        {p.view.products.map((prod) => (
          <div class="usa-radio" key={prod.id}>
            <input
              class="usa-radio__input usa-radio__input--tile"
              id={`product-${prod.id}`}
              type="radio"
              name="product"
              value={prod.id}
              checked={prod.id === p.view.product.id}
            />
            <label class="usa-radio__label" for={`product-${prod.id}`}>
              {prod.name}
              <span class="usa-checkbox__label-description">{t('times.productDoses', { doses: prod.doses })}</span>
            </label>
          </div>
        ))}
      </fieldset>
      <button type="submit" class="usa-button usa-button--outline margin-top-2">
        {t('times.showTimes')}
      </button>
    </form>
  );
}

/** Step 3: the days with open seats, and the times on the chosen day with how many seats remain. */
export function TimesPage(p: TimesPageProps) {
  const t = bookingPagesMessages.for(p.ctx.locale);
  const { site, product, days, date, times } = p.view;
  const zone = site.time_zone;
  // A week of open days at a time, so the times are never far below on a phone.
  const at = Math.max(
    0,
    days.findIndex((d) => d.date === date),
  );
  const first = Math.floor(at / DAYS_SHOWN) * DAYS_SHOWN;
  const shown = days.slice(first, first + DAYS_SHOWN);
  const earlier = first > 0 ? days[first - DAYS_SHOWN]?.date : undefined;
  const later = days[first + DAYS_SHOWN]?.date;
  return (
    <>
      {p.top}
      <BackLink href={p.back} locale={p.ctx.locale} />
      <h1>{p.title}</h1>
      <p class="usa-intro">
        {site.name}, {site.address} {site.postal_code}
      </p>
      <ProductChoice {...p} />
      {product.doses > 1 && (
        <p>
          {t('times.series', {
            doses: product.doses,
            min: product.min_days_between,
            max: product.max_days_between,
          })}
        </p>
      )}
      {days.length === 0 || !date ? (
        <>
          <p>{t('times.none')}</p>
          <p>
            <a class="usa-button" href={p.otherPlaceHref}>
              {t('times.otherPlace')}
            </a>
          </p>
        </>
      ) : (
        <div class="grid-row grid-gap-lg">
          <nav class="tablet:grid-col-5" aria-labelledby="days-heading">
            <h2 id="days-heading">{t('times.days')}</h2>
            <ul class="usa-list usa-list--unstyled fd-day-list">
              {shown.map((d) => (
                <li key={d.date}>
                  <a
                    class={`usa-link${d.date === date ? ' fd-day-list__current' : ''}`}
                    href={p.dayHref(d.date)}
                    aria-current={d.date === date ? 'date' : undefined}
                  >
                    {t('times.dayLink', { date: dayLabel(d.date, p), seats: d.seats })}
                  </a>
                </li>
              ))}
            </ul>
            <p class="fd-day-pages">
              {earlier && (
                <a class="usa-link" href={p.dayHref(earlier)}>
                  {t('times.earlier')}
                </a>
              )}
              {later && (
                <a class="usa-link" href={p.dayHref(later)}>
                  {t('times.later')}
                </a>
              )}
            </p>
          </nav>
          <section class="tablet:grid-col-7" aria-labelledby="times-heading">
            <h2 id="times-heading">{t('times.timesOn', { date: dayLabel(date, p) })}</h2>
            <ZoneNote locale={p.ctx.locale} zone={zone} />
            <ul class="usa-list usa-list--unstyled fd-time-list">
              {times.map((s) => (
                <li key={s.id}>
                  <a class="usa-button usa-button--outline fd-time" href={p.seatHref(s.id)}>
                    {t('times.choose', {
                      time: formatDateTime(s.startsAt, p.ctx.locale, zone, 'time'),
                      left: t('times.left', { count: s.remaining }),
                    })}
                  </a>
                </li>
              ))}
            </ul>
            <p>
              <a class="usa-link" href={p.otherPlaceHref}>
                {t('times.otherPlace')}
              </a>
            </p>
          </section>
        </div>
      )}
    </>
  );
}

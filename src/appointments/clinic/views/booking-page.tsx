import { formatDateTime } from '../../../platform/i18n/index.js';
import { Alert, CsrfField, DataTable, type PageContext } from '../../../platform/views/index.js';
import type { Site } from '../../../sites/index.js';
import type { HistoryEntry } from '../booking-history.js';
import { clinicMessages } from '../messages.js';
import type { BookingView } from '../people-view.js';
import { CHANNEL_KEYS, HISTORY_KEYS, isChannel } from './labels.js';
import { BookingFacts } from './parts.js';

export interface BookingPageProps {
  ctx: PageContext;
  booking: BookingView;
  site: Site;
  history: HistoryEntry[];
  createdAt: number;
  canCheckIn: boolean;
  notice?: string | undefined;
  error?: string | undefined;
}

type Row = { key: string; at: number; what: string; by: string; channel: string };

function historyRows(p: BookingPageProps): Row[] {
  const t = clinicMessages.for(p.ctx.locale);
  const channel = (c: string | null) => (isChannel(c) ? t(CHANNEL_KEYS[c]) : '—');
  return [
    {
      key: 'booked',
      at: p.createdAt,
      what: t('booking.booked'),
      by: '—',
      channel: t(CHANNEL_KEYS[p.booking.channel]),
    },
    ...p.history.map((h, i) => ({
      key: String(i),
      at: h.at,
      what: t(HISTORY_KEYS[h.action]),
      by: h.by ?? t('booking.system'),
      channel: channel(h.channel),
    })),
  ];
}

/** One booking for staff: who, when, where, its status history, and what this role may do with it. */
export function BookingPage(p: BookingPageProps) {
  const t = clinicMessages.for(p.ctx.locale);
  const b = p.booking;
  const active = b.status === 'booked';
  return (
    <>
      <h1>{t('booking.title', { code: b.code })}</h1>
      <p>
        <a class="usa-link" href="/staff/bookings">
          {t('booking.lookupAgain')}
        </a>
      </p>
      {p.notice && (
        <Alert type="success" slim>
          {p.notice}
        </Alert>
      )}
      {p.error && <Alert type="error">{p.error}</Alert>}
      <BookingFacts ctx={p.ctx} booking={b} site={p.site} />
      {active && (
        <section aria-labelledby="actions-heading">
          <h2 id="actions-heading">{t('booking.actions')}</h2>
          <ul class="usa-button-group">
            {p.canCheckIn && (
              <li class="usa-button-group__item">
                <form method="post" action={`/staff/bookings/${b.id}/check-in`} class="fd-inline-form">
                  <CsrfField token={p.ctx.csrfToken} />
                  <button type="submit" class="usa-button">
                    {t('booking.checkIn')}
                  </button>
                </form>
              </li>
            )}
            <li class="usa-button-group__item">
              <a class="usa-button usa-button--outline" href={`/staff/book/reschedule/${b.id}`}>
                {t('booking.move')}
              </a>
            </li>
            <li class="usa-button-group__item">
              <form method="post" action={`/staff/bookings/${b.id}/resend`} class="fd-inline-form">
                <CsrfField token={p.ctx.csrfToken} />
                <button type="submit" class="usa-button usa-button--outline">
                  {t('booking.resend')}
                </button>
              </form>
            </li>
            <li class="usa-button-group__item">
              <a class="usa-button usa-button--secondary" href={`/staff/bookings/${b.id}/cancel`}>
                {t('booking.cancel')}
              </a>
            </li>
          </ul>
        </section>
      )}
      <h2>{t('booking.history')}</h2>
      <DataTable
        caption={t('booking.historyCaption')}
        rows={historyRows(p)}
        rowKey={(r) => r.key}
        columns={[
          { label: t('booking.col.when'), cell: (r) => formatDateTime(r.at, p.ctx.locale, p.site.time_zone) },
          { label: t('booking.col.what'), rowHeader: true, cell: (r) => r.what },
          { label: t('booking.col.by'), cell: (r) => r.by },
          { label: t('booking.col.channel'), cell: (r) => r.channel },
        ]}
      />
    </>
  );
}

/** "Cancel this booking?" with what it means, before anything changes. */
export function CancelPage(p: { ctx: PageContext; booking: BookingView; site: Site }) {
  const t = clinicMessages.for(p.ctx.locale);
  const b = p.booking;
  const date = `${formatDateTime(b.startsAt, p.ctx.locale, p.site.time_zone, 'long-date')}, ${formatDateTime(
    b.startsAt,
    p.ctx.locale,
    p.site.time_zone,
    'time',
  )}`;
  return (
    <>
      <h1>{t('cancel.title', { code: b.code })}</h1>
      <p>{t('cancel.body', { date, name: `${b.person.givenName} ${b.person.familyName}` })}</p>
      <form method="post" action={`/staff/bookings/${b.id}/cancel`}>
        <CsrfField token={p.ctx.csrfToken} />
        <button type="submit" class="usa-button usa-button--secondary">
          {t('cancel.confirm')}
        </button>
        <a class="usa-button usa-button--unstyled margin-left-2" href={`/staff/bookings/${b.id}`}>
          {t('cancel.back')}
        </a>
      </form>
    </>
  );
}

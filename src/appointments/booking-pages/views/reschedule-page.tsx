import type { ComponentChildren } from 'preact';
import type { Locale } from '../../../platform/i18n/index.js';
import { CsrfField, type PageContext } from '../../../platform/views/index.js';
import type { BookingView } from '../booking-view.js';
import type { Seat } from '../check-seat.js';
import { bookingPagesMessages } from '../messages.js';
import { BackLink, Facts, whenText, ZoneNote } from './parts.js';

/** Above the moving steps: where the booking is now. */
export function CurrentAppointment({ locale, view }: { locale: Locale; view: BookingView }) {
  const t = bookingPagesMessages.for(locale);
  return (
    <p class="usa-hint margin-top-0">
      {t('reschedule.current', { when: whenText(view.startsAt, locale, view.site.time_zone), site: view.site.name })}
    </p>
  );
}

/** "Move your appointment?" — from and to, then one POST that holds the new seat before releasing the old. */
export function RescheduleReviewPage({
  ctx,
  top,
  back,
  view,
  seat,
  action,
  bookingKey,
}: {
  ctx: PageContext;
  top: ComponentChildren;
  back: string;
  view: BookingView;
  seat: Seat;
  action: string;
  bookingKey: string;
}) {
  const l = ctx.locale;
  const t = bookingPagesMessages.for(l);
  const laterHeld = view.laterDoses.some((d) => d.status === 'booked');
  return (
    <>
      {top}
      <BackLink href={back} locale={l} />
      <h1>{t('reschedule.reviewTitle')}</h1>
      <Facts
        rows={[
          [t('reschedule.from'), `${whenText(view.startsAt, l, view.site.time_zone)}, ${view.site.name}`],
          [
            t('reschedule.to'),
            <strong key="to">{`${whenText(seat.slot.starts_at, l, seat.site.time_zone)}, ${seat.site.name}, ${seat.site.address} ${seat.site.postal_code}`}</strong>,
          ],
        ]}
      />
      <ZoneNote locale={l} zone={seat.site.time_zone} />
      <p>{t('reschedule.keepsCode')}</p>
      {laterHeld && <p>{t('reschedule.laterDoses')}</p>}
      <form method="post" action={action} class="margin-top-3" data-submit-once>
        <CsrfField token={ctx.csrfToken} />
        <input type="hidden" name="bookingKey" value={bookingKey} />
        <button type="submit" class="usa-button usa-button--big">
          {t('reschedule.confirm')}
        </button>
      </form>
    </>
  );
}

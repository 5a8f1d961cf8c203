import type { ComponentChildren } from 'preact';
import { formatDateTime, LOCALE_NAMES } from '../../../platform/i18n/index.js';
import { CsrfField, type PageContext } from '../../../platform/views/index.js';
import type { Seat } from '../check-seat.js';
import { bookingPagesMessages } from '../messages.js';
import type { Details } from '../schema.js';
import { BackLink, Facts, whenText, ZoneNote } from './parts.js';

export interface ReviewPageProps {
  ctx: PageContext;
  top: ComponentChildren;
  back: string;
  seat: Seat;
  details: Details;
  changeTimeHref: string;
  changeDetailsHref: string;
  action: string;
  bookingKey: string;
}

function ChangeLink({ href, label, what }: { href: string; label: string; what: string }) {
  return (
    <p>
      <a class="usa-link" href={href}>
        {label}
        <span class="usa-sr-only"> {what}</span>
      </a>
    </p>
  );
}

/** Step 5: everything on one page with a way to change each part, and one button that books. */
export function ReviewPage(p: ReviewPageProps) {
  const l = p.ctx.locale;
  const t = bookingPagesMessages.for(l);
  const { slot, site, product, program } = p.seat;
  const d = p.details;
  const appointment: [string, ComponentChildren][] = [
    [t('review.program'), l === 'es' ? program.name_es : program.name_en],
    [t('review.product'), product.name],
    [t('review.place'), `${site.name}, ${site.address} ${site.postal_code}`],
    [t('review.when'), whenText(slot.starts_at, l, site.time_zone)],
  ];
  if (product.doses > 1)
    appointment.push([
      t('review.nextDose'),
      t('review.nextDoseHeld', { min: product.min_days_between, max: product.max_days_between }),
    ]);
  const birth = formatDateTime(Date.parse(`${d.birthDate}T12:00:00Z`), l, 'UTC', 'date');
  return (
    <>
      {p.top}
      <BackLink href={p.back} locale={l} />
      <h1>{t('review.title')}</h1>
      <section aria-labelledby="appointment-heading" class="margin-top-3">
        <h2 id="appointment-heading">{t('review.appointment')}</h2>
        <Facts rows={appointment} />
        <ZoneNote locale={l} zone={site.time_zone} />
        <ChangeLink href={p.changeTimeHref} label={t('common.change')} what={t('review.appointmentSection')} />
      </section>
      <section aria-labelledby="person-heading" class="margin-top-3">
        <h2 id="person-heading">{t('review.person')}</h2>
        <Facts
          rows={[
            [t('review.forWhom'), t(d.forWhom === 'self' ? 'review.forSelf' : 'review.forOther')],
            [t('review.name'), `${d.givenName} ${d.familyName}`],
            [t('review.birthDate'), birth],
            [t('review.email'), d.email ?? t('review.none')],
            [t('review.phone'), d.phone ?? t('review.none')],
            [t('review.language'), LOCALE_NAMES[d.language]],
          ]}
        />
        <ChangeLink href={p.changeDetailsHref} label={t('common.change')} what={t('review.personSection')} />
      </section>
      <form method="post" action={p.action} class="margin-top-4" data-submit-once>
        <CsrfField token={p.ctx.csrfToken} />
        <input type="hidden" name="product" value={product.id} />
        <input type="hidden" name="bookingKey" value={p.bookingKey} />
        <p class="usa-hint">{t('review.confirmNote')}</p>
        <button type="submit" class="usa-button usa-button--big">
          {t('review.confirm')}
        </button>
      </form>
    </>
  );
}

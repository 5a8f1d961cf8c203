import { phoneForDisplay } from '../../../platform/agency/contact.js';
import type { ComponentChildren } from 'preact';
import type { PageContext } from '../../../platform/views/index.js';
import type { Alternative } from '../alternatives.js';
import { bookingPagesMessages, type BookingPagesKey } from '../messages.js';
import { whenText } from './parts.js';

export type TakenCode = 'slot_full' | 'no_doses' | 'no_second_dose' | 'slot_past';

const TAKEN_KEYS: Record<TakenCode, BookingPagesKey> = {
  slot_full: 'taken.slot_full',
  no_doses: 'taken.no_doses',
  no_second_dose: 'taken.no_second_dose',
  slot_past: 'taken.slot_past',
};

export interface TakenPageProps {
  ctx: PageContext;
  top: ComponentChildren;
  code: TakenCode;
  siteName: string;
  alternatives: { sameSite: Alternative[]; otherSites: Alternative[] };
  /** The next step for an alternative seat (the review step when the details are saved). */
  hrefFor: (a: Alternative) => string;
  allTimesHref: string;
  otherPlaceHref: string;
}

/** A seat went between choosing and confirming: say so kindly and offer the nearest seats, one click each. */
export function TakenPage(p: TakenPageProps) {
  const l = p.ctx.locale;
  const t = bookingPagesMessages.for(l);
  const left = (a: Alternative) => t('times.left', { count: a.remaining });
  return (
    <>
      {p.top}
      <div class="usa-alert usa-alert--warning" role="alert">
        <div class="usa-alert__body">
          <h1 class="usa-alert__heading">{t('taken.title')}</h1>
          <p class="usa-alert__text">{t(TAKEN_KEYS[p.code])}</p>
        </div>
      </div>
      <section aria-labelledby="same-site" class="margin-top-4">
        <h2 id="same-site">{t('taken.sameSite', { site: p.siteName })}</h2>
        {p.alternatives.sameSite.length === 0 ? (
          <p>{t('taken.noneHere')}</p>
        ) : (
          <ul class="usa-list usa-list--unstyled fd-time-list fd-time-list--wide">
            {p.alternatives.sameSite.map((a) => (
              <li key={a.slotId}>
                <a class="usa-button usa-button--outline fd-time" href={p.hrefFor(a)}>
                  {t('taken.take', { when: whenText(a.startsAt, l, a.site.time_zone), left: left(a) })}
                </a>
              </li>
            ))}
          </ul>
        )}
        <p>
          <a class="usa-link" href={p.allTimesHref}>
            {t('taken.allTimes', { site: p.siteName })}
          </a>
        </p>
      </section>
      <section aria-labelledby="other-sites" class="margin-top-4">
        <h2 id="other-sites">{t('taken.otherSites')}</h2>
        {p.alternatives.otherSites.length === 0 ? (
          <p>{t('taken.noneNear')}</p>
        ) : (
          <ul class="usa-list usa-list--unstyled fd-time-list fd-time-list--wide">
            {p.alternatives.otherSites.map((a) => (
              <li key={a.slotId}>
                <a class="usa-button usa-button--outline fd-time" href={p.hrefFor(a)}>
                  {t('taken.takeAt', {
                    site: a.site.name,
                    when: whenText(a.startsAt, l, a.site.time_zone),
                    left: left(a),
                  })}
                </a>
                {a.distanceMiles !== null && (
                  <span class="usa-hint display-block">
                    {t('taken.distance', { miles: a.distanceMiles, site: p.siteName })}
                  </span>
                )}
              </li>
            ))}
          </ul>
        )}
        <p>
          <a class="usa-link" href={p.otherPlaceHref}>
            {t('times.otherPlace')}
          </a>
        </p>
      </section>
    </>
  );
}

/** The person already holds a booking for this dose: nothing was booked; how to find and manage the one they have. */
export function AlreadyBookedPage({
  ctx,
  top,
  name,
  staff,
}: {
  ctx: PageContext;
  top: ComponentChildren;
  name: string;
  staff: boolean;
}) {
  const t = bookingPagesMessages.for(ctx.locale);
  return (
    <>
      {top}
      <div class="usa-prose">
        <h1>{t('already.title')}</h1>
        <p class="usa-intro">{t('already.body', { name })}</p>
        <p>{staff ? t('already.staff') : t('already.manage', { phone: phoneForDisplay(ctx.agencyContact.phone) })}</p>
      </div>
    </>
  );
}

/** A translated page for refusals that are not the person's fault to fix here (bad link, too many tries). */
export function MessagePage({ ctx, title, body }: { ctx: PageContext; title: string; body: string }) {
  const t = bookingPagesMessages.for(ctx.locale);
  return (
    <div class="usa-prose">
      <h1>{title}</h1>
      <p class="usa-intro">{body}</p>
      <p>
        <a class="usa-link" href="/">
          {t('common.back')}
        </a>
      </p>
    </div>
  );
}

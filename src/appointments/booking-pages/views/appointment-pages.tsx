import type { ComponentChildren, VNode } from 'preact';
import type { Locale } from '../../../platform/i18n/index.js';
import { Alert, CsrfField, Raw, type PageContext } from '../../../platform/views/index.js';
import type { BookingStatus } from '../../repository.js';
import type { BookingView } from '../booking-view.js';
import { bookingPagesMessages, type BookingPagesKey } from '../messages.js';
import { Facts, whenText, ZoneNote } from './parts.js';

const STATUS_KEYS: Record<BookingStatus, BookingPagesKey> = {
  booked: 'manage.status.booked',
  cancelled: 'manage.status.cancelled',
  'checked-in': 'manage.status.checked-in',
  administered: 'manage.status.administered',
  'no-show': 'manage.status.no-show',
};

/** The code in large type next to its QR code (which encodes only the code). */
function CodeBlock({ locale, code, qrSvg, help }: { locale: Locale; code: string; qrSvg: string; help: string }) {
  const t = bookingPagesMessages.for(locale);
  return (
    <div class="fd-code-block">
      <div>
        <p class="margin-bottom-0 text-bold">{t('confirmation.codeLabel')}</p>
        <p class="fd-code">{code}</p>
        <p class="usa-hint">{help}</p>
      </div>
      <div class="fd-qr" role="img" aria-label={t('confirmation.qr', { code: code.split('').join(' ') })}>
        <Raw html={qrSvg} />
      </div>
    </div>
  );
}

function program(v: BookingView, l: Locale) {
  return l === 'es' ? v.program.name_es : v.program.name_en;
}

function AppointmentFacts({ v, locale, withStatus }: { v: BookingView; locale: Locale; withStatus: boolean }) {
  const t = bookingPagesMessages.for(locale);
  const rows: [string, ComponentChildren][] = [];
  if (v.givenName) rows.push([t('manage.for'), v.givenName]);
  if (withStatus) rows.push([t('manage.status'), <strong key="s">{t(STATUS_KEYS[v.status])}</strong>]);
  rows.push(
    [t('review.program'), program(v, locale)],
    [t('review.product'), v.product.name],
    [t('review.when'), whenText(v.startsAt, locale, v.site.time_zone)],
    [t('review.place'), v.site.name],
    [t('manage.address'), `${v.site.address} ${v.site.postal_code}`],
  );
  if (v.site.phone) rows.push([t('manage.phone'), v.site.phone]);
  for (const d of v.laterDoses)
    rows.push([
      t('manage.laterDose', { dose: d.dose }),
      t('manage.laterDoseWhen', {
        when: whenText(d.startsAt, locale, v.site.time_zone),
        status: t(STATUS_KEYS[d.status]),
      }),
    ]);
  return (
    <>
      <Facts rows={rows} />
      <ZoneNote locale={locale} zone={v.site.time_zone} />
    </>
  );
}

function Preparation({ v, locale }: { v: BookingView; locale: Locale }) {
  const t = bookingPagesMessages.for(locale);
  const text = locale === 'es' ? v.program.preparation_es : v.program.preparation_en;
  if (!text) return null;
  return (
    <section aria-labelledby="prepare-heading" class="margin-top-4">
      <h2 id="prepare-heading">{t('confirmation.prepare')}</h2>
      <p>{text}</p>
    </section>
  );
}

export interface ConfirmationPageProps {
  ctx: PageContext;
  view: BookingView;
  qrSvg: string;
  staff: boolean;
  calendarHref: string;
  manageHref: string;
  anotherHref: string;
  /** Other modules' additions under the confirmation (e.g. the survey invitation). */
  extras?: readonly VNode[];
}

/** After booking: the code, the QR code, when and where, the held next dose, the calendar file and the manage link. */
export function ConfirmationPage(p: ConfirmationPageProps) {
  const l = p.ctx.locale;
  const t = bookingPagesMessages.for(l);
  const v = p.view;
  const next = v.laterDoses.find((d) => d.status === 'booked');
  return (
    <>
      <div class="usa-alert usa-alert--success" role="status">
        <div class="usa-alert__body">
          <h1 class="usa-alert__heading">{t(p.staff ? 'confirmation.staffTitle' : 'confirmation.title')}</h1>
          <p class="usa-alert__text">{t(v.reachable ? 'confirmation.sent' : 'confirmation.notSent')}</p>
        </div>
      </div>
      <CodeBlock
        locale={l}
        code={v.code}
        qrSvg={p.qrSvg}
        help={t(p.staff ? 'confirmation.codeHelpStaff' : 'confirmation.codeHelp')}
      />
      {next && (
        <p class="usa-intro">
          {t('confirmation.nextDose', { when: whenText(next.startsAt, l, v.site.time_zone), site: v.site.name })}
        </p>
      )}
      <AppointmentFacts v={v} locale={l} withStatus={false} />
      <Preparation v={v} locale={l} />
      <ul class="usa-button-group margin-top-4 fd-no-print">
        {!p.staff && (
          <li class="usa-button-group__item">
            <a class="usa-button" href={p.calendarHref} download="appointment.ics">
              {t('confirmation.calendar')}
            </a>
          </li>
        )}
        <li class="usa-button-group__item">
          <a class="usa-button usa-button--outline" href={p.manageHref}>
            {t('confirmation.manage')}
          </a>
        </li>
        <li class="usa-button-group__item">
          <a class="usa-button usa-button--unstyled" href={p.anotherHref}>
            {t(p.staff ? 'confirmation.staffAnother' : 'confirmation.bookAnother')}
          </a>
        </li>
      </ul>
      {p.extras}
    </>
  );
}

export interface ManagePageProps {
  ctx: PageContext;
  view: BookingView;
  qrSvg: string;
  staff: boolean;
  done: 'cancelled' | 'moved' | null;
  releasedLater: number;
  calendarHref: string;
  rescheduleHref: string;
  cancelHref: string;
  bookAgainHref: string;
}

/** The manage page: the booking (in the site's zone), and the ways to move or cancel it while it is still booked. */
export function ManagePage(p: ManagePageProps) {
  const l = p.ctx.locale;
  const t = bookingPagesMessages.for(l);
  const v = p.view;
  const booked = v.status === 'booked';
  return (
    <>
      {p.done === 'cancelled' && (
        <Alert type="success" heading={t('manage.done.cancelled')}>
          {t('manage.done.cancelledBody')}
          {p.releasedLater > 0 && ` ${t('manage.done.cancelledLater', { count: p.releasedLater })}`}
        </Alert>
      )}
      {p.done === 'moved' && (
        <Alert type="success" heading={t('manage.done.moved')}>
          {t('manage.done.movedBody')}
        </Alert>
      )}
      <h1 class="margin-top-3">{p.staff ? t('manage.staffTitle', { code: v.code }) : t('manage.title')}</h1>
      {booked && <CodeBlock locale={l} code={v.code} qrSvg={p.qrSvg} help={t('confirmation.codeHelp')} />}
      <AppointmentFacts v={v} locale={l} withStatus />
      {booked && <Preparation v={v} locale={l} />}
      {booked ? (
        <ul class="usa-button-group margin-top-4 fd-no-print">
          {!p.staff && (
            <li class="usa-button-group__item">
              <a class="usa-button" href={p.calendarHref} download="appointment.ics">
                {t('confirmation.calendar')}
              </a>
            </li>
          )}
          <li class="usa-button-group__item">
            <a class="usa-button usa-button--outline" href={p.rescheduleHref}>
              {t('manage.reschedule')}
            </a>
          </li>
          <li class="usa-button-group__item">
            <a class="usa-button usa-button--secondary" href={p.cancelHref}>
              {t('manage.cancel')}
            </a>
          </li>
        </ul>
      ) : v.status === 'cancelled' ? (
        <>
          <p class="margin-top-3">{t('manage.cancelledNote')}</p>
          <p>
            <a class="usa-button" href={p.bookAgainHref}>
              {t('manage.bookAgain')}
            </a>
          </p>
        </>
      ) : (
        <p class="margin-top-3">{t('manage.noChanges')}</p>
      )}
    </>
  );
}

/** "Cancel your appointment?" — the confirm step before the POST that frees the seat and the doses. */
export function CancelPage({
  ctx,
  view,
  action,
  keepHref,
}: {
  ctx: PageContext;
  view: BookingView;
  action: string;
  keepHref: string;
}) {
  const l = ctx.locale;
  const t = bookingPagesMessages.for(l);
  const later = view.laterDoses.filter((d) => d.status === 'booked').length;
  return (
    <div class="usa-prose">
      <h1>{t('cancel.title')}</h1>
      <p class="usa-intro">
        {t('cancel.body', { when: whenText(view.startsAt, l, view.site.time_zone), site: view.site.name })}
      </p>
      {later > 0 && <p>{t('cancel.laterDoses', { count: later })}</p>}
      <form method="post" action={action}>
        <CsrfField token={ctx.csrfToken} />
        <ul class="usa-button-group">
          <li class="usa-button-group__item">
            <button type="submit" class="usa-button usa-button--secondary">
              {t('cancel.confirm')}
            </button>
          </li>
          <li class="usa-button-group__item">
            <a class="usa-button usa-button--outline" href={keepHref}>
              {t('cancel.keep')}
            </a>
          </li>
        </ul>
      </form>
    </div>
  );
}

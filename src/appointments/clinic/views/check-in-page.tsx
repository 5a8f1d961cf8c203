import { formatDateTime } from '../../../platform/i18n/index.js';
import { platformMessages } from '../../../platform/i18n/messages.js';
import { Alert, CsrfField, ErrorSummary, TextInput, type PageContext } from '../../../platform/views/index.js';
import type { Site } from '../../../sites/index.js';
import type { CheckInProblem } from '../check-in-at-site.js';
import { clinicMessages } from '../messages.js';
import type { BookingView } from '../people-view.js';
import { PROBLEM_KEYS } from './labels.js';
import { BookingFacts, ClinicAssets, NameSearchForm } from './parts.js';

export interface FoundBooking {
  booking: BookingView;
  /** The booking's own site (may differ from the desk's). */
  site: Site;
  problem: CheckInProblem | null;
}

export interface CheckInView {
  ctx: PageContext;
  site: Site;
  values: Record<string, string>;
  errors: Record<string, string>;
  found?: FoundBooking | undefined;
  notFound?: boolean;
  notice?: string | undefined;
}

function problemText(v: CheckInView, f: FoundBooking): string {
  const t = clinicMessages.for(v.ctx.locale);
  if (f.problem === 'other_site') return t('problem.other_site', { site: f.site.name });
  if (f.problem === 'other_day')
    return t('problem.other_day', {
      date: formatDateTime(f.booking.startsAt, v.ctx.locale, f.site.time_zone, 'long-date'),
    });
  return f.problem ? t(PROBLEM_KEYS[f.problem]) : '';
}

function Found({ v, f }: { v: CheckInView; f: FoundBooking }) {
  const t = clinicMessages.for(v.ctx.locale);
  const name = `${f.booking.person.givenName} ${f.booking.person.familyName}`;
  return (
    <section class="fd-found" aria-labelledby="found-heading">
      <h2 id="found-heading">{t('checkIn.found')}</h2>
      {f.problem && <Alert type="warning">{problemText(v, f)}</Alert>}
      <BookingFacts ctx={v.ctx} booking={f.booking} site={f.site} />
      {!f.problem && (
        <form method="post" action={`/staff/sites/${v.site.id}/bookings/${f.booking.id}/check-in`}>
          <CsrfField token={v.ctx.csrfToken} />
          <button type="submit" class="usa-button usa-button--big">
            {t('checkIn.button', { name })}
          </button>
        </form>
      )}
      {f.problem === 'already_checked_in' && (
        <p>
          <a class="usa-button" href={`/staff/sites/${v.site.id}/bookings/${f.booking.id}/administer`}>
            {t('administer.submit')}
          </a>
        </p>
      )}
    </section>
  );
}

/**
 * The desk: a typed code (always works; a scanned QR code fills it in when the browser can scan), or a name and
 * birth date. The found booking shows with a Check in button, or a plain reason why it cannot be checked in here.
 */
export function CheckInPage(v: CheckInView) {
  const t = clinicMessages.for(v.ctx.locale);
  const pm = platformMessages.for(v.ctx.locale);
  const { values: val, errors: e } = v;
  return (
    <>
      <ClinicAssets scan />
      <h1>{t('checkIn.title', { site: v.site.name })}</h1>
      <p>
        <a class="usa-link" href={`/staff/sites/${v.site.id}/roster`}>
          {t('checkIn.back')}
        </a>
      </p>
      {v.notice && (
        <Alert type="success" slim>
          {v.notice}
        </Alert>
      )}
      <ErrorSummary heading={pm('errors.summaryHeading')} errors={e} />
      {v.notFound && <Alert type="error">{t('problem.not_found')}</Alert>}
      {v.found && <Found v={v} f={v.found} />}
      <div class="grid-row grid-gap-lg">
        <section class="tablet:grid-col-6" aria-labelledby="code-heading">
          <h2 id="code-heading">{t('checkIn.code.heading')}</h2>
          <form
            class="usa-form"
            method="get"
            action={`/staff/sites/${v.site.id}/check-in`}
            novalidate
            data-qr-form
            data-scan-label={t('checkIn.scan')}
            data-stop-label={t('checkIn.scanStop')}
            data-video-label={t('checkIn.scanVideo')}
            data-error-label={t('checkIn.scanError')}
          >
            <TextInput
              name="code"
              label={t('checkIn.code.label')}
              hint={t('checkIn.code.hint')}
              value={val.code}
              error={e.code}
              autocomplete="off"
              width="md"
            />
            <button type="submit" class="usa-button">
              {t('checkIn.code.submit')}
            </button>
          </form>
        </section>
        <NameSearchForm ctx={v.ctx} action={`/staff/sites/${v.site.id}/check-in/search`} values={val} errors={e} />
      </div>
    </>
  );
}

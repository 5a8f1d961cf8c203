/** The invitation page: the held seat(s) in the site's zone, the birth-date check, accept or decline. */
import { formatDateTime } from '../../platform/i18n/index.js';
import { CsrfField, ErrorSummary, type PageContext } from '../../platform/views/index.js';
import { preregMessages } from '../messages.js';
import { BirthDateField, Choices } from './fields.js';

export interface OfferView {
  holdId: string;
  siteName: string;
  address: string;
  timeZone: string;
  seats: { dose: number; startsAt: number }[];
}

export interface InvitationPageProps {
  ctx: PageContext;
  program: string;
  expiresAt: number;
  offers: OfferView[];
  values: Record<string, string>;
  errors: Record<string, string>;
}

const when = (ms: number, locale: 'en' | 'es', zone: string) =>
  `${formatDateTime(ms, locale, zone, 'long-date')}, ${formatDateTime(ms, locale, zone, 'time')}`;

export function InvitationPage(p: InvitationPageProps) {
  const l = p.ctx.locale;
  const t = preregMessages.for(l);
  const first = p.offers[0];
  const zone = first?.timeZone ?? 'UTC';
  const label = (o: OfferView) =>
    [
      `${o.siteName}, ${o.address}`,
      ...o.seats.map((s) => t('invite.dose', { dose: s.dose, when: when(s.startsAt, l, o.timeZone) })),
    ].join(' — ');
  const summary = Object.entries(p.errors).map(([field, message]) => ({
    field: field === 'birthDate' ? 'birthMonth' : field === 'holdId' ? 'holdId-0' : field,
    message,
  }));
  return (
    <>
      <ErrorSummary heading={t('common.errorHeading')} errors={summary} />
      <h1>{t('invite.title')}</h1>
      <p class="usa-intro">
        {p.program}. {t('invite.until', { until: when(p.expiresAt, l, zone) })}
      </p>
      <form method="post" action="/invite" class="usa-form usa-form--large" noValidate>
        <CsrfField token={p.ctx.csrfToken} />
        <Choices
          name="holdId"
          legend={t('invite.offers')}
          options={p.offers.map((o) => ({ value: o.holdId, label: label(o) }))}
          checked={[p.values.holdId ?? first?.holdId ?? '']}
          error={p.errors.holdId}
        />
        <p>{t('invite.birthDateIntro')}</p>
        <BirthDateField ctx={p.ctx} values={p.values} error={p.errors.birthDate} />
        <button class="usa-button margin-top-3" type="submit" name="answer" value="accept">
          {t('invite.accept')}
        </button>
        <p class="usa-hint margin-top-4">{t('invite.declineHint')}</p>
        <button class="usa-button usa-button--outline" type="submit" name="answer" value="decline">
          {t('invite.decline')}
        </button>
      </form>
    </>
  );
}

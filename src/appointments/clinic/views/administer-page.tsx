import { platformMessages } from '../../../platform/i18n/messages.js';
import { Alert, CsrfField, ErrorSummary, Select, TextInput, type PageContext } from '../../../platform/views/index.js';
import type { Site } from '../../../sites/index.js';
import { INJECTION_SITES, type LotBalance } from '../../repository.js';
import { clinicMessages } from '../messages.js';
import type { BookingView } from '../people-view.js';
import { INJECTION_KEYS } from './labels.js';
import { BookingFacts } from './parts.js';

/** Record the dose given: the booked product, a lot with doses left and not expired, who gave it, where. */
export function AdministerPage(p: {
  ctx: PageContext;
  site: Site;
  booking: BookingView;
  lots: LotBalance[];
  recordedBy: string;
  values: Record<string, string>;
  errors: Record<string, string>;
  notice?: string | undefined;
}) {
  const t = clinicMessages.for(p.ctx.locale);
  const pm = platformMessages.for(p.ctx.locale);
  const { booking: b, values: v, errors: e } = p;
  const name = `${b.person.givenName} ${b.person.familyName}`;
  const lotLabel = (l: LotBalance) =>
    l.expiresOn
      ? t('administer.lotOption', { lot: l.lot, expires: l.expiresOn, remaining: l.remaining })
      : t('administer.lotNoExpiry', { lot: l.lot, remaining: l.remaining });
  return (
    <>
      <h1>{t('administer.title', { name })}</h1>
      <p>
        <a class="usa-link" href={`/staff/sites/${p.site.id}/check-in`}>
          {t('checkIn.title', { site: p.site.name })}
        </a>
      </p>
      {p.notice && (
        <Alert type="success" slim>
          {p.notice}
        </Alert>
      )}
      <ErrorSummary heading={pm('errors.summaryHeading')} errors={e} />
      <BookingFacts ctx={p.ctx} booking={b} site={p.site} />
      {b.status !== 'checked-in' ? (
        <Alert type="warning">{t('administer.notCheckedIn')}</Alert>
      ) : p.lots.length === 0 ? (
        <Alert type="warning">{t('administer.noLots')}</Alert>
      ) : (
        <form
          class="usa-form usa-form--large"
          method="post"
          action={`/staff/sites/${p.site.id}/bookings/${b.id}/administer`}
          novalidate
        >
          <CsrfField token={p.ctx.csrfToken} />
          <dl class="fd-facts margin-top-3">
            <dt>{t('administer.product')}</dt>
            <dd>{b.productName}</dd>
            <dt>{t('administer.givenBy')}</dt>
            <dd>{p.recordedBy}</dd>
          </dl>
          <Select
            name="lot"
            label={t('administer.lot')}
            value={v.lot ?? (p.lots.length === 1 ? p.lots[0]?.lot : '')}
            error={e.lot}
            required
            options={[
              { value: '', label: t('administer.choose') },
              ...p.lots.map((l) => ({ value: l.lot, label: lotLabel(l) })),
            ]}
          />
          <TextInput
            name="dose"
            label={t('administer.dose')}
            value={v.dose ?? String(b.dose)}
            error={e.dose}
            inputMode="numeric"
            width="sm"
            required
          />
          <TextInput
            name="vaccinatorName"
            label={t('administer.vaccinator')}
            value={v.vaccinatorName}
            error={e.vaccinatorName}
            autocomplete="off"
          />
          <Select
            name="injectionSite"
            label={t('administer.injectionSite')}
            value={v.injectionSite ?? ''}
            error={e.injectionSite}
            options={[
              { value: '', label: t('administer.choose') },
              ...INJECTION_SITES.map((s) => ({ value: s, label: t(INJECTION_KEYS[s]) })),
            ]}
          />
          <button type="submit" class="usa-button">
            {t('administer.submit')}
          </button>
        </form>
      )}
    </>
  );
}

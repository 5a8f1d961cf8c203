/** Pieces several clinic pages share: our stylesheet and script, a booking's facts, the status tag. */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { addAssetRoot, assetUrl } from '../../../platform/http/assets.js';
import { formatDateTime } from '../../../platform/i18n/index.js';
import { CsrfField, TextInput, type PageContext } from '../../../platform/views/index.js';
import { clinicMessages } from '../messages.js';
import type { BookingView } from '../people-view.js';
import { CHANNEL_KEYS, STATUS_KEYS } from './labels.js';

// The clinic's stylesheet and QR-scan script, served by the platform with hashed names (the CSP allows only 'self').
addAssetRoot('/assets/clinic/', path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'assets'));

/**
 * The clinic's own stylesheet (print sign-in sheet) and, when asked, the QR scanning enhancement — both from our
 * origin. A stylesheet link is allowed in the body, so the shared layout needs no per-page head.
 */
export function ClinicAssets({ scan }: { scan?: boolean }) {
  return (
    <>
      <link rel="stylesheet" href={assetUrl('/assets/clinic/clinic.css')} />
      {scan && <script src={assetUrl('/assets/clinic/scan.js')} defer></script>}
    </>
  );
}

export function StatusTag({ ctx, status }: { ctx: PageContext; status: BookingView['status'] }) {
  const t = clinicMessages.for(ctx.locale);
  return <span class={`usa-tag fd-status fd-status--${status}`}>{t(STATUS_KEYS[status])}</span>;
}

export function BookingFacts({
  ctx,
  booking: b,
  site,
}: {
  ctx: PageContext;
  booking: BookingView;
  site: { name: string; time_zone: string };
}) {
  const t = clinicMessages.for(ctx.locale);
  const when = `${formatDateTime(b.startsAt, ctx.locale, site.time_zone, 'long-date')}, ${formatDateTime(
    b.startsAt,
    ctx.locale,
    site.time_zone,
    'time',
  )}`;
  return (
    <dl class="fd-facts">
      <dt>{t('details.name')}</dt>
      <dd>{`${b.person.givenName} ${b.person.familyName}`}</dd>
      <dt>{t('details.birthDate')}</dt>
      <dd>{b.person.birthDate}</dd>
      <dt>{t('details.site')}</dt>
      <dd>{site.name}</dd>
      <dt>{t('details.when')}</dt>
      <dd>{when}</dd>
      <dt>{t('details.product')}</dt>
      <dd>{b.productName}</dd>
      <dt>{t('details.dose')}</dt>
      <dd>{b.dose}</dd>
      <dt>{t('details.status')}</dt>
      <dd>
        <StatusTag ctx={ctx} status={b.status} />
      </dd>
      <dt>{t('details.code')}</dt>
      <dd class="fd-code-inline">{b.code}</dd>
      <dt>{t('details.channel')}</dt>
      <dd>{t(CHANNEL_KEYS[b.channel])}</dd>
    </dl>
  );
}

/** Find a booking by name and birth date (the identity index matches them; nothing is decrypted to search). */
export function NameSearchForm(p: {
  ctx: PageContext;
  action: string;
  values: Record<string, string | undefined>;
  errors: Record<string, string | undefined>;
}) {
  const t = clinicMessages.for(p.ctx.locale);
  return (
    <section class="tablet:grid-col-6" aria-labelledby="name-heading">
      <h2 id="name-heading">{t('checkIn.name.heading')}</h2>
      <form class="usa-form" method="post" action={p.action} novalidate>
        <CsrfField token={p.ctx.csrfToken} />
        <TextInput
          name="givenName"
          label={t('checkIn.name.given')}
          value={p.values.givenName}
          error={p.errors.givenName}
          autocomplete="off"
        />
        <TextInput
          name="familyName"
          label={t('checkIn.name.family')}
          value={p.values.familyName}
          error={p.errors.familyName}
          autocomplete="off"
        />
        <TextInput
          name="birthDate"
          label={t('checkIn.name.birthDate')}
          hint={t('checkIn.name.birthDateHint')}
          value={p.values.birthDate}
          error={p.errors.birthDate}
          autocomplete="off"
          width="md"
        />
        <button type="submit" class="usa-button usa-button--outline">
          {t('checkIn.name.submit')}
        </button>
      </form>
    </section>
  );
}

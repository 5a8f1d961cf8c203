/** The standby console pages: the form that opens an offer, today's offers, one offer's answers. */
import { formatDateTime, type Locale } from '../../platform/i18n/index.js';
import {
  Alert,
  CsrfField,
  DataTable,
  ErrorSummary,
  NoSitesAssigned,
  Select,
  TextInput,
  type PageContext,
} from '../../platform/views/index.js';
import { standbyMessages } from './messages.js';
import type { OfferState } from './offer-state.js';

const enc = encodeURIComponent;
const time = (ms: number, l: Locale, zone: string) => formatDateTime(ms, l, zone, 'time');

/** The dashboard's link to the standby page. */
export function StandbyLink({ locale, href }: { locale: Locale; href: string }) {
  return (
    <p>
      <a class="usa-link" href={href}>
        {standbyMessages.for(locale)('staff.link')}
      </a>
    </p>
  );
}

function OffersTable(p: { locale: Locale; base: string; offers: OfferState[] }) {
  const t = standbyMessages.for(p.locale);
  const l = p.locale;
  return (
    <DataTable
      caption={t('staff.offers')}
      rows={p.offers}
      rowKey={(s) => s.offer.id}
      columns={[
        {
          label: t('staff.col.site'),
          cell: (s) => (
            <a class="usa-link" href={`${p.base}/${enc(s.offer.id)}`}>
              {s.siteName}
            </a>
          ),
          rowHeader: true,
        },
        { label: t('staff.col.opened'), cell: (s) => time(s.offer.created_at, l, s.timeZone) },
        { label: t('staff.col.arriveBy'), cell: (s) => time(s.offer.arrive_by, l, s.timeZone) },
        { label: t('staff.col.doses'), cell: (s) => String(s.offer.held) },
        { label: t('staff.col.texted'), cell: (s) => String(s.texted) },
        { label: t('staff.col.booked'), cell: (s) => String(s.booked) },
        { label: t('staff.col.remaining'), cell: (s) => String(s.remaining) },
        {
          label: t('staff.col.state'),
          cell: (s) =>
            s.open ? t('staff.state.open', { until: time(s.offer.ends_at, l, s.timeZone) }) : t('staff.state.ended'),
        },
      ]}
    />
  );
}

export function StandbyPage(p: {
  ctx: PageContext;
  program: string;
  base: string;
  /** The reader's sites (offers are opened and listed only there: ADR 0019). */
  sites: { id: string; name: string }[];
  /** A site-scoped reader with no sites assigned. */
  noSites: boolean;
  offers: OfferState[];
  values: Record<string, string>;
  errors: Record<string, string>;
}) {
  const l = p.ctx.locale;
  const t = standbyMessages.for(l);
  return (
    <>
      <ErrorSummary heading={t('staff.errorHeading')} errors={p.errors} />
      <h1>{t('staff.title')}</h1>
      <p class="usa-intro">
        {p.program}. {t('staff.intro')}
      </p>
      {p.noSites && <NoSitesAssigned locale={l} />}
      <h2>{t('staff.offers')}</h2>
      {p.offers.length === 0 ? (
        <p>{t('staff.offers.none')}</p>
      ) : (
        <OffersTable locale={l} base={p.base} offers={p.offers} />
      )}
      <h2>{t('staff.form.title')}</h2>
      <form method="post" action={p.base} class="usa-form usa-form--large" noValidate>
        <CsrfField token={p.ctx.csrfToken} />
        <Select
          name="siteId"
          label={t('staff.form.site')}
          options={[{ value: '', label: '—' }, ...p.sites.map((s) => ({ value: s.id, label: s.name }))]}
          value={p.values.siteId}
          error={p.errors.siteId}
          required
        />
        <TextInput
          name="doses"
          label={t('staff.form.doses')}
          hint={t('staff.form.dosesHint')}
          value={p.values.doses}
          error={p.errors.doses}
          inputMode="numeric"
          width="sm"
          required
        />
        <TextInput
          name="arriveBy"
          label={t('staff.form.arriveBy')}
          hint={t('staff.form.arriveByHint')}
          value={p.values.arriveBy}
          error={p.errors.arriveBy}
          width="sm"
          required
        />
        <TextInput
          name="multiplier"
          label={t('staff.form.multiplier')}
          hint={t('staff.form.multiplierHint')}
          value={p.values.multiplier ?? '3'}
          error={p.errors.multiplier}
          inputMode="numeric"
          width="sm"
        />
        <button class="usa-button margin-top-3" type="submit">
          {t('staff.form.submit')}
        </button>
      </form>
    </>
  );
}

export function OfferPage(p: { ctx: PageContext; state: OfferState; base: string; opened: boolean }) {
  const l = p.ctx.locale;
  const t = standbyMessages.for(l);
  const s = p.state;
  const rows: { label: string; value: string }[] = [
    { label: t('staff.col.arriveBy'), value: time(s.offer.arrive_by, l, s.timeZone) },
    { label: t('staff.col.doses'), value: String(s.offer.held) },
    { label: t('staff.col.texted'), value: String(s.texted) },
    { label: t('staff.col.booked'), value: String(s.booked) },
    { label: t('staff.offer.late'), value: String(s.late) },
    { label: t('staff.offer.noAnswer'), value: String(s.waiting) },
    { label: t('staff.col.remaining'), value: String(s.remaining) },
    {
      label: t('staff.col.state'),
      value: s.open ? t('staff.state.open', { until: time(s.offer.ends_at, l, s.timeZone) }) : t('staff.state.ended'),
    },
  ];
  return (
    <>
      <h1>{t('staff.offer.title', { site: s.siteName })}</h1>
      {p.opened && (
        <Alert type="success" slim>
          {t('staff.offer.opened')}
        </Alert>
      )}
      {s.texted === 0 && (
        <Alert type="warning" slim>
          {t('staff.offer.noneTexted')}
        </Alert>
      )}
      <DataTable
        caption={t('staff.offer.summary')}
        rows={rows}
        rowKey={(r) => r.label}
        columns={[
          { label: t('staff.offer.summary'), cell: (r) => r.label, rowHeader: true },
          { label: t('staff.offer.value'), cell: (r) => r.value },
        ]}
      />
      <p>
        <a class="usa-link" href={p.base}>
          {t('staff.offer.back')}
        </a>
      </p>
    </>
  );
}

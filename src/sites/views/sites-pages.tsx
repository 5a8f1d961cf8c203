import { platformMessages } from '../../platform/i18n/messages.js';
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
import { sitesMessages, type SitesKey } from '../messages.js';
import type { SiteRow } from '../repository.js';
import { ACCESSIBILITY_FEATURES, type AccessibilityFeature } from '../schema.js';

const STATUS: Record<SiteRow['status'], SitesKey> = {
  active: 'sites.status.active',
  inactive: 'sites.status.inactive',
};
const FEATURE_KEYS: Record<AccessibilityFeature, SitesKey> = {
  wheelchair: 'sites.feature.wheelchair',
  asl: 'sites.feature.asl',
  parking: 'sites.feature.parking',
  'drive-through': 'sites.feature.drive-through',
};

export function SitesList({
  ctx,
  sites,
  may,
  notice,
}: {
  ctx: PageContext;
  /** The sites the reader may act at. */
  sites: SiteRow[];
  /** Edit these sites, add sites; `none`: a site-scoped reader with no sites assigned. */
  may: { edit: boolean; add: boolean; none: boolean };
  notice?: SitesKey | undefined;
}) {
  const t = sitesMessages.for(ctx.locale);
  return (
    <>
      <h1>{t('sites.title')}</h1>
      <p>{t('sites.intro')}</p>
      {notice && (
        <Alert type="success" slim>
          {t(notice)}
        </Alert>
      )}
      {may.add && (
        <p>
          <a class="usa-button" href="/staff/sites/new">
            {t('sites.add')}
          </a>{' '}
          <a class="usa-button usa-button--outline" href="/staff/sites/import">
            {t('sites.import.link')}
          </a>
        </p>
      )}
      {may.none ? (
        <NoSitesAssigned locale={ctx.locale} />
      ) : sites.length === 0 ? (
        <p>{t('sites.none')}</p>
      ) : (
        <DataTable
          caption={t('sites.title')}
          rows={sites}
          rowKey={(s) => s.id}
          columns={[
            { label: t('sites.col.name'), cell: (s) => s.name, rowHeader: true },
            { label: t('sites.col.address'), cell: (s) => `${s.address} ${s.postal_code}` },
            { label: t('sites.col.timeZone'), cell: (s) => s.time_zone },
            { label: t('sites.col.phone'), cell: (s) => s.phone ?? '—' },
            { label: t('sites.col.status'), cell: (s) => t(STATUS[s.status]) },
            ...(may.edit
              ? [
                  {
                    label: t('sites.col.actions'),
                    cell: (s: SiteRow) => (
                      <a class="usa-link" href={`/staff/sites/${s.id}/edit`}>
                        {t('sites.edit', { name: s.name })}
                      </a>
                    ),
                  },
                ]
              : []),
          ]}
        />
      )}
    </>
  );
}

export function SiteForm(p: {
  ctx: PageContext;
  action: string;
  title: string;
  values: Record<string, string>;
  errors: Record<string, string>;
}) {
  const t = sitesMessages.for(p.ctx.locale);
  const pm = platformMessages.for(p.ctx.locale);
  const { values: v, errors: e } = p;
  return (
    <>
      <h1>{p.title}</h1>
      <ErrorSummary heading={pm('errors.summaryHeading')} errors={e} />
      <form class="usa-form usa-form--large" method="post" action={p.action} novalidate>
        <CsrfField token={p.ctx.csrfToken} />
        <TextInput name="name" label={t('sites.form.name')} value={v.name} error={e.name} required />
        <TextInput
          name="address"
          label={t('sites.form.address')}
          value={v.address}
          error={e.address}
          autocomplete="street-address"
          required
        />
        <TextInput
          name="postalCode"
          label={t('sites.form.postalCode')}
          value={v.postalCode}
          error={e.postalCode}
          inputMode="numeric"
          autocomplete="postal-code"
          width="md"
          required
        />
        <TextInput
          name="timeZone"
          label={t('sites.form.timeZone')}
          hint={t('sites.form.timeZoneHint')}
          value={v.timeZone}
          error={e.timeZone}
          required
        />
        <TextInput
          name="phone"
          label={t('sites.form.phone')}
          type="tel"
          value={v.phone}
          error={e.phone}
          autocomplete="tel"
        />
        <TextInput
          name="latitude"
          label={t('sites.form.latitude')}
          hint={t('sites.form.coordinatesHint')}
          value={v.latitude}
          error={e.latitude}
          inputMode="text"
          width="md"
        />
        <TextInput
          name="longitude"
          label={t('sites.form.longitude')}
          value={v.longitude}
          error={e.longitude}
          inputMode="text"
          width="md"
        />
        <fieldset class="usa-fieldset margin-top-3">
          <legend class="usa-legend">{t('sites.form.accessibility')}</legend>
          {e.accessibility && (
            <span class="usa-error-message" role="alert">
              {e.accessibility}
            </span>
          )}
          {ACCESSIBILITY_FEATURES.map((f) => (
            <div class="usa-checkbox" key={f}>
              <input
                class="usa-checkbox__input"
                id={`accessibility-${f}`}
                type="checkbox"
                name="accessibility"
                value={f}
                checked={(v.accessibility ?? '').split(',').includes(f)}
              />
              <label class="usa-checkbox__label" for={`accessibility-${f}`}>
                {t(FEATURE_KEYS[f])}
              </label>
            </div>
          ))}
        </fieldset>
        <TextInput
          name="languages"
          label={t('sites.form.languages')}
          hint={t('sites.form.languagesHint')}
          value={v.languages ?? 'en'}
          error={e.languages}
        />
        <div class="usa-checkbox margin-top-3">
          <input
            class="usa-checkbox__input"
            id="walkIns"
            type="checkbox"
            name="walkIns"
            value="yes"
            checked={v.walkIns === 'yes'}
          />
          <label class="usa-checkbox__label" for="walkIns">
            {t('sites.form.walkIns')}
          </label>
        </div>
        <TextInput
          name="vtrcksPin"
          label={t('sites.form.vtrcksPin')}
          value={v.vtrcksPin}
          error={e.vtrcksPin}
          width="md"
        />
        <Select
          name="status"
          label={t('sites.form.status')}
          value={v.status ?? 'active'}
          error={e.status}
          options={[
            { value: 'active', label: t('sites.status.active') },
            { value: 'inactive', label: t('sites.status.inactive') },
          ]}
        />
        <button type="submit" class="usa-button">
          {t('sites.form.save')}
        </button>
        <a class="usa-button usa-button--unstyled margin-left-2" href="/staff/sites">
          {t('sites.form.cancel')}
        </a>
      </form>
    </>
  );
}

import type { ComponentChildren } from 'preact';
import { platformMessages } from '../../platform/i18n/messages.js';
import { Alert, CsrfField, ErrorSummary, Select, TextInput, type PageContext } from '../../platform/views/index.js';
import { sitesMessages, type SitesKey } from '../messages.js';
import type { SiteRow } from '../repository.js';

/** The console frame is provided by the staff module; this module renders only its content. */
export type Frame = (title: string, children: ComponentChildren) => preact.JSX.Element;

const STATUS: Record<SiteRow['status'], SitesKey> = {
  active: 'sites.status.active',
  inactive: 'sites.status.inactive',
};

export function SitesList({
  ctx,
  sites,
  canManage,
  notice,
}: {
  ctx: PageContext;
  sites: SiteRow[];
  canManage: boolean;
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
      {canManage && (
        <p>
          <a class="usa-button" href="/staff/sites/new">
            {t('sites.add')}
          </a>
        </p>
      )}
      {sites.length === 0 ? (
        <p>{t('sites.none')}</p>
      ) : (
        <table class="usa-table usa-table--stacked">
          <caption class="usa-sr-only">{t('sites.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('sites.col.name')}</th>
              <th scope="col">{t('sites.col.address')}</th>
              <th scope="col">{t('sites.col.timeZone')}</th>
              <th scope="col">{t('sites.col.phone')}</th>
              <th scope="col">{t('sites.col.status')}</th>
              {canManage && <th scope="col">{t('sites.col.actions')}</th>}
            </tr>
          </thead>
          <tbody>
            {sites.map((s) => (
              <tr key={s.id}>
                <th scope="row" data-label={t('sites.col.name')}>
                  {s.name}
                </th>
                <td data-label={t('sites.col.address')}>{`${s.address} ${s.postal_code}`}</td>
                <td data-label={t('sites.col.timeZone')}>{s.time_zone}</td>
                <td data-label={t('sites.col.phone')}>{s.phone ?? '—'}</td>
                <td data-label={t('sites.col.status')}>{t(STATUS[s.status])}</td>
                {canManage && (
                  <td data-label={t('sites.col.actions')}>
                    <a class="usa-link" href={`/staff/sites/${s.id}/edit`}>
                      {t('sites.edit', { name: s.name })}
                    </a>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
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
      <ErrorSummary
        heading={pm('errors.summaryHeading')}
        errors={Object.entries(e).map(([field, message]) => ({ field, message }))}
      />
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

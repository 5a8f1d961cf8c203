import { ROLES, SITE_SCOPED_ROLES, type Role } from '../../platform/auth/index.js';
import { roleLabel } from '../../platform/http/page.js';
import { formatDateTime } from '../../platform/i18n/index.js';
import { platformMessages } from '../../platform/i18n/messages.js';
import {
  Alert,
  CsrfField,
  DataTable,
  ErrorSummary,
  Select,
  TextInput,
  type PageContext,
} from '../../platform/views/index.js';
import { staffMessages, type StaffKey } from '../messages.js';
import type { StaffUserRow } from '../repository.js';
import type { SiteChoice } from '../site-assignments.js';
import { ConsoleLayout, type ConsoleNav } from '../../platform/views/index.js';

const STATUS_KEYS: Record<StaffUserRow['status'], StaffKey> = {
  invited: 'users.status.invited',
  active: 'users.status.active',
  deactivated: 'users.status.deactivated',
};

function roleOptions(ctx: PageContext) {
  return ROLES.map((r) => ({ value: r, label: roleLabel(r, ctx.locale) }));
}

/** One checkbox per site, ticked when chosen; used for accounts and tokens. */
export function SiteCheckboxes({
  ctx,
  sites,
  chosen,
  legend,
  hint,
  error,
}: {
  ctx: PageContext;
  sites: SiteChoice[];
  chosen: readonly string[];
  legend: string;
  hint: string;
  error?: string | undefined;
}) {
  const t = staffMessages.for(ctx.locale);
  return (
    <fieldset
      id="sites"
      class={`usa-fieldset margin-top-3${error ? ' usa-form-group--error' : ''}`}
      aria-describedby="sites-hint"
    >
      <legend class="usa-legend">{legend}</legend>
      <span class="usa-hint" id="sites-hint">
        {hint}
      </span>
      {error && (
        <span class="usa-error-message" id="sites-error" role="alert">
          {error}
        </span>
      )}
      {sites.length === 0 && <p>{t('sites.noneExist')}</p>}
      {sites.map((s) => (
        <div class="usa-checkbox" key={s.id}>
          <input
            class="usa-checkbox__input"
            id={`site-${s.id}`}
            type="checkbox"
            name="sites"
            value={s.id}
            checked={chosen.includes(s.id)}
          />
          <label class="usa-checkbox__label" for={`site-${s.id}`}>
            {s.name}
          </label>
        </div>
      ))}
    </fieldset>
  );
}

/** What a list says about a holder's sites: every site (by role), the names, or none. */
export function sitesText(
  ctx: PageContext,
  role: Role,
  ids: readonly string[] | undefined,
  names: Map<string, string>,
): string {
  const t = staffMessages.for(ctx.locale);
  if (!SITE_SCOPED_ROLES.includes(role)) return t('users.sites.all');
  const list = (ids ?? []).map((id) => names.get(id) ?? id);
  return list.length > 0 ? list.join(', ') : t('users.sites.none');
}

function UserActions({ ctx, user }: { ctx: PageContext; user: StaffUserRow }) {
  const t = staffMessages.for(ctx.locale);
  const active = user.status !== 'deactivated';
  return (
    <>
      <p class="margin-y-1">
        <a class="usa-link" href={`/staff/users/${user.id}/sites`}>
          {t('users.editSites', { name: user.display_name })}
        </a>
      </p>
      <form method="post" action={`/staff/users/${user.id}/role`} class="usa-form fd-filters">
        <CsrfField token={ctx.csrfToken} />
        <Select
          name="role"
          id={`role-${user.id}`}
          label={t('users.roleFor', { name: user.display_name })}
          options={roleOptions(ctx)}
          value={user.role}
        />
        <button type="submit" class="usa-button usa-button--outline usa-button--small">
          {t('users.changeRole')}
        </button>
      </form>
      <form method="post" action={`/staff/users/${user.id}/status`} class="margin-top-1">
        <CsrfField token={ctx.csrfToken} />
        <input type="hidden" name="active" value={active ? 'false' : 'true'} />
        <button
          type="submit"
          class={`usa-button usa-button--small ${active ? 'usa-button--secondary' : 'usa-button--outline'}`}
        >
          {active
            ? t('users.deactivate', { name: user.display_name })
            : t('users.reactivate', { name: user.display_name })}
        </button>
      </form>
    </>
  );
}

export function UsersPage({
  ctx,
  nav,
  users,
  siteNames,
  assigned,
  notice,
  error,
  tz,
  selfId,
}: {
  ctx: PageContext;
  nav: ConsoleNav;
  users: StaffUserRow[];
  siteNames: Map<string, string>;
  assigned: Map<string, string[]>;
  notice?: StaffKey | undefined;
  error?: StaffKey | undefined;
  tz: string;
  selfId: string;
}) {
  const t = staffMessages.for(ctx.locale);
  return (
    <ConsoleLayout ctx={ctx} title={t('users.title')} nav={nav}>
      <h1>{t('users.title')}</h1>
      {notice && (
        <Alert type="success" slim>
          {t(notice)}
        </Alert>
      )}
      {error && (
        <Alert type="error" slim>
          {t(error)}
        </Alert>
      )}
      <p>
        <a class="usa-button" href="/staff/users/invite">
          {t('users.invite')}
        </a>
      </p>
      <DataTable
        caption={t('users.title')}
        rows={users}
        rowKey={(u) => u.id}
        columns={[
          { label: t('users.col.name'), cell: (u) => u.display_name, rowHeader: true },
          { label: t('users.col.email'), cell: (u) => u.email },
          { label: t('users.col.role'), cell: (u) => roleLabel(u.role, ctx.locale) },
          { label: t('users.col.sites'), cell: (u) => sitesText(ctx, u.role, assigned.get(u.id), siteNames) },
          { label: t('users.col.status'), cell: (u) => t(STATUS_KEYS[u.status]) },
          {
            label: t('users.col.lastSignIn'),
            cell: (u) => (u.last_login_at ? formatDateTime(u.last_login_at, ctx.locale, tz) : t('users.never')),
          },
          { label: t('users.col.actions'), cell: (u) => (u.id === selfId ? '—' : <UserActions ctx={ctx} user={u} />) },
        ]}
      />
    </ConsoleLayout>
  );
}

export function InvitePage({
  ctx,
  nav,
  sites,
  errors,
  values,
}: {
  ctx: PageContext;
  nav: ConsoleNav;
  sites: SiteChoice[];
  errors: Record<string, string>;
  values: Record<string, string>;
}) {
  const t = staffMessages.for(ctx.locale);
  const p = platformMessages.for(ctx.locale);
  return (
    <ConsoleLayout ctx={ctx} title={t('invite.title')} nav={nav}>
      <h1>{t('invite.title')}</h1>
      <ErrorSummary heading={p('errors.summaryHeading')} errors={errors} />
      <form class="usa-form usa-form--large" method="post" action="/staff/users/invite" novalidate>
        <CsrfField token={ctx.csrfToken} />
        <TextInput
          name="displayName"
          label={t('invite.name')}
          autocomplete="off"
          value={values.displayName}
          error={errors.displayName}
          required
        />
        <TextInput
          name="email"
          label={t('invite.email')}
          type="email"
          autocomplete="off"
          value={values.email}
          error={errors.email}
          required
        />
        <Select
          name="role"
          label={t('invite.role')}
          options={roleOptions(ctx)}
          value={values.role ?? 'site-staff'}
          error={errors.role}
          required
        />
        <SiteCheckboxes
          ctx={ctx}
          sites={sites}
          chosen={(values.sites ?? '').split(',')}
          legend={t('sites.legend')}
          hint={t('sites.hint')}
          error={errors.sites}
        />
        <button type="submit" class="usa-button">
          {t('invite.submit')}
        </button>
        <a class="usa-button usa-button--unstyled margin-left-2" href="/staff/users">
          {t('invite.cancel')}
        </a>
      </form>
    </ConsoleLayout>
  );
}

/** An account's sites: one checkbox per site (site managers and site staff see only the ticked ones). */
export function UserSitesPage({
  ctx,
  nav,
  user,
  sites,
  chosen,
  error,
}: {
  ctx: PageContext;
  nav: ConsoleNav;
  user: StaffUserRow;
  sites: SiteChoice[];
  chosen: readonly string[];
  error?: string | undefined;
}) {
  const t = staffMessages.for(ctx.locale);
  const p = platformMessages.for(ctx.locale);
  const title = t('sites.title', { name: user.display_name });
  return (
    <ConsoleLayout ctx={ctx} title={title} nav={nav}>
      <h1>{title}</h1>
      <ErrorSummary heading={p('errors.summaryHeading')} errors={error ? { sites: error } : {}} />
      <p>{t('sites.intro', { name: user.display_name, role: roleLabel(user.role, ctx.locale) })}</p>
      <form class="usa-form usa-form--large" method="post" action={`/staff/users/${user.id}/sites`} novalidate>
        <CsrfField token={ctx.csrfToken} />
        <SiteCheckboxes
          ctx={ctx}
          sites={sites}
          chosen={chosen}
          legend={t('sites.legend')}
          hint={t('sites.hint')}
          error={error}
        />
        <button type="submit" class="usa-button margin-top-2">
          {t('sites.submit')}
        </button>
        <a class="usa-button usa-button--unstyled margin-left-2" href="/staff/users">
          {t('invite.cancel')}
        </a>
      </form>
    </ConsoleLayout>
  );
}

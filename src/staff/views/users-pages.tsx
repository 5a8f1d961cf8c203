import { ROLES } from '../../platform/auth/index.js';
import { roleLabel } from '../../platform/http/page.js';
import { formatDateTime } from '../../platform/i18n/index.js';
import { platformMessages } from '../../platform/i18n/messages.js';
import { Alert, CsrfField, ErrorSummary, Select, TextInput, type PageContext } from '../../platform/views/index.js';
import { staffMessages, type StaffKey } from '../messages.js';
import type { StaffUserRow } from '../repository.js';
import { ConsoleLayout, type ConsoleNav } from '../../platform/views/index.js';

const STATUS_KEYS: Record<StaffUserRow['status'], StaffKey> = {
  invited: 'users.status.invited',
  active: 'users.status.active',
  deactivated: 'users.status.deactivated',
};

function roleOptions(ctx: PageContext) {
  return ROLES.map((r) => ({ value: r, label: roleLabel(r, ctx.locale) }));
}

function UserActions({ ctx, user }: { ctx: PageContext; user: StaffUserRow }) {
  const t = staffMessages.for(ctx.locale);
  const active = user.status !== 'deactivated';
  return (
    <>
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
  notice,
  error,
  tz,
  selfId,
}: {
  ctx: PageContext;
  nav: ConsoleNav;
  users: StaffUserRow[];
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
      <div class="usa-table-container--scrollable" role="region" aria-label={t('users.title')} tabIndex={0}>
        <table class="usa-table usa-table--stacked">
          <caption class="usa-sr-only">{t('users.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('users.col.name')}</th>
              <th scope="col">{t('users.col.email')}</th>
              <th scope="col">{t('users.col.role')}</th>
              <th scope="col">{t('users.col.status')}</th>
              <th scope="col">{t('users.col.lastSignIn')}</th>
              <th scope="col">{t('users.col.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {users.map((u) => (
              <tr key={u.id}>
                <th scope="row" data-label={t('users.col.name')}>
                  {u.display_name}
                </th>
                <td data-label={t('users.col.email')}>{u.email}</td>
                <td data-label={t('users.col.role')}>{roleLabel(u.role, ctx.locale)}</td>
                <td data-label={t('users.col.status')}>{t(STATUS_KEYS[u.status])}</td>
                <td data-label={t('users.col.lastSignIn')}>
                  {u.last_login_at ? formatDateTime(u.last_login_at, ctx.locale, tz) : t('users.never')}
                </td>
                <td data-label={t('users.col.actions')}>
                  {u.id === selfId ? '—' : <UserActions ctx={ctx} user={u} />}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </ConsoleLayout>
  );
}

export function InvitePage({
  ctx,
  nav,
  errors,
  values,
}: {
  ctx: PageContext;
  nav: ConsoleNav;
  errors: Record<string, string>;
  values: Record<string, string>;
}) {
  const t = staffMessages.for(ctx.locale);
  const p = platformMessages.for(ctx.locale);
  return (
    <ConsoleLayout ctx={ctx} title={t('invite.title')} nav={nav}>
      <h1>{t('invite.title')}</h1>
      <ErrorSummary
        heading={p('errors.summaryHeading')}
        errors={Object.entries(errors).map(([field, message]) => ({ field, message }))}
      />
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

import { ROLES } from '../../platform/auth/index.js';
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
      <DataTable
        caption={t('users.title')}
        rows={users}
        rowKey={(u) => u.id}
        columns={[
          { label: t('users.col.name'), cell: (u) => u.display_name, rowHeader: true },
          { label: t('users.col.email'), cell: (u) => u.email },
          { label: t('users.col.role'), cell: (u) => roleLabel(u.role, ctx.locale) },
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

import { platformMessages } from '../../platform/i18n/messages.js';
import { Alert, CsrfField, ErrorSummary, Layout, TextInput, type PageContext } from '../../platform/views/index.js';
import { staffMessages } from '../messages.js';

export type PasswordErrors = Partial<Record<'current' | 'password' | 'confirm', string>>;

function Fields({ ctx, errors, withCurrent }: { ctx: PageContext; errors: PasswordErrors; withCurrent: boolean }) {
  const t = staffMessages.for(ctx.locale);
  return (
    <>
      {withCurrent && (
        <TextInput
          name="current"
          label={t('password.current')}
          type="password"
          autocomplete="current-password"
          error={errors.current}
          required
        />
      )}
      <TextInput
        name="password"
        label={t('password.new')}
        hint={t('password.newHint')}
        type="password"
        autocomplete="new-password"
        error={errors.password}
        required
      />
      <TextInput
        name="confirm"
        label={t('password.confirm')}
        type="password"
        autocomplete="new-password"
        error={errors.confirm}
        required
      />
    </>
  );
}

/** Set a password from an e-mailed link (invitation or reset). */
export function SetPasswordPage({
  ctx,
  email,
  action,
  errors,
}: {
  ctx: PageContext;
  email: string;
  action: string;
  errors: PasswordErrors;
}) {
  const t = staffMessages.for(ctx.locale);
  const p = platformMessages.for(ctx.locale);
  return (
    <Layout ctx={ctx} title={t('password.title')}>
      <div class="grid-row">
        <div class="tablet:grid-col-8 desktop:grid-col-6">
          <h1>{t('password.title')}</h1>
          <p>{t('password.intro', { email })}</p>
          <ErrorSummary heading={p('errors.summaryHeading')} errors={errors} />
          <form class="usa-form usa-form--large" method="post" action={action} novalidate>
            <CsrfField token={ctx.csrfToken} />
            <input type="hidden" name="username" value={email} autoComplete="username" />
            <Fields ctx={ctx} errors={errors} withCurrent={false} />
            <button type="submit" class="usa-button">
              {t('password.submit')}
            </button>
          </form>
        </div>
      </div>
    </Layout>
  );
}

/** A link that was used or has expired. */
export function LinkInvalidPage({ ctx }: { ctx: PageContext }) {
  const t = staffMessages.for(ctx.locale);
  return (
    <Layout ctx={ctx} title={t('password.linkInvalid.title')}>
      <div class="usa-prose">
        <h1>{t('password.linkInvalid.title')}</h1>
        <p>{t('password.linkInvalid.body')}</p>
        <p>
          <a class="usa-button" href="/staff/forgot-password">
            {t('password.linkInvalid.action')}
          </a>
        </p>
      </div>
    </Layout>
  );
}

/** Change one's own password (required after signing in with a one-time password). */
export function ChangePasswordPage({
  ctx,
  errors,
  mustChange,
  done,
}: {
  ctx: PageContext;
  errors: PasswordErrors;
  mustChange: boolean;
  done: boolean;
}) {
  const t = staffMessages.for(ctx.locale);
  const p = platformMessages.for(ctx.locale);
  return (
    <Layout ctx={ctx} title={t('password.changeTitle')}>
      <div class="grid-row">
        <div class="tablet:grid-col-8 desktop:grid-col-6">
          <h1>{t('password.changeTitle')}</h1>
          {mustChange && (
            <Alert type="warning" slim>
              {t('password.mustChange')}
            </Alert>
          )}
          {done && (
            <Alert type="success" slim>
              {t('password.changed')}
            </Alert>
          )}
          <ErrorSummary heading={p('errors.summaryHeading')} errors={errors} />
          <form class="usa-form usa-form--large" method="post" action="/staff/account/password" novalidate>
            <CsrfField token={ctx.csrfToken} />
            <Fields ctx={ctx} errors={errors} withCurrent />
            <button type="submit" class="usa-button">
              {t('password.submit')}
            </button>
          </form>
          {!mustChange && (
            <p class="margin-top-3">
              <a class="usa-link" href="/staff">
                {t('console.home')}
              </a>
            </p>
          )}
        </div>
      </div>
    </Layout>
  );
}

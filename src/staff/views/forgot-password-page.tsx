import { platformMessages } from '../../platform/i18n/messages.js';
import { CsrfField, ErrorSummary, Layout, TextInput, type PageContext } from '../../platform/views/index.js';
import { staffMessages } from '../messages.js';

export function ForgotPasswordPage({
  ctx,
  error,
  email,
}: {
  ctx: PageContext;
  error?: string | undefined;
  email?: string | undefined;
}) {
  const t = staffMessages.for(ctx.locale);
  const p = platformMessages.for(ctx.locale);
  return (
    <Layout ctx={ctx} title={t('forgot.title')}>
      <div class="grid-row">
        <div class="tablet:grid-col-8 desktop:grid-col-6">
          <h1>{t('forgot.title')}</h1>
          <p>{t('forgot.intro')}</p>
          <ErrorSummary
            heading={p('errors.summaryHeading')}
            errors={error ? [{ field: 'email', message: error }] : []}
          />
          <form class="usa-form usa-form--large" method="post" action="/staff/forgot-password" novalidate>
            <CsrfField token={ctx.csrfToken} />
            <TextInput
              name="email"
              label={t('signIn.email')}
              type="email"
              autocomplete="username"
              value={email}
              error={error}
              required
            />
            <button type="submit" class="usa-button">
              {t('forgot.submit')}
            </button>
          </form>
          <p class="margin-top-3">
            <a class="usa-link" href="/staff/sign-in">
              {t('forgot.back')}
            </a>
          </p>
        </div>
      </div>
    </Layout>
  );
}

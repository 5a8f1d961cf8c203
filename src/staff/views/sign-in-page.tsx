import { platformMessages } from '../../platform/i18n/messages.js';
import { Alert, CsrfField, ErrorSummary, Layout, TextInput, type PageContext } from '../../platform/views/index.js';
import { staffMessages, type StaffKey } from '../messages.js';

export interface SignInView {
  errors: Partial<Record<'email' | 'password', string>>;
  email?: string | undefined;
  next?: string | undefined;
  notice?: StaffKey | undefined;
}

/** The staff sign-in form. Works without JavaScript; errors in a summary and inline. */
export function SignInPage({ ctx, view }: { ctx: PageContext; view: SignInView }) {
  const t = staffMessages.for(ctx.locale);
  const p = platformMessages.for(ctx.locale);
  return (
    <Layout ctx={ctx} title={t('signIn.title')}>
      <div class="grid-row">
        <div class="tablet:grid-col-8 desktop:grid-col-6">
          <h1>{t('signIn.title')}</h1>
          <p>{t('signIn.intro', { agency: ctx.agencyName })}</p>
          {view.notice && (
            <Alert type="info" slim>
              {t(view.notice)}
            </Alert>
          )}
          <ErrorSummary heading={p('errors.summaryHeading')} errors={view.errors} />
          <form class="usa-form usa-form--large" method="post" action="/staff/sign-in" novalidate>
            <CsrfField token={ctx.csrfToken} />
            {view.next && <input type="hidden" name="next" value={view.next} />}
            <TextInput
              name="email"
              label={t('signIn.email')}
              type="email"
              autocomplete="username"
              value={view.email}
              error={view.errors.email}
              required
            />
            <TextInput
              name="password"
              label={t('signIn.password')}
              type="password"
              autocomplete="current-password"
              error={view.errors.password}
              required
            />
            <button type="submit" class="usa-button">
              {t('signIn.submit')}
            </button>
          </form>
          <p class="margin-top-3">
            <a class="usa-link" href="/staff/forgot-password">
              {t('signIn.forgot')}
            </a>
          </p>
        </div>
      </div>
    </Layout>
  );
}

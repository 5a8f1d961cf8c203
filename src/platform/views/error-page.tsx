import { platformMessages } from '../i18n/messages.js';
import type { PageContext } from './context.js';
import { Layout } from './layout/index.js';

/** A translated error page (404, 403, 500 …) with a way home and, for server errors, a reference. */
export function ErrorPage({
  ctx,
  title,
  body,
  showReference,
}: {
  ctx: PageContext;
  title: string;
  body: string;
  showReference?: boolean;
}) {
  const t = platformMessages.for(ctx.locale);
  return (
    <Layout ctx={ctx} title={title}>
      <div class="usa-prose">
        <h1>{title}</h1>
        <p class="usa-intro">{body}</p>
        {showReference && <p>{t('errors.reference', { requestId: ctx.requestId })}</p>}
        <p>
          <a class="usa-button" href="/">
            {t('errors.goHome')}
          </a>
        </p>
      </div>
    </Layout>
  );
}

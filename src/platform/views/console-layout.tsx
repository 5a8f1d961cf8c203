import type { ComponentChildren } from 'preact';
import type { Role } from '../auth/index.js';
import { platformMessages } from '../i18n/messages.js';
import type { ConsoleLink } from '../module.js';
import type { PageContext } from './context.js';
import { CsrfField } from './csrf-field.js';
import { Layout } from './layout/index.js';

/** The side navigation of the staff console: every module's entries, filtered by the reader's role. */
export interface ConsoleNav {
  links: ConsoleLink[];
  role: Role;
  current: string;
}

/** The staff console page: the site layout, who is signed in with a sign-out button, and the side navigation. */
export function ConsoleLayout({
  ctx,
  title,
  nav,
  children,
}: {
  ctx: PageContext;
  title: string;
  nav: ConsoleNav;
  children: ComponentChildren;
}) {
  const t = platformMessages.for(ctx.locale);
  const allowed = nav.links.filter((l) => l.allowed({ role: nav.role }));
  const headerExtra = ctx.staff && (
    <div class="fd-staff-bar">
      <span>{t('console.signedInAs', { name: ctx.staff.name, role: ctx.staff.roleLabel })}</span>
      <form method="post" action="/staff/sign-out">
        <CsrfField token={ctx.csrfToken} />
        <button type="submit" class="usa-button usa-button--unstyled">
          {t('console.signOut')}
        </button>
      </form>
    </div>
  );
  return (
    <Layout ctx={ctx} title={title} headerExtra={headerExtra}>
      <div class="fd-console">
        <nav aria-label={t('console.navLabel')}>
          <ul class="usa-sidenav">
            {allowed.map((l) => (
              <li class="usa-sidenav__item" key={l.href}>
                <a
                  href={l.href}
                  class={l.href === nav.current ? 'usa-current' : undefined}
                  aria-current={l.href === nav.current ? 'page' : undefined}
                >
                  {l.label(ctx.locale)}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <div>{children}</div>
      </div>
    </Layout>
  );
}

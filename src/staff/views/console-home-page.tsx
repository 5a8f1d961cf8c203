import type { PageContext } from '../../platform/views/index.js';
import { staffMessages } from '../messages.js';
import { ConsoleLayout, NoSitesAssigned, type ConsoleNav } from '../../platform/views/index.js';

export function ConsoleHomePage({
  ctx,
  nav,
  sites,
}: {
  ctx: PageContext;
  nav: ConsoleNav;
  /** The reader's sites by name, or 'all' for county-wide roles (nothing is said then). */
  sites: 'all' | string[];
}) {
  const t = staffMessages.for(ctx.locale);
  const links = nav.links.filter((l) => l.allowed({ role: nav.role }) && l.href !== '/staff');
  return (
    <ConsoleLayout ctx={ctx} title={t('console.title')} nav={nav}>
      <h1>{t('console.welcome', { name: ctx.staff?.name ?? '' })}</h1>
      {sites !== 'all' &&
        (sites.length > 0 ? (
          <p>{t('console.yourSites', { sites: sites.join(', ') })}</p>
        ) : (
          <NoSitesAssigned locale={ctx.locale} />
        ))}
      <p>{t('console.intro')}</p>
      <ul class="usa-list">
        {links.map((l) => (
          <li key={l.href}>
            <a class="usa-link" href={l.href}>
              {l.label(ctx.locale)}
            </a>
          </li>
        ))}
      </ul>
    </ConsoleLayout>
  );
}

/** Pieces every schedule page shares: the site's heading with a way back, and the schedule's own menu. */
import type { PageContext } from '../../../platform/views/index.js';
import { scheduleMessages } from '../messages.js';

/** The site as these pages show it. */
export interface SiteView {
  id: string;
  name: string;
  time_zone: string;
}

export function SiteHeading({ ctx, site, title }: { ctx: PageContext; site: SiteView; title: string }) {
  const t = scheduleMessages.for(ctx.locale);
  const base = `/staff/sites/${site.id}/schedule`;
  return (
    <>
      <nav aria-label={t('nav.schedule', { site: site.name })}>
        <ul class="usa-button-group fd-schedule-nav">
          <li class="usa-button-group__item">
            <a class="usa-link" href={base}>
              {t('nav.overview')}
            </a>
          </li>
          <li class="usa-button-group__item">
            <a class="usa-link" href={`${base}/week`}>
              {t('nav.week')}
            </a>
          </li>
          <li class="usa-button-group__item">
            <a class="usa-link" href={`${base}/day`}>
              {t('nav.day')}
            </a>
          </li>
        </ul>
      </nav>
      <h1>{title}</h1>
    </>
  );
}

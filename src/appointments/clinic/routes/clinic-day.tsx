/** The sites picker, a site's roster (print-friendly) and the end-of-day no-show step. */
import type { FastifyInstance } from 'fastify';
import { authorize, hasNoSites, isCountyWide, withinSites } from '../../../platform/auth/index.js';
import { HttpError } from '../../../platform/http/errors.js';
import { parseForm } from '../../../platform/http/forms.js';
import { sendConsolePage } from '../../../platform/http/console-page.js';
import { navBuilder } from '../../../platform/http/page.js';
import type { ModuleDeps } from '../../../platform/module.js';
import { listSites } from '../../../sites/index.js';
import { canCheckIn } from '../../policy.js';
import { siteDay, siteDayOrToday, todayAt } from '../day.js';
import { listDayNoShows, markDayNoShows } from '../mark-no-shows.js';
import { clinicMessages } from '../messages.js';
import { countDay, loadRoster } from '../roster.js';
import { NoShowForm } from '../schema.js';
import { ClinicSitesPage } from '../views/clinic-sites-page.js';
import { NoShowsPage } from '../views/no-shows-page.js';
import { RosterPage } from '../views/roster-page.js';
import { clinicDeps, query, siteFromPath } from './shared.js';

export function registerClinicDayRoutes(app: FastifyInstance, deps: ModuleDeps): void {
  const nav = navBuilder(deps.consoleLinks);
  const desk = { preHandler: authorize(canCheckIn) };
  const current = '/staff/clinic';

  app.get('/staff/clinic', desk, async (request, reply) => {
    const p = request.principal;
    const active = withinSites(p, await listSites(deps.db.kysely), (s) => s.id).filter((s) => s.status === 'active');
    // Someone who works at one site goes straight to its day.
    const only = !isCountyWide(p) && active.length === 1 ? active[0] : undefined;
    if (only) return reply.redirect(`/staff/sites/${only.id}/roster`, 303);
    const sites = await Promise.all(
      active.map(async (site) => {
        const day = siteDayOrToday(site.time_zone, undefined, deps.now());
        return { site, day, counts: await countDay(deps.db, site.id, day) };
      }),
    );
    const title = clinicMessages.for(request.locale)('sites.title');
    return sendConsolePage(request, reply, { nav, current, title }, (ctx) => (
      <ClinicSitesPage ctx={ctx} sites={sites} noSites={hasNoSites(p)} />
    ));
  });

  app.get<{ Params: { siteId: string } }>('/staff/sites/:siteId/roster', desk, async (request, reply) => {
    const site = await siteFromPath(deps, request.params.siteId);
    const q = query(request);
    const day = siteDayOrToday(site.time_zone, q.date, deps.now());
    const roster = await loadRoster(clinicDeps(deps, request), site, day);
    const t = clinicMessages.for(request.locale);
    const marked = q.marked === undefined ? undefined : Number(q.marked);
    const notice =
      marked !== undefined && Number.isInteger(marked) ? t('roster.done.noShows', { count: marked }) : undefined;
    return sendConsolePage(request, reply, { nav, current, title: t('roster.title', { site: site.name }) }, (ctx) => (
      <RosterPage
        ctx={ctx}
        site={site}
        day={day}
        today={todayAt(site.time_zone, deps.now())}
        roster={roster}
        notice={notice}
      />
    ));
  });

  app.get<{ Params: { siteId: string } }>('/staff/sites/:siteId/no-shows', desk, async (request, reply) => {
    const site = await siteFromPath(deps, request.params.siteId);
    const day = siteDayOrToday(site.time_zone, query(request).date, deps.now());
    const candidates = await listDayNoShows(clinicDeps(deps, request), site.id, day);
    const title = clinicMessages.for(request.locale)('noShows.title', { site: site.name });
    return sendConsolePage(request, reply, { nav, current, title }, (ctx) => (
      <NoShowsPage ctx={ctx} site={site} day={day} candidates={candidates} />
    ));
  });

  app.post<{ Params: { siteId: string } }>('/staff/sites/:siteId/no-shows', desk, async (request, reply) => {
    const site = await siteFromPath(deps, request.params.siteId);
    const form = parseForm(NoShowForm, request.body);
    const day = form.ok ? siteDay(site.time_zone, form.value.date) : null;
    if (!form.ok || !day) throw new HttpError(400, 'bad_request');
    const marked = await markDayNoShows(clinicDeps(deps, request), site.id, day, form.value.id);
    return reply.redirect(`/staff/sites/${site.id}/roster?date=${day.date}&marked=${marked}`, 303);
  });
}

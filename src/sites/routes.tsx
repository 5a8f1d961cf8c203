/** Sites in the staff console (list, add, edit) and the staff API. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { actorFromRequest } from '../platform/audit/index.js';
import { authorize, hasNoSites, withinSites } from '../platform/auth/index.js';
import { HttpError } from '../platform/http/errors.js';
import { parseForm } from '../platform/http/forms.js';
import { sendConsolePage } from '../platform/http/console-page.js';
import { navBuilder } from '../platform/http/page.js';
import type { ModuleDeps } from '../platform/module.js';
import { registerSiteImportRoutes } from './import-routes.js';
import { createSite, editSite, type SiteResult } from './manage-sites.js';
import { sitesMessages, translateSiteErrors, type SitesKey } from './messages.js';
import { canAddSites, canManageSites, canViewSites } from './policy.js';
import * as repo from './repository.js';
import { SiteApiSchema, SiteSchema, type SiteInput } from './schema.js';
import { SiteForm, SitesList } from './views/sites-pages.js';

const NOTICES: Record<string, SitesKey> = { created: 'sites.done.created', updated: 'sites.done.updated' };

function formValues(row: repo.SiteRow): Record<string, string> {
  return {
    name: row.name,
    address: row.address,
    postalCode: row.postal_code,
    timeZone: row.time_zone,
    phone: row.phone ?? '',
    latitude: row.latitude === null ? '' : String(row.latitude),
    longitude: row.longitude === null ? '' : String(row.longitude),
    accessibility: repo.siteLists(row).accessibility.join(','),
    languages: repo.siteLists(row).languages.join(', '),
    walkIns: row.walk_ins ? 'yes' : '',
    vtrcksPin: row.vtrcks_pin ?? '',
    status: row.status,
  };
}

export function registerSiteRoutes(app: FastifyInstance, deps: ModuleDeps): void {
  const nav = navBuilder(deps.consoleLinks);
  const view = { preHandler: authorize(canViewSites) };
  const manage = { preHandler: authorize(canManageSites) };
  const add = { preHandler: authorize(canAddSites) };
  const actorDeps = (request: FastifyRequest) => ({ db: deps.db, now: deps.now, actor: actorFromRequest(request) });
  registerSiteImportRoutes(app, deps);

  type FormView = {
    action: string;
    title: string;
    values: Record<string, string>;
    errors: Record<string, string>;
    status: number;
  };
  const showForm = (request: FastifyRequest, reply: FastifyReply, o: FormView) =>
    sendConsolePage(request, reply, { nav, current: '/staff/sites', title: o.title, status: o.status }, (ctx) => (
      <SiteForm ctx={ctx} action={o.action} title={o.title} values={o.values} errors={o.errors} />
    ));

  type FormMeta = { action: string; title: string };
  /** Parse the form; show it again with translated errors, or save and redirect (Post/Redirect/Get). */
  const submit = async (
    request: FastifyRequest,
    reply: FastifyReply,
    meta: FormMeta,
    save: (input: SiteInput) => Promise<SiteResult>,
    done: string,
  ) => {
    const form = parseForm(SiteSchema, request.body);
    if (!form.ok) {
      return showForm(request, reply, {
        ...meta,
        values: form.values,
        errors: translateSiteErrors(request.locale, form.errors),
        status: 400,
      });
    }
    const r = await save(form.value);
    if (r.ok) return reply.redirect(`/staff/sites?done=${done}`, 303);
    if (r.error === 'not_found') throw new HttpError(404, 'not_found');
    const errors = { name: sitesMessages.for(request.locale)('sites.error.nameTaken') };
    return showForm(request, reply, { ...meta, values: form.values, errors, status: 409 });
  };

  app.get('/staff/sites', view, async (request, reply) => {
    const sites = withinSites(request.principal, await repo.listSites(deps.db.kysely), (s) => s.id);
    const notice = NOTICES[(request.query as Record<string, string | undefined>).done ?? ''];
    const p = request.principal;
    const may = { edit: p ? canManageSites(p) : false, add: p ? canAddSites(p) : false, none: hasNoSites(p) };
    const title = sitesMessages.for(request.locale)('sites.title');
    return sendConsolePage(request, reply, { nav, current: '/staff/sites', title }, (ctx) => (
      <SitesList ctx={ctx} sites={sites} may={may} notice={notice} />
    ));
  });

  app.get('/staff/sites/new', add, async (request, reply) => {
    const title = sitesMessages.for(request.locale)('sites.form.addTitle');
    return showForm(request, reply, {
      action: '/staff/sites/new',
      title,
      values: { timeZone: deps.config.agencyTimeZone },
      errors: {},
      status: 200,
    });
  });
  app.post('/staff/sites/new', add, async (request, reply) => {
    const meta = { action: '/staff/sites/new', title: sitesMessages.for(request.locale)('sites.form.addTitle') };
    return submit(request, reply, meta, (input) => createSite(input, actorDeps(request)), 'created');
  });

  app.get<{ Params: { siteId: string } }>('/staff/sites/:siteId/edit', manage, async (request, reply) => {
    const site = await repo.findSiteById(deps.db.kysely, request.params.siteId);
    if (!site) throw new HttpError(404, 'not_found');
    const title = sitesMessages.for(request.locale)('sites.form.editTitle', { name: site.name });
    return showForm(request, reply, {
      action: `/staff/sites/${site.id}/edit`,
      title,
      values: formValues(site),
      errors: {},
      status: 200,
    });
  });
  app.post<{ Params: { siteId: string } }>('/staff/sites/:siteId/edit', manage, async (request, reply) => {
    const site = await repo.findSiteById(deps.db.kysely, request.params.siteId);
    if (!site) throw new HttpError(404, 'not_found');
    const meta = {
      action: `/staff/sites/${site.id}/edit`,
      title: sitesMessages.for(request.locale)('sites.form.editTitle', { name: site.name }),
    };
    return submit(request, reply, meta, (input) => editSite(site.id, input, actorDeps(request)), 'updated');
  });

  app.post('/api/v1/sites', add, async (request, reply) => {
    const r = SiteApiSchema.safeParse(request.body);
    if (!r.success) {
      const fields = Object.fromEntries(r.error.issues.map((i) => [i.path.join('.') || '(body)', i.message]));
      throw new HttpError(400, 'bad_request', undefined, { fields });
    }
    const saved = await createSite(r.data, actorDeps(request));
    if (!saved.ok) throw new HttpError(409, 'name_taken', sitesMessages.for(request.locale)('sites.error.nameTaken'));
    return reply.status(201).send({ id: saved.id });
  });

  app.get('/api/v1/sites', view, async (request) => {
    const sites = withinSites(request.principal, await repo.listSites(deps.db.kysely), (s) => s.id);
    return {
      sites: sites.map((s) => ({
        id: s.id,
        name: s.name,
        address: s.address,
        postalCode: s.postal_code,
        timeZone: s.time_zone,
        latitude: s.latitude,
        longitude: s.longitude,
        ...repo.siteLists(s),
        walkIns: s.walk_ins === 1,
        vtrcksPin: s.vtrcks_pin,
        phone: s.phone,
        status: s.status,
      })),
    };
  });
}

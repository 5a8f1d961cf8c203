/** The schedule console: templates, closures, publishing, the week and day calendar, one slot, and reviews. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DateTime } from 'luxon';
import { actorFromRequest } from '../../platform/audit/index.js';
import { formatDateTime } from '../../platform/i18n/index.js';
import { authorize, hasNoSites, withinSites } from '../../platform/auth/index.js';
import { sendConsolePage } from '../../platform/http/console-page.js';
import { HttpError } from '../../platform/http/errors.js';
import { parseForm } from '../../platform/http/forms.js';
import { navBuilder, type NavFor } from '../../platform/http/page.js';
import { isCalendarDate } from '../../platform/input/index.js';
import type { ModuleDeps } from '../../platform/module.js';
import { findSiteById, listSites } from '../../sites/index.js';
import { addSlot, CatalogError } from '../catalog.js';
import { addClosure } from './add-closure.js';
import { cancelSlot } from './cancel-slot.js';
import { changeSlotCapacity } from './change-capacity.js';
import { localInstant, todayAt, weekStart } from './local-time.js';
import { scheduleMessages, translateErrors, type ScheduleKey } from './messages.js';
import { canEditSchedule, canViewSchedule } from './policy.js';
import { planPublish, publishSchedule } from './publish-schedule.js';
import type { ApplyResult, ReductionPlan } from './reduce-seats.js';
import * as repo from './repository.js';
import { saveTemplate } from './save-template.js';
import {
  CapacityFormSchema,
  ClosureFormSchema,
  ConfirmFormSchema,
  PublishFormSchema,
  SlotFormSchema,
  TemplateFormSchema,
} from './schema.js';
import { DayPage, WeekPage } from './views/calendar-pages.js';
import type { SiteView } from './views/common.js';
import { ClosureFormPage, SlotFormPage, TemplateFormPage } from './views/form-pages.js';
import { OverviewPage, PublishPreviewPage, SitesSchedulePage } from './views/overview-pages.js';
import { ReviewPage, SlotPage } from './views/slot-pages.js';

type Params = { siteId: string };

/** A notice after a redirect, from `?done=` and counts in the query (never free text from the URL). */
function noticeOf(request: FastifyRequest): string | undefined {
  // Fastify parses the query string into an object of strings.
  const q = request.query as Record<string, string | undefined>;
  const t = scheduleMessages.for(request.locale);
  const n = (k: string) => Number(q[k] ?? 0) || 0;
  const keys: Record<string, ScheduleKey> = {
    template: 'done.template',
    published: 'done.published',
    closure: 'done.closure',
    slot: 'done.slot',
    capacity: 'done.capacity',
    cancelled: 'done.slotCancelled',
  };
  const key = keys[q.done ?? ''];
  if (!key) return undefined;
  const text = t(key, { count: n('n') });
  if (!q.moved && !q.cancelledBookings) return text;
  return `${text} ${t('done.resolved', { moved: n('moved'), cancelled: n('cancelledBookings') })}`;
}

const resolvedQuery = (r: ApplyResult | null) =>
  r && r.ok ? `&moved=${r.moved.length}&cancelledBookings=${r.cancelled.length}` : '';

export function registerScheduleConsoleRoutes(app: FastifyInstance, deps: ModuleDeps): void {
  const nav: NavFor = navBuilder(deps.consoleLinks);
  const view = { preHandler: authorize(canViewSchedule) };
  const edit = { preHandler: authorize(canEditSchedule) };
  const acting = (request: FastifyRequest) => ({ ...deps, actor: actorFromRequest(request) });
  const page = (title: string, status = 200) => ({
    nav,
    current: '/staff/schedule',
    title,
    status,
  });
  const loadSite = async (siteId: string): Promise<SiteView> => {
    const s = await findSiteById(deps.db.kysely, siteId);
    if (!s) throw new HttpError(404, 'not_found');
    return s;
  };
  const programs = async (request: FastifyRequest) =>
    (await repo.listPrograms(deps.db.kysely)).map((p) => ({
      id: p.id,
      name: request.locale === 'es' ? p.name_es : p.name_en,
    }));
  const t = (request: FastifyRequest) => scheduleMessages.for(request.locale);
  const canEdit = (request: FastifyRequest) => (request.principal ? canEditSchedule(request.principal) : false);

  app.get('/staff/schedule', view, async (request, reply) => {
    const p = request.principal;
    const sites = withinSites(p, await listSites(deps.db.kysely), (s) => s.id).filter((s) => s.status === 'active');
    return sendConsolePage(request, reply, page(t(request)('sites.title')), (ctx) => (
      <SitesSchedulePage ctx={ctx} sites={sites} noSites={hasNoSites(p)} />
    ));
  });

  const overview = async (
    request: FastifyRequest<{ Params: Params }>,
    reply: FastifyReply,
    publish = { values: {}, errors: {} },
    status = 200,
  ) => {
    const site = await loadSite(request.params.siteId);
    const names = new Map((await programs(request)).map((p) => [p.id, p.name]));
    const templates = (await repo.listTemplates(deps.db.kysely, site.id)).map((r) => ({
      ...r,
      programName: names.get(r.program_id) ?? r.program_id,
    }));
    const closures = await repo.listClosures(deps.db.kysely, site.id, todayAt(deps.now(), site.time_zone));
    const title = t(request)('overview.title', { site: site.name });
    return sendConsolePage(request, reply, page(title, status), (ctx) => (
      <OverviewPage
        ctx={ctx}
        site={site}
        templates={templates}
        closures={closures}
        canEdit={canEdit(request)}
        notice={noticeOf(request)}
        publish={publish}
      />
    ));
  };
  app.get<{ Params: Params }>('/staff/sites/:siteId/schedule', view, (request, reply) => overview(request, reply));

  registerTemplateRoutes(app, deps, { edit, page, loadSite, programs, acting });
  registerCalendarRoutes(app, deps, { view, page, loadSite, canEdit });

  app.get<{ Params: Params }>('/staff/sites/:siteId/schedule/publish', edit, async (request, reply) => {
    const form = parseForm(PublishFormSchema, request.query);
    if (!form.ok)
      return overview(
        request,
        reply,
        { values: form.values, errors: translateErrors(request.locale, form.errors) },
        400,
      );
    const site = await loadSite(request.params.siteId);
    const plan = await planPublish(deps.db.kysely, site, form.value, deps.now());
    const counts = { create: plan.slots.length, existing: plan.existing, closed: plan.closed };
    return sendConsolePage(request, reply, page(t(request)('publish.previewTitle')), (ctx) => (
      <PublishPreviewPage ctx={ctx} site={site} range={form.value} plan={counts} />
    ));
  });
  app.post<{ Params: Params }>('/staff/sites/:siteId/schedule/publish', edit, async (request, reply) => {
    const site = await loadSite(request.params.siteId);
    const form = parseForm(PublishFormSchema, request.body);
    if (!form.ok) throw new HttpError(400, 'bad_request');
    const r = await publishSchedule(site, form.value, acting(request));
    return reply.redirect(`/staff/sites/${site.id}/schedule?done=published&n=${r.created}`, 303);
  });

  const review = async (
    request: FastifyRequest,
    reply: FastifyReply,
    o: {
      site: SiteView;
      change: string;
      plan: ReductionPlan;
      action: string;
      fields: Record<string, string>;
      changed: boolean;
    },
  ) => {
    const siteNames = new Map((await listSites(deps.db.kysely)).map((s) => [s.id, s.name]));
    const status = o.changed || o.plan.blocked.length > 0 ? 409 : 200;
    return sendConsolePage(request, reply, page(t(request)('review.title'), status), (ctx) => (
      <ReviewPage ctx={ctx} siteNames={siteNames} {...o} />
    ));
  };
  const confirmation = (body: unknown) => {
    const c = ConfirmFormSchema.safeParse(body ?? {});
    const given = typeof body === 'object' && body !== null && 'resolve' in body;
    if (!c.success || !given) return { resolve: undefined, expected: undefined };
    return { resolve: c.data.resolve, expected: c.data.expected.split(',').filter(Boolean) };
  };

  app.get<{ Params: Params }>('/staff/sites/:siteId/schedule/closures/new', edit, async (request, reply) => {
    const site = await loadSite(request.params.siteId);
    const title = t(request)('closures.addTitle');
    return sendConsolePage(request, reply, page(title), (ctx) => (
      <ClosureFormPage
        ctx={ctx}
        site={site}
        title={title}
        action={`/staff/sites/${site.id}/schedule/closures/new`}
        values={{}}
        errors={{}}
      />
    ));
  });
  app.post<{ Params: Params }>('/staff/sites/:siteId/schedule/closures/new', edit, async (request, reply) => {
    const site = await loadSite(request.params.siteId);
    const action = `/staff/sites/${site.id}/schedule/closures/new`;
    const form = parseForm(ClosureFormSchema, request.body);
    if (!form.ok) {
      const title = t(request)('closures.addTitle');
      const errors = translateErrors(request.locale, form.errors);
      return sendConsolePage(request, reply, page(title, 400), (ctx) => (
        <ClosureFormPage ctx={ctx} site={site} title={title} action={action} values={form.values} errors={errors} />
      ));
    }
    const r = await addClosure(acting(request), site, form.value, { ...confirmation(request.body), channel: 'web' });
    if (r.ok) return reply.redirect(`/staff/sites/${site.id}/schedule?done=closure${resolvedQuery(r.applied)}`, 303);
    const { resolve: _r, expected: _e, _csrf: _c, ...fields } = form.values;
    const change = form.value.fromTime
      ? t(request)('review.closurePart', {
          date: form.value.date,
          from: form.value.fromTime,
          to: form.value.toTime ?? '',
        })
      : t(request)('review.closureDay', { date: form.value.date });
    return review(request, reply, { site, change, plan: r.plan, action, fields, changed: r.error === 'changed' });
  });

  registerSlotRoutes(app, deps, { view, edit, page, loadSite, programs, acting, canEdit, review, confirmation });
}

type Ctx = {
  view: { preHandler: ReturnType<typeof authorize> };
  edit: { preHandler: ReturnType<typeof authorize> };
  page: (
    title: string,
    status?: number,
  ) => {
    nav: NavFor;
    current: string;
    title: string;
    status: number;
  };
  loadSite: (siteId: string) => Promise<SiteView>;
  programs: (request: FastifyRequest) => Promise<{ id: string; name: string }[]>;
  acting: (request: FastifyRequest) => ModuleDeps & { actor: ReturnType<typeof actorFromRequest> };
  canEdit: (request: FastifyRequest) => boolean;
};

function registerTemplateRoutes(
  app: FastifyInstance,
  deps: ModuleDeps,
  c: Pick<Ctx, 'edit' | 'page' | 'loadSite' | 'programs' | 'acting'>,
): void {
  type TParams = { siteId: string; templateId?: string };
  const show = async (
    request: FastifyRequest<{ Params: TParams }>,
    reply: FastifyReply,
    o: { values: Record<string, string>; errors: Record<string, string>; status: number },
  ) => {
    const site = await c.loadSite(request.params.siteId);
    const id = request.params.templateId;
    const tr = scheduleMessages.for(request.locale);
    const title = id ? tr('templates.editTitle') : tr('templates.addTitle');
    const action = `/staff/sites/${site.id}/schedule/templates/${id ? `${id}/edit` : 'new'}`;
    const programs = await c.programs(request);
    return sendConsolePage(request, reply, c.page(title, o.status), (ctx) => (
      <TemplateFormPage
        ctx={ctx}
        site={site}
        title={title}
        action={action}
        programs={programs}
        values={o.values}
        errors={o.errors}
      />
    ));
  };
  const submit = async (request: FastifyRequest<{ Params: TParams }>, reply: FastifyReply) => {
    const site = await c.loadSite(request.params.siteId);
    const form = parseForm(TemplateFormSchema, request.body);
    if (!form.ok)
      return show(request, reply, {
        values: form.values,
        errors: translateErrors(request.locale, form.errors),
        status: 400,
      });
    const r = await saveTemplate(site.id, request.params.templateId, form.value, c.acting(request));
    if (r.ok) return reply.redirect(`/staff/sites/${site.id}/schedule?done=template`, 303);
    if (r.error === 'not_found') throw new HttpError(404, 'not_found');
    const errors = { programId: scheduleMessages.for(request.locale)('form.error.program') };
    return show(request, reply, { values: form.values, errors, status: 400 });
  };
  app.get<{ Params: TParams }>('/staff/sites/:siteId/schedule/templates/new', c.edit, (request, reply) => {
    const today = todayAt(deps.now(), 'UTC');
    const values = {
      weekdays: '1,2,3,4,5',
      opens: '09:00',
      closes: '17:00',
      slotMinutes: '15',
      capacity: '1',
      validFrom: today,
    };
    return show(request, reply, { values, errors: {}, status: 200 });
  });
  app.post<{ Params: TParams }>('/staff/sites/:siteId/schedule/templates/new', c.edit, submit);
  app.get<{ Params: TParams }>(
    '/staff/sites/:siteId/schedule/templates/:templateId/edit',
    c.edit,
    async (request, reply) => {
      const row = await repo.findTemplate(deps.db.kysely, request.params.siteId, request.params.templateId ?? '');
      if (!row) throw new HttpError(404, 'not_found');
      const values = {
        name: row.name,
        programId: row.program_id,
        weekdays: row.weekdays,
        opens: row.opens,
        closes: row.closes,
        breaks: row.breaks,
        slotMinutes: String(row.slot_minutes),
        capacity: String(row.capacity),
        validFrom: row.valid_from,
        validTo: row.valid_to,
      };
      return show(request, reply, { values, errors: {}, status: 200 });
    },
  );
  app.post<{ Params: TParams }>('/staff/sites/:siteId/schedule/templates/:templateId/edit', c.edit, submit);
}

function registerCalendarRoutes(
  app: FastifyInstance,
  deps: ModuleDeps,
  c: Pick<Ctx, 'view' | 'page' | 'loadSite' | 'canEdit'>,
): void {
  app.get<{ Params: Params; Querystring: Record<string, string | undefined> }>(
    '/staff/sites/:siteId/schedule/week',
    c.view,
    async (request, reply) => {
      const site = await c.loadSite(request.params.siteId);
      const given = request.query.start ?? '';
      const date = isCalendarDate(given) ? given : todayAt(deps.now(), site.time_zone);
      const monday = weekStart(date, site.time_zone);
      const slots = await repo.slotsBetween(
        deps.db.kysely,
        site.id,
        monday.toMillis(),
        monday.plus({ weeks: 1 }).toMillis(),
      );
      const title = scheduleMessages.for(request.locale)('calendar.weekTitle', { site: site.name });
      return sendConsolePage(request, reply, c.page(title), (ctx) => (
        <WeekPage
          ctx={ctx}
          site={site}
          monday={monday.toISODate() ?? date}
          slots={slots}
          canEdit={c.canEdit(request)}
        />
      ));
    },
  );
  app.get<{ Params: Params; Querystring: Record<string, string | undefined> }>(
    '/staff/sites/:siteId/schedule/day',
    c.view,
    async (request, reply) => {
      const site = await c.loadSite(request.params.siteId);
      const given = request.query.date ?? '';
      const date = isCalendarDate(given) ? given : todayAt(deps.now(), site.time_zone);
      const day = DateTime.fromISO(date, { zone: site.time_zone }).startOf('day');
      const slots = await repo.slotsBetween(deps.db.kysely, site.id, day.toMillis(), day.plus({ days: 1 }).toMillis());
      const title = scheduleMessages.for(request.locale)('calendar.dayTitle', { site: site.name, date });
      return sendConsolePage(request, reply, c.page(title), (ctx) => (
        <DayPage ctx={ctx} site={site} date={date} slots={slots} />
      ));
    },
  );
}

function registerSlotRoutes(
  app: FastifyInstance,
  deps: ModuleDeps,
  c: Ctx & {
    review: (
      request: FastifyRequest,
      reply: FastifyReply,
      o: {
        site: SiteView;
        change: string;
        plan: ReductionPlan;
        action: string;
        fields: Record<string, string>;
        changed: boolean;
      },
    ) => Promise<FastifyReply>;
    confirmation: (body: unknown) => { resolve: 'move' | 'cancel' | undefined; expected: string[] | undefined };
  },
): void {
  type SParams = { siteId: string; slotId: string };
  const tr = (request: FastifyRequest) => scheduleMessages.for(request.locale);
  const base = (siteId: string) => `/staff/sites/${siteId}/schedule`;

  const showSlotForm = async (
    request: FastifyRequest<{ Params: Params }>,
    reply: FastifyReply,
    values: Record<string, string>,
    errors: Record<string, string>,
    status: number,
  ) => {
    const site = await c.loadSite(request.params.siteId);
    const title = tr(request)('slot.addTitle');
    const programs = await c.programs(request);
    return sendConsolePage(request, reply, c.page(title, status), (ctx) => (
      <SlotFormPage
        ctx={ctx}
        site={site}
        title={title}
        action={`${base(site.id)}/slots/new`}
        programs={programs}
        values={values}
        errors={errors}
      />
    ));
  };
  app.get<{ Params: Params; Querystring: Record<string, string | undefined> }>(
    '/staff/sites/:siteId/schedule/slots/new',
    c.edit,
    (request, reply) =>
      showSlotForm(request, reply, { date: isCalendarDate(request.query.date) ? request.query.date : '' }, {}, 200),
  );
  app.post<{ Params: Params }>('/staff/sites/:siteId/schedule/slots/new', c.edit, async (request, reply) => {
    const site = await c.loadSite(request.params.siteId);
    const form = parseForm(SlotFormSchema, request.body);
    if (!form.ok) return showSlotForm(request, reply, form.values, translateErrors(request.locale, form.errors), 400);
    const startsAt = localInstant(form.value.date, form.value.time, site.time_zone);
    if (startsAt === null)
      return showSlotForm(request, reply, form.values, { time: tr(request)('form.error.noSuchTime') }, 400);
    try {
      const id = await addSlot(
        site.id,
        {
          startsAt,
          durationMinutes: form.value.minutes,
          capacity: form.value.capacity,
          programId: form.value.programId,
        },
        c.acting(request),
      );
      return reply.redirect(`${base(site.id)}/slots/${id}?done=slot`, 303);
    } catch (err) {
      if (!(err instanceof CatalogError)) throw err;
      const errors =
        err.code === 'conflict'
          ? { time: tr(request)('form.error.slotExists') }
          : { programId: tr(request)('form.error.program') };
      return showSlotForm(request, reply, form.values, errors, 409);
    }
  });

  const showSlot = async (
    request: FastifyRequest<{ Params: SParams }>,
    reply: FastifyReply,
    values: Record<string, string>,
    errors: Record<string, string>,
    status: number,
  ) => {
    const site = await c.loadSite(request.params.siteId);
    const slot = await repo.findCalendarSlot(deps.db.kysely, site.id, request.params.slotId);
    if (!slot) throw new HttpError(404, 'not_found');
    const title = tr(request)('slot.title', {
      when: formatDateTime(slot.starts_at, request.locale, site.time_zone, 'datetime'),
    });
    return sendConsolePage(request, reply, c.page(title, status), (ctx) => (
      <SlotPage
        ctx={ctx}
        site={site}
        slot={slot}
        canEdit={c.canEdit(request)}
        past={slot.starts_at <= deps.now()}
        notice={noticeOf(request)}
        values={values}
        errors={errors}
      />
    ));
  };
  app.get<{ Params: SParams }>('/staff/sites/:siteId/schedule/slots/:slotId', c.view, (request, reply) =>
    showSlot(request, reply, {}, {}, 200),
  );

  app.post<{ Params: SParams }>(
    '/staff/sites/:siteId/schedule/slots/:slotId/capacity',
    c.edit,
    async (request, reply) => {
      const site = await c.loadSite(request.params.siteId);
      const form = parseForm(CapacityFormSchema, request.body);
      if (!form.ok) return showSlot(request, reply, form.values, translateErrors(request.locale, form.errors), 400);
      const r = await changeSlotCapacity(c.acting(request), {
        siteId: site.id,
        slotId: request.params.slotId,
        capacity: form.value.capacity,
        ...c.confirmation(request.body),
        channel: 'web',
      });
      const slotUrl = `${base(site.id)}/slots/${request.params.slotId}`;
      if (r.ok) return reply.redirect(`${slotUrl}?done=capacity${resolvedQuery(r.applied)}`, 303);
      if (r.error === 'not_found') throw new HttpError(404, 'not_found');
      if (r.error === 'slot_past')
        return showSlot(request, reply, form.values, { capacity: tr(request)('form.error.slotPast') }, 409);
      const change = tr(request)('review.capacity', { capacity: form.value.capacity });
      return c.review(request, reply, {
        site,
        change,
        plan: r.plan,
        action: `${slotUrl}/capacity`,
        fields: { capacity: String(form.value.capacity) },
        changed: r.error === 'changed',
      });
    },
  );

  app.post<{ Params: SParams }>(
    '/staff/sites/:siteId/schedule/slots/:slotId/cancel',
    c.edit,
    async (request, reply) => {
      const site = await c.loadSite(request.params.siteId);
      const r = await cancelSlot(c.acting(request), {
        siteId: site.id,
        slotId: request.params.slotId,
        ...c.confirmation(request.body),
        channel: 'web',
      });
      const slotUrl = `${base(site.id)}/slots/${request.params.slotId}`;
      if (r.ok) return reply.redirect(`${slotUrl}?done=cancelled${resolvedQuery(r.applied)}`, 303);
      if (r.error === 'not_found') throw new HttpError(404, 'not_found');
      if (r.error === 'slot_past' || r.error === 'already_closed') return reply.redirect(slotUrl, 303);
      const change = tr(request)('review.cancelSlot');
      return c.review(request, reply, {
        site,
        change,
        plan: r.plan,
        action: `${slotUrl}/cancel`,
        fields: {},
        changed: r.error === 'changed',
      });
    },
  );
}

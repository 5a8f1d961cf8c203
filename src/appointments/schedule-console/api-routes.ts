/** The schedule API (JSON, staff Bearer tokens): templates, publishing, closures and a slot's capacity. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { actorFromRequest } from '../../platform/audit/index.js';
import { authorize, requireSite } from '../../platform/auth/index.js';
import { HttpError } from '../../platform/http/errors.js';
import type { ModuleDeps } from '../../platform/module.js';
import { findSiteById } from '../../sites/index.js';
import { addClosure } from './add-closure.js';
import { changeSlotCapacity } from './change-capacity.js';
import { canEditSchedule, canViewSchedule } from './policy.js';
import { publishSchedule } from './publish-schedule.js';
import type { AffectedBooking, ApplyResult, ReductionPlan } from './reduce-seats.js';
import * as repo from './repository.js';
import { saveTemplate } from './save-template.js';
import { ClosureApiSchema, parseBreaks, PublishApiSchema, SlotPatchSchema, TemplateApiSchema } from './schema.js';

function parseBody<S extends z.ZodType>(schema: S, body: unknown): z.infer<S> {
  const r = schema.safeParse(body);
  if (r.success) return r.data;
  const fields = Object.fromEntries(r.error.issues.map((i) => [i.path.join('.') || '(body)', i.message]));
  throw new HttpError(400, 'bad_request', undefined, { fields });
}

const iso = (ms: number) => new Date(ms).toISOString();
const affectedDto = (a: AffectedBooking) => ({
  bookingId: a.bookingId,
  confirmationCode: a.code,
  dose: a.dose,
  slotId: a.slotId,
  startsAt: iso(a.slotStartsAt),
  bookedAt: iso(a.bookedAt),
  why: a.why,
  proposal: a.proposal
    ? { slotId: a.proposal.slotId, siteId: a.proposal.siteId, startsAt: iso(a.proposal.startsAt) }
    : null,
});
const resolvedDto = (r: ApplyResult | null) =>
  r && r.ok
    ? {
        moved: r.moved.map((m) => ({ bookingId: m.bookingId, toSlotId: m.to.slotId, startsAt: iso(m.to.startsAt) })),
        cancelled: r.cancelled.map((c) => c.bookingId),
      }
    : { moved: [], cancelled: [] };

/** 409 naming the bookings a change would affect (or saying people already checked in hold the seats). */
function affectedConflict(reply: FastifyReply, plan: ReductionPlan) {
  const blocked = plan.blocked.length > 0;
  return reply.status(409).send({
    error: {
      code: blocked ? 'seats_in_use' : 'bookings_affected',
      message: blocked
        ? 'People already checked in hold more seats than the new capacity.'
        : 'Bookings would lose their seats: nothing was changed. Repeat with resolve "move" or "cancel".',
      affected: plan.affected.map(affectedDto),
      blocked: plan.blocked,
    },
  });
}

const templateDto = (t: repo.TemplateRow) => ({
  id: t.id,
  name: t.name,
  programId: t.program_id,
  weekdays: t.weekdays.split(',').map(Number),
  opens: t.opens,
  closes: t.closes,
  breaks: parseBreaks(t.breaks) ?? [],
  slotMinutes: t.slot_minutes,
  capacity: t.capacity,
  validFrom: t.valid_from,
  validTo: t.valid_to,
});

export function registerScheduleApiRoutes(app: FastifyInstance, deps: ModuleDeps): void {
  const view = { preHandler: authorize(canViewSchedule) };
  const edit = { preHandler: authorize(canEditSchedule) };
  const acting = (request: FastifyRequest) => ({ ...deps, actor: actorFromRequest(request) });
  const site = async (id: string) => {
    const s = await findSiteById(deps.db.kysely, id);
    if (!s) throw new HttpError(404, 'not_found');
    return s;
  };
  type P = { Params: { siteId: string } };

  app.get<P>('/api/v1/sites/:siteId/schedule-templates', view, async (request) => {
    const s = await site(request.params.siteId);
    return { templates: (await repo.listTemplates(deps.db.kysely, s.id)).map(templateDto) };
  });
  app.post<P>('/api/v1/sites/:siteId/schedule-templates', edit, async (request, reply) => {
    const s = await site(request.params.siteId);
    const r = await saveTemplate(s.id, undefined, parseBody(TemplateApiSchema, request.body), acting(request));
    if (!r.ok) throw new HttpError(404, 'not_found', 'No such program');
    return reply.status(201).send({ id: r.id });
  });
  app.post<P>('/api/v1/sites/:siteId/schedule-templates/publish', edit, async (request) => {
    const s = await site(request.params.siteId);
    return publishSchedule(s, parseBody(PublishApiSchema, request.body), acting(request));
  });
  app.post<P>('/api/v1/sites/:siteId/closures', edit, async (request, reply) => {
    const s = await site(request.params.siteId);
    const body = parseBody(ClosureApiSchema, request.body);
    const input = {
      date: body.date,
      fromTime: body.fromTime ?? null,
      toTime: body.toTime ?? null,
      reason: body.reason,
    };
    const r = await addClosure(acting(request), s, input, { resolve: body.resolve, channel: 'api' });
    if (!r.ok) return affectedConflict(reply, r.plan);
    return reply.status(201).send({ id: r.id, ...resolvedDto(r.applied) });
  });
  app.patch<{ Params: { slotId: string } }>('/api/v1/slots/:slotId', edit, async (request, reply) => {
    const slot = await deps.db.kysely
      .selectFrom('slots')
      .select(['site_id'])
      .where('id', '=', request.params.slotId)
      .executeTakeFirst();
    requireSite(request, slot?.site_id);
    if (!slot) throw new HttpError(404, 'not_found');
    const body = parseBody(SlotPatchSchema, request.body);
    const r = await changeSlotCapacity(acting(request), {
      siteId: slot.site_id,
      slotId: request.params.slotId,
      capacity: body.capacity,
      resolve: body.resolve,
      channel: 'api',
    });
    if (r.ok) {
      const now = await repo.findSiteSlot(deps.db.kysely, slot.site_id, request.params.slotId);
      return {
        id: request.params.slotId,
        capacity: now?.capacity,
        booked: now?.booked,
        status: now?.status,
        ...resolvedDto(r.applied),
      };
    }
    if (r.error === 'not_found') throw new HttpError(404, 'not_found');
    if (r.error === 'slot_past') throw new HttpError(409, 'slot_past', 'That slot has already started.');
    return affectedConflict(reply, r.plan);
  });
}

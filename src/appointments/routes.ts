/** The appointments API (JSON). Staff endpoints need a Bearer token of a fitting role; booking is public. */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { actorFromRequest } from '../platform/audit/index.js';
import { authorize, mayActAtSite, requireSite } from '../platform/auth/index.js';
import { HttpError } from '../platform/http/errors.js';
import { IdempotencyConflict, withIdempotency, type RecordAnswer } from '../platform/http/idempotency.js';
import type { Locale } from '../platform/i18n/index.js';
import { latestDateAt } from '../platform/input/index.js';
import type { ModuleDeps } from '../platform/module.js';
import { bookAppointment, type BookingResult } from './book-appointment.js';
import { addSlot, CatalogError, createProduct, createProgram, receiveInventory } from './catalog.js';
import { findAvailability } from './availability.js';
import { manageUrl as manageLink } from './booking-pages/manage-access.js';
import { BookingError, type BookingErrorCode } from './errors.js';
import { authorisedBookingInPath, limitBookings, personInBody } from './limits.js';
import { cancelBooking, checkIn, manageTokenMatches, markNoShow, recordAdministration } from './manage-booking.js';
import { appointmentsMessages, type AppointmentsKey } from './messages.js';
import { canCheckIn, canManageBookings, canManageCatalog } from './policy.js';
import * as repo from './repository.js';
import { rescheduleBooking } from './reschedule-booking.js';
import {
  AdministerSchema,
  AvailabilityQuery,
  bookingSchema,
  InventorySchema,
  RescheduleSchema,
  ProductSchema,
  ProgramSchema,
  SlotSchema,
} from './schema.js';

const ERROR_KEYS: Record<BookingErrorCode, AppointmentsKey> = {
  slot_full: 'error.slot_full',
  no_doses: 'error.no_doses',
  already_booked: 'error.already_booked',
  no_second_dose: 'error.no_second_dose',
  not_found: 'error.not_found',
  not_eligible: 'error.not_eligible',
  invitation_required: 'error.invitation_required',
  slot_past: 'error.slot_past',
  wrong_dose: 'error.wrong_dose',
  outside_window: 'error.outside_window',
};

/**
 * Parse a JSON body or answer 400 with every bad field named (messages that are keys of our catalog translated
 * into `locale`). Nothing is changed.
 */
function parseBody<S extends z.ZodType>(schema: S, body: unknown, locale?: Locale): z.infer<S> {
  const r = schema.safeParse(body);
  if (r.success) return r.data;
  const t = appointmentsMessages.for(locale ?? 'en');
  // The `in` check guards the cast: only our own keys are translated.
  const say = (m: string) => (m in appointmentsMessages.messages.en ? t(m as AppointmentsKey) : m);
  const fields = Object.fromEntries(r.error.issues.map((i) => [i.path.join('.') || '(body)', say(i.message)]));
  throw new HttpError(400, 'bad_request', undefined, { fields });
}

const iso = (ms: number) => new Date(ms).toISOString();

function catalogError(err: unknown): never {
  if (err instanceof CatalogError) throw new HttpError(err.code === 'not_found' ? 404 : 409, err.code, err.message);
  throw err;
}

/** The Bearer token of a request ('' when none). */
const bearerOf = (request: FastifyRequest) =>
  request.headers.authorization?.startsWith('Bearer ') ? request.headers.authorization.slice(7).trim() : '';

/**
 * The booking behind a request: a staff principal who may manage bookings at its site, or its manage token
 * (Bearer). Anything else is one 404, whether the booking exists or not, so no caller learns of a booking it may not
 * see. Only a token whose role may not manage bookings at all hears 403 (which says nothing about the booking).
 */
async function authorisedBooking(request: FastifyRequest<{ Params: { id: string } }>, deps: ModuleDeps) {
  const p = request.principal;
  if (p && !canManageBookings(p)) throw new HttpError(403, 'forbidden');
  const b = await repo.findBooking(deps.db.kysely, request.params.id);
  const bearer = bearerOf(request);
  if (b && p && mayActAtSite(p, b.site_id)) return b;
  if (b && !p && bearer && manageTokenMatches(b, bearer)) return b;
  throw new HttpError(404, 'not_found');
}

/** The booking in the path, for staff routes: 404 unless it exists at a site the principal may act at. */
async function bookingAtOwnSite(request: FastifyRequest<{ Params: { id: string } }>, deps: ModuleDeps) {
  const b = await repo.findBooking(deps.db.kysely, request.params.id);
  requireSite(request, b?.site_id);
  return b;
}

function registerCatalogRoutes(app: FastifyInstance, deps: ModuleDeps): void {
  const staff = { preHandler: authorize(canManageCatalog) };
  const d = (request: FastifyRequest) => ({ db: deps.db, now: deps.now, actor: actorFromRequest(request) });
  app.post('/api/v1/programs', staff, async (request, reply) => {
    const id = await createProgram(parseBody(ProgramSchema, request.body), d(request));
    return reply.status(201).send({ id });
  });
  app.post('/api/v1/products', staff, async (request, reply) => {
    const id = await createProduct(parseBody(ProductSchema, request.body), d(request)).catch(catalogError);
    return reply.status(201).send({ id });
  });
  app.post<{ Params: { siteId: string } }>('/api/v1/sites/:siteId/inventory', staff, async (request, reply) => {
    const input = parseBody(InventorySchema, request.body);
    await receiveInventory(request.params.siteId, input, d(request)).catch(catalogError);
    const inv = await repo.findInventory(deps.db.kysely, request.params.siteId, input.productId);
    return reply.status(201).send({
      siteId: request.params.siteId,
      productId: input.productId,
      onHand: inv?.on_hand ?? 0,
      reserved: inv?.reserved ?? 0,
    });
  });
  app.post<{ Params: { siteId: string } }>('/api/v1/sites/:siteId/slots', staff, async (request, reply) => {
    const id = await addSlot(request.params.siteId, parseBody(SlotSchema, request.body), d(request)).catch(
      catalogError,
    );
    return reply.status(201).send({ id });
  });
}

function registerBookingRoutes(app: FastifyInstance, deps: ModuleDeps): void {
  const BookingBody = bookingSchema(() => latestDateAt(deps.now()));
  app.get('/api/v1/availability', async (request) => {
    const q = parseBody(AvailabilityQuery, request.query);
    const from = Math.max(q.from ?? deps.now(), deps.now());
    const slots = await findAvailability(
      deps.db,
      {
        siteId: q.siteId,
        programId: q.programId,
        productId: q.productId,
        from,
        to: q.to ?? from + 14 * 86_400_000,
      },
      { cacheMs: deps.config.availabilityCacheMs },
    );
    return {
      slots: slots.map((s) => ({
        id: s.id,
        siteId: s.siteId,
        startsAt: iso(s.startsAt),
        endsAt: iso(s.endsAt),
        remaining: s.remaining,
      })),
    };
  });

  app.post('/api/v1/bookings', { preHandler: limitBookings(app, deps, personInBody) }, async (request, reply) => {
    const body = parseBody(BookingBody, request.body, request.locale);
    const t = appointmentsMessages.for(request.locale);
    const created = (r: BookingResult) => ({
      status: 201,
      body: {
        id: r.id,
        confirmationCode: r.confirmationCode,
        manageToken: r.manageToken,
        manageUrl: manageLink(deps.config.publicUrl, r.id, r.manageToken),
        startsAt: iso(r.startsAt),
        siteId: r.siteId,
        ...(r.secondDose ? { secondDose: { id: r.secondDose.id, startsAt: iso(r.secondDose.startsAt) } } : {}),
      },
    });
    // With a key, the answer is recorded in the booking's own transaction (`record`).
    const work = async (record?: RecordAnswer) => {
      try {
        const channel = request.principal?.role === 'call-agent' ? 'phone' : 'api';
        const r = await bookAppointment(
          deps,
          { ...body, channel },
          record && ((tx, booked) => record(tx, created(booked))),
        );
        return created(r);
      } catch (err) {
        if (!(err instanceof BookingError)) throw err;
        return {
          status: err.code === 'not_found' ? 404 : 409,
          body: { error: { code: err.code, message: t(ERROR_KEYS[err.code]) } },
        };
      }
    };
    const key = request.headers['idempotency-key'];
    if (typeof key !== 'string' || key.length === 0) {
      const a = await work();
      return reply.status(a.status).send(a.body);
    }
    try {
      const a = await withIdempotency(
        deps,
        { scope: 'bookings', key: key.slice(0, 200), request: body, now: deps.now() },
        work,
      );
      return reply.status(a.status).header('idempotent-replayed', String(a.replayed)).send(a.body);
    } catch (err) {
      if (err instanceof IdempotencyConflict)
        throw new HttpError(422, 'idempotency_key_reused', t('error.idempotency'));
      throw err;
    }
  });

  app.get<{ Params: { id: string } }>('/api/v1/bookings/:id', async (request) => {
    const b = await authorisedBooking(request, deps);
    const series = await repo.findSeries(deps.db.kysely, b.series_id);
    return {
      id: b.id,
      status: b.status,
      confirmationCode: b.confirmation_code,
      siteId: b.site_id,
      programId: b.program_id,
      productId: b.product_id,
      dose: b.dose_number,
      startsAt: iso(b.starts_at),
      series: series.map((s) => ({ id: s.id, dose: s.dose_number, status: s.status, startsAt: iso(s.starts_at) })),
    };
  });
  app.post<{ Params: { id: string } }>('/api/v1/bookings/:id/cancel', async (request) => {
    const b = await authorisedBooking(request, deps);
    const r = await cancelBooking(b.id, { ...deps, actor: actorFromRequest(request) }, { channel: 'api' });
    if (!r) throw new HttpError(409, 'not_cancellable');
    return { cancelled: r.cancelled.map((c) => ({ id: c.id, dose: c.dose, startsAt: iso(c.startsAt) })) };
  });
  app.post<{ Params: { id: string } }>(
    '/api/v1/bookings/:id/reschedule',
    { preHandler: limitBookings(app, deps, authorisedBookingInPath(deps, bearerOf)) },
    async (request, reply) => {
      const b = await authorisedBooking(request, deps);
      const body = parseBody(RescheduleSchema, request.body);
      const staff = request.principal;
      try {
        // Staff move bookings only to seats at their own sites; another site's seat is "not found".
        const to = staff ? await repo.findSlot(deps.db.kysely, body.slotId) : undefined;
        if (to && !mayActAtSite(staff, to.site_id)) throw new BookingError('not_found');
        const r = await rescheduleBooking(
          { ...deps, actor: actorFromRequest(request) },
          {
            bookingId: b.id,
            slotId: body.slotId,
            channel: staff?.role === 'call-agent' ? 'phone' : 'api',
            ...(staff && body.reason ? { reason: body.reason } : {}),
          },
        );
        return {
          id: r.id,
          confirmationCode: r.confirmationCode,
          startsAt: iso(r.startsAt),
          siteId: r.siteId,
          moved: r.moved.map((m) => ({ id: m.id, dose: m.dose, startsAt: iso(m.startsAt) })),
          ...(r.secondDose ? { secondDose: { id: r.secondDose.id, startsAt: iso(r.secondDose.startsAt) } } : {}),
        };
      } catch (err) {
        if (!(err instanceof BookingError)) throw err;
        const t = appointmentsMessages.for(request.locale);
        return reply
          .status(err.code === 'not_found' ? 404 : 409)
          .send({ error: { code: err.code, message: t(ERROR_KEYS[err.code]) } });
      }
    },
  );
  app.post<{ Params: { id: string } }>(
    '/api/v1/bookings/:id/check-in',
    { preHandler: authorize(canCheckIn) },
    async (request) => {
      await bookingAtOwnSite(request, deps);
      const ok = await checkIn(request.params.id, { db: deps.db, now: deps.now, actor: actorFromRequest(request) });
      if (!ok) throw new HttpError(409, 'not_checkable');
      return { id: request.params.id, status: 'checked-in' };
    },
  );
}

function registerSiteDayRoutes(app: FastifyInstance, deps: ModuleDeps): void {
  const opts = { preHandler: authorize(canCheckIn) };
  const d = (request: FastifyRequest) => ({ db: deps.db, now: deps.now, actor: actorFromRequest(request) });
  app.post<{ Params: { id: string } }>('/api/v1/bookings/:id/administer', opts, async (request) => {
    await bookingAtOwnSite(request, deps);
    const body = parseBody(AdministerSchema, request.body, request.locale);
    const r = await recordAdministration(request.params.id, body, d(request));
    if (!r.ok) throw new HttpError(r.error === 'not_found' ? 404 : 409, r.error);
    return { id: request.params.id, status: 'administered' };
  });
  app.post<{ Params: { id: string } }>('/api/v1/bookings/:id/no-show', opts, async (request) => {
    await bookingAtOwnSite(request, deps);
    if (!(await markNoShow(request.params.id, d(request)))) throw new HttpError(409, 'not_a_no_show');
    return { id: request.params.id, status: 'no-show' };
  });
}

export function registerAppointmentRoutes(app: FastifyInstance, deps: ModuleDeps): void {
  registerCatalogRoutes(app, deps);
  registerBookingRoutes(app, deps);
  registerSiteDayRoutes(app, deps);
}

/**
 * Managing a booking: view it (in the site's zone), download its calendar file, cancel it (seat and doses freed at
 * once), or move it through the same site and time steps as booking. Residents reach these pages through the
 * manage link's token (kept in a cookie scoped to the booking); staff through their role, at /staff/book/…,
 * with every read and change of a person's booking in the audit log.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { actorFromRequest, recordAudit } from '../../platform/audit/index.js';
import { requireSite } from '../../platform/auth/index.js';
import { generateToken } from '../../platform/crypto/index.js';
import { HttpError } from '../../platform/http/errors.js';
import type { ModuleDeps } from '../../platform/module.js';
import { cancelBooking } from '../manage-booking.js';
import type { BookingRow } from '../repository.js';
import { findBooking } from '../repository.js';
import { bookingCalendar, loadBookingView, type BookingView } from './booking-view.js';
import { checkSeat } from './check-seat.js';
import { renderConfirmationExtras, type ConfirmationExtra } from './confirmation-extras.js';
import { managePath, manageTokenOf, rememberManageToken, residentBooking } from './manage-access.js';
import { bookingPagesMessages } from './messages.js';
import { moveBooking } from './move-booking.js';
import { confirmationQrSvg } from './qr-code.js';
import { sendMessage, STAFF_BOOK, type Audience } from './render.js';
import { RescheduleForm } from './schema.js';
import { flowTop, showSites, showTaken, showTimes } from './steps.js';
import { authorisedBookingInPath } from '../limits.js';
import { withBookingLimit } from './flow-routes.js';
import { CancelPage, ConfirmationPage, ManagePage } from './views/appointment-pages.js';
import { CurrentAppointment, RescheduleReviewPage } from './views/reschedule-page.js';

type IdParams = { id: string };
const enc = encodeURIComponent;

/** One audience's manage URLs (`:id` is the booking). */
interface ManagePaths {
  view: string;
  confirmation: string;
  calendar: string;
  cancel: string;
  reschedule: string;
  /** Where "book again" goes. */
  book: string;
}

const RESIDENT_PATHS: ManagePaths = {
  view: '/my-appointment/:id',
  confirmation: '/my-appointment/:id/confirmation',
  calendar: '/my-appointment/:id/calendar.ics',
  cancel: '/my-appointment/:id/cancel',
  reschedule: '/my-appointment/:id/reschedule',
  book: '/book',
};

const STAFF_PATHS: ManagePaths = {
  view: `${STAFF_BOOK}/manage/:id`,
  confirmation: `${STAFF_BOOK}/confirmation/:id`,
  calendar: `${STAFF_BOOK}/calendar/:id`,
  cancel: `${STAFF_BOOK}/cancel/:id`,
  reschedule: `${STAFF_BOOK}/reschedule/:id`,
  book: STAFF_BOOK,
};

const href = (pattern: string, id: string) => pattern.replace(':id', enc(id));

export function registerManagePages(
  app: FastifyInstance,
  deps: ModuleDeps,
  audience: Audience,
  extras: readonly ConfirmationExtra[],
): void {
  const paths = audience.staff ? STAFF_PATHS : RESIDENT_PATHS;
  const secure = app.frontdoor.secureCookies;
  const opts = {
    ...audience.routeOptions,
    // The pages sit behind a secret link: never leak their address to another site.
    onRequest: async (_request: FastifyRequest, reply: FastifyReply) => {
      reply.header('referrer-policy', 'no-referrer');
    },
  };
  const t = (request: FastifyRequest) => bookingPagesMessages.for(request.locale);

  /** The booking this request may see, or null after answering with a translated 403/404 page. */
  const authorised = async (request: FastifyRequest<{ Params: IdParams }>, reply: FastifyReply) => {
    if (audience.staff) {
      const b = await findBooking(deps.db.kysely, request.params.id);
      if (!b) throw new HttpError(404, 'not_found');
      requireSite(request, b.site_id);
      return b;
    }
    const access = await residentBooking(deps.db.kysely, request, request.params.id);
    if (access.ok) return access.booking;
    const title = access.status === 404 ? 'manage.notFound.title' : 'manage.forbidden.title';
    await sendMessage(audience, request, reply, { status: access.status, title });
    return null;
  };
  /** The booking's view; staff reads of a person's booking are audited. */
  const viewOf = async (request: FastifyRequest, b: BookingRow): Promise<BookingView> => {
    const v = await loadBookingView(deps, b.id);
    if (!v) throw new HttpError(404, 'not_found');
    if (audience.staff)
      await recordAudit(
        deps.db.kysely,
        actorFromRequest(request),
        { action: 'appointments.booking.viewed', subjectType: 'booking', subjectId: b.id },
        deps.now(),
      );
    return v;
  };

  app.get<{ Params: IdParams; Querystring: { token?: string; done?: string; released?: string } }>(
    paths.view,
    opts,
    async (request, reply) => {
      const id = request.params.id;
      const token = request.query.token;
      if (!audience.staff && typeof token === 'string') {
        // Opened from the message: keep the token in a cookie and take it out of the address bar.
        const access = await residentBooking(deps.db.kysely, request, id, token);
        if (!access.ok) {
          const title = access.status === 404 ? 'manage.notFound.title' : 'manage.forbidden.title';
          return sendMessage(audience, request, reply, { status: access.status, title });
        }
        rememberManageToken(reply, id, token, secure);
        return reply.redirect(managePath(id), 303);
      }
      const b = await authorised(request, reply);
      if (!b) return reply;
      const view = await viewOf(request, b);
      const done = request.query.done === 'cancelled' || request.query.done === 'moved' ? request.query.done : null;
      const released = Math.max(0, Math.min(5, Number(request.query.released) || 0));
      const qrSvg = await confirmationQrSvg(view.code);
      const title = audience.staff ? t(request)('manage.staffTitle', { code: view.code }) : t(request)('manage.title');
      return audience.render(request, reply, { title }, (ctx) => (
        <ManagePage
          ctx={ctx}
          view={view}
          qrSvg={qrSvg}
          staff={audience.staff}
          done={done}
          releasedLater={released}
          calendarHref={href(paths.calendar, id)}
          rescheduleHref={href(paths.reschedule, id)}
          cancelHref={href(paths.cancel, id)}
          bookAgainHref={paths.book}
        />
      ));
    },
  );

  app.get<{ Params: IdParams }>(paths.confirmation, opts, async (request, reply) => {
    const b = await authorised(request, reply);
    if (!b) return reply;
    const view = await viewOf(request, b);
    const qrSvg = await confirmationQrSvg(view.code);
    const title = t(request)(audience.staff ? 'confirmation.staffTitle' : 'confirmation.title');
    // Other modules' additions (the survey invitation) are for the resident, not for staff booking a caller.
    const added = audience.staff
      ? []
      : await renderConfirmationExtras(
          extras,
          deps,
          { bookingId: b.id, programId: b.program_id, siteId: b.site_id, channel: b.channel, locale: request.locale },
          request.log,
        );
    return audience.render(request, reply, { title }, (ctx) => (
      <ConfirmationPage
        ctx={ctx}
        view={view}
        qrSvg={qrSvg}
        staff={audience.staff}
        extras={added}
        calendarHref={href(paths.calendar, b.id)}
        manageHref={href(paths.view, b.id)}
        anotherHref={paths.book}
      />
    ));
  });

  app.get<{ Params: IdParams }>(paths.calendar, opts, async (request, reply) => {
    const b = await authorised(request, reply);
    if (!b) return reply;
    const view = await viewOf(request, b);
    return reply
      .header('content-type', 'text/calendar; charset=utf-8')
      .header('content-disposition', 'attachment; filename="appointment.ics"')
      .header('cache-control', 'no-store')
      .send(bookingCalendar(deps, view, request.locale));
  });

  app.get<{ Params: IdParams }>(paths.cancel, opts, async (request, reply) => {
    const b = await authorised(request, reply);
    if (!b) return reply;
    if (b.status !== 'booked') return reply.redirect(href(paths.view, b.id), 303);
    const view = await viewOf(request, b);
    return audience.render(request, reply, { title: t(request)('cancel.title') }, (ctx) => (
      <CancelPage ctx={ctx} view={view} action={href(paths.cancel, b.id)} keepHref={href(paths.view, b.id)} />
    ));
  });

  app.post<{ Params: IdParams }>(paths.cancel, opts, async (request, reply) => {
    const b = await authorised(request, reply);
    if (!b) return reply;
    const r = await cancelBooking(
      b.id,
      { ...deps, actor: actorFromRequest(request) },
      { reason: 'requested', channel: audience.channel },
    );
    if (!r) return reply.redirect(href(paths.view, b.id), 303);
    const released = r.cancelled.filter((c) => c.id !== b.id).length;
    return reply.redirect(`${href(paths.view, b.id)}?done=cancelled&released=${released}`, 303);
  });

  registerMovePages(app, deps, audience, paths, { opts, authorised, viewOf });
}

type Shared = {
  opts: { onRequest: (request: FastifyRequest, reply: FastifyReply) => Promise<void> } & Audience['routeOptions'];
  authorised: (request: FastifyRequest<{ Params: IdParams }>, reply: FastifyReply) => Promise<BookingRow | null>;
  viewOf: (request: FastifyRequest, b: BookingRow) => Promise<BookingView>;
};

/** Moving a booking: the site and time steps again, then "move" (new seat held before the old one is freed). */
function registerMovePages(
  app: FastifyInstance,
  deps: ModuleDeps,
  audience: Audience,
  paths: ManagePaths,
  s: Shared,
): void {
  const R = paths.reschedule;
  const t = (request: FastifyRequest) => bookingPagesMessages.for(request.locale);
  const links = (id: string) => ({
    sites: `${href(R, id)}/sites`,
    times: (siteId: string, q = '') => `${href(R, id)}/sites/${enc(siteId)}${q}`,
    seat: (siteId: string, slotId: string) => `${href(R, id)}/sites/${enc(siteId)}/slots/${enc(slotId)}`,
  });
  /** The booking, if it can still move (else back to its page). */
  const movable = async (request: FastifyRequest<{ Params: IdParams }>, reply: FastifyReply) => {
    const b = await s.authorised(request, reply);
    if (!b) return null;
    if (b.status !== 'booked') {
      await reply.redirect(href(paths.view, b.id), 303);
      return null;
    }
    return { b, view: await s.viewOf(request, b) };
  };
  const top = (request: FastifyRequest, view: BookingView) =>
    flowTop(audience, request.locale, null, <CurrentAppointment locale={request.locale} view={view} />);

  app.get<{ Params: IdParams }>(R, s.opts, async (request, reply) => {
    const m = await movable(request, reply);
    if (!m) return reply;
    return reply.redirect(links(m.b.id).times(m.b.site_id), 303);
  });

  app.get<{ Params: IdParams }>(`${R}/sites`, s.opts, async (request, reply) => {
    const m = await movable(request, reply);
    if (!m) return reply;
    const l = links(m.b.id);
    await showSites(deps, audience, request, reply, {
      programId: m.b.program_id,
      top: top(request, m.view),
      title: t(request)('reschedule.otherPlaceTitle'),
      lead: request.locale === 'es' ? m.view.program.name_es : m.view.program.name_en,
      back: l.times(m.b.site_id),
      action: l.sites,
      timesHref: (siteId) => l.times(siteId),
    });
    return reply;
  });

  app.get<{ Params: IdParams & { siteId: string } }>(`${R}/sites/:siteId`, s.opts, async (request, reply) => {
    const m = await movable(request, reply);
    if (!m) return reply;
    const l = links(m.b.id);
    const shown = await showTimes(deps, audience, request, reply, {
      programId: m.b.program_id,
      siteId: request.params.siteId,
      productId: m.b.product_id,
      excludeSlotId: m.b.slot_id,
      top: top(request, m.view),
      title: t(request)('reschedule.title'),
      back: href(paths.view, m.b.id),
      action: l.times(request.params.siteId),
      dayHref: (date) => l.times(request.params.siteId, `?date=${enc(date)}`),
      seatHref: (slotId) => l.seat(request.params.siteId, slotId),
      otherPlaceHref: l.sites,
    });
    if (!shown) throw new HttpError(404, 'not_found');
    return reply;
  });

  type SeatParams = IdParams & { siteId: string; slotId: string };
  /** The new seat, or null after showing the "just taken" page (or going back when it is the same seat). */
  const newSeat = async (request: FastifyRequest<{ Params: SeatParams }>, reply: FastifyReply, status: number) => {
    const m = await movable(request, reply);
    if (!m) return null;
    const { siteId, slotId } = request.params;
    if (slotId === m.b.slot_id) {
      await reply.redirect(href(paths.view, m.b.id), 303);
      return null;
    }
    const check = await checkSeat(deps, {
      programId: m.b.program_id,
      siteId,
      slotId,
      productId: m.b.product_id,
      programMode: 'any',
    });
    if (check.ok) return { ...m, seat: check.seat };
    if (check.reason === 'not_found') throw new HttpError(404, 'not_found');
    const l = links(m.b.id);
    await showTaken(deps, audience, request, reply, {
      status,
      code: check.reason === 'past' ? 'slot_past' : 'slot_full',
      seat: check.seat,
      top: top(request, m.view),
      hrefFor: (a) => l.seat(a.site.id, a.slotId),
      allTimesHref: l.times(siteId),
      otherPlaceHref: l.sites,
    });
    return null;
  };

  const seatRoute = `${R}/sites/:siteId/slots/:slotId`;
  app.get<{ Params: SeatParams }>(seatRoute, s.opts, async (request, reply) => {
    const n = await newSeat(request, reply, 200);
    if (!n) return reply;
    const l = links(n.b.id);
    return audience.render(request, reply, { title: t(request)('reschedule.reviewTitle') }, (ctx) => (
      <RescheduleReviewPage
        ctx={ctx}
        top={flowTop(audience, ctx.locale, null)}
        back={l.times(n.seat.site.id)}
        view={n.view}
        seat={n.seat}
        action={l.seat(n.seat.site.id, n.seat.slot.id)}
        bookingKey={generateToken(18)}
      />
    ));
  });

  app.post<{ Params: SeatParams }>(
    seatRoute,
    withBookingLimit(app, deps, s.opts, authorisedBookingInPath(deps, manageTokenOf)),
    async (request, reply) => {
      const form = RescheduleForm.safeParse(request.body);
      if (!form.success) throw new HttpError(400, 'bad_request');
      const b = await s.authorised(request, reply);
      if (!b) return reply;
      const outcome = await moveBooking(deps, {
        key: form.data.bookingKey,
        bookingId: b.id,
        slotId: request.params.slotId,
        channel: audience.channel,
        actor: actorFromRequest(request),
      });
      if (outcome.kind === 'moved') return reply.redirect(`${href(paths.view, b.id)}?done=moved`, 303);
      if (outcome.kind === 'refused') throw new HttpError(409, 'conflict');
      const view = await s.viewOf(request, b);
      const check = await checkSeat(deps, {
        programId: b.program_id,
        siteId: request.params.siteId,
        slotId: request.params.slotId,
        productId: b.product_id,
        programMode: 'any',
      });
      if (check.ok === false && check.reason === 'not_found') throw new HttpError(404, 'not_found');
      const l = links(b.id);
      await showTaken(deps, audience, request, reply, {
        status: 409,
        code: outcome.code,
        seat: check.seat,
        top: top(request, view),
        hrefFor: (a) => l.seat(a.site.id, a.slotId),
        allTimesHref: l.times(request.params.siteId),
        otherPlaceHref: l.sites,
      });
      return reply;
    },
  );
}

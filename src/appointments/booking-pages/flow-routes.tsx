/**
 * The booking flow: program → site → day and time → details → review → confirm, mounted at /book for residents
 * and at /staff/book for staff booking for a caller. State between steps lives in the URL (program, site, slot,
 * product: nothing personal) and in the encrypted details cookie; every step checks everything again.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import { generateToken } from '../../platform/crypto/index.js';
import { HttpError } from '../../platform/http/errors.js';
import { personKey } from '../../platform/http/rate-limits.js';
import type { ModuleDeps } from '../../platform/module.js';
import { limitBookings, type AttemptPerson } from '../limits.js';
import { findProgram } from '../repository.js';
import { ageOn } from '../people.js';
import { clearDraft, readDraft, saveDraft } from './booking-draft.js';
import { checkSeat, type Seat } from './check-seat.js';
import { localDate } from './choose-time.js';
import { confirmBooking } from './confirm-booking.js';
import { managePath, rememberManageToken } from './manage-access.js';
import { bookingPagesMessages } from './messages.js';
import type { Audience } from './render.js';
import { listOpenPrograms } from './repository.js';
import { ConfirmForm, parseDetails, ProductQuery, type Details } from './schema.js';
import { flowTop, showSites, showTaken, showTimes } from './steps.js';
import { DetailsPage } from './views/details-page.js';
import { ProgramPage } from './views/program-page.js';
import { AlreadyBookedPage } from './views/refused-pages.js';
import { ReviewPage } from './views/review-page.js';
import { whenText } from './views/parts.js';

type SeatParams = { programId: string; siteId: string; slotId: string };
const enc = encodeURIComponent;

/** The URLs of one flow (base `/book` or `/staff/book`). */
export function flowPaths(base: string) {
  const site = (p: string, s: string) => `${base}/${enc(p)}/sites/${enc(s)}`;
  const slot = (p: string, s: string, slotId: string) => `${site(p, s)}/slots/${enc(slotId)}`;
  return {
    programs: base,
    sites: (p: string) => `${base}/${enc(p)}`,
    times: (p: string, s: string, q: { date?: string; product?: string } = {}) => {
      const qs = new URLSearchParams(Object.entries(q).filter(([, v]) => v !== undefined)).toString();
      return `${site(p, s)}${qs ? `?${qs}` : ''}`;
    },
    details: (p: string, s: string, slotId: string, product: string) => `${slot(p, s, slotId)}?product=${enc(product)}`,
    review: (p: string, s: string, slotId: string, product: string) =>
      `${slot(p, s, slotId)}/review?product=${enc(product)}`,
    confirm: (p: string, s: string, slotId: string, product: string) =>
      `${slot(p, s, slotId)}/confirm?product=${enc(product)}`,
  };
}

/**
 * Route options plus the booking limit (shared with the API; see ../limits.ts). Over it the platform answers with
 * its translated "too many tries" page and Retry-After.
 */
export function withBookingLimit<O extends { preHandler?: preHandlerAsyncHookHandler }>(
  app: FastifyInstance,
  deps: ModuleDeps,
  opts: O,
  person: AttemptPerson,
) {
  const limit = limitBookings(app, deps, person);
  return { ...opts, preHandler: opts.preHandler ? [opts.preHandler, limit] : [limit] };
}

export function registerBookingFlow(app: FastifyInstance, deps: ModuleDeps, audience: Audience): void {
  const paths = flowPaths(audience.base);
  const opts = audience.routeOptions;
  const draftOpts = { cipher: deps.cipher, path: audience.base, secure: app.frontdoor.secureCookies };
  const t = (request: FastifyRequest) => bookingPagesMessages.for(request.locale);

  const openProgram = async (id: string) => {
    const p = await findProgram(deps.db.kysely, id);
    if (!p || p.status !== 'active' || p.booking_mode !== 'open') throw new HttpError(404, 'not_found');
    return p;
  };
  const productOf = (request: FastifyRequest) => {
    const q = ProductQuery.safeParse(request.query);
    if (!q.success) throw new HttpError(404, 'not_found');
    return q.data.product;
  };
  const seatLinks = (p: SeatParams, seat: Seat) => ({
    hrefFor: (a: { slotId: string; site: { id: string } }) =>
      paths.review(p.programId, a.site.id, a.slotId, seat.product.id),
    allTimesHref: paths.times(p.programId, p.siteId, { product: seat.product.id }),
    otherPlaceHref: paths.sites(p.programId),
  });
  /** Check the seat in the URL: 404 for tampered links, the "just taken" page for a gone seat, else the seat. */
  const seatOrTaken = async (request: FastifyRequest<{ Params: SeatParams }>, reply: FastifyReply, status: number) => {
    const p = request.params;
    const check = await checkSeat(deps, { ...p, productId: productOf(request) });
    if (check.ok) return check.seat;
    if (check.reason === 'not_found') throw new HttpError(404, 'not_found');
    await showTaken(deps, audience, request, reply, {
      status,
      code: check.reason === 'past' ? 'slot_past' : 'slot_full',
      seat: check.seat,
      top: flowTop(audience, request.locale, null),
      ...seatLinks(p, check.seat),
    });
    return null;
  };

  const showDetails = (
    request: FastifyRequest<{ Params: SeatParams }>,
    reply: FastifyReply,
    seat: Seat,
    o: { values: Record<string, string>; errors: Record<string, string>; status: number; notice: string | null },
  ) => {
    const p = request.params;
    return audience.render(request, reply, { title: t(request)('details.title'), status: o.status }, (ctx) => (
      <DetailsPage
        ctx={ctx}
        top={flowTop(audience, ctx.locale, 'details')}
        back={paths.times(p.programId, p.siteId, {
          date: localDate(seat.slot.starts_at, seat.site.time_zone),
          product: seat.product.id,
        })}
        action={paths.details(p.programId, p.siteId, p.slotId, seat.product.id)}
        chosen={t(request)('details.chosen', {
          when: whenText(seat.slot.starts_at, ctx.locale, seat.site.time_zone),
          site: seat.site.name,
        })}
        staff={audience.staff}
        notice={o.notice}
        values={o.values}
        errors={o.errors}
      />
    ));
  };
  const draftValues = (d: Details | null, locale: string): Record<string, string> => {
    if (!d) return { language: locale };
    const [y = '', m = '', day = ''] = d.birthDate.split('-');
    return {
      forWhom: d.forWhom,
      givenName: d.givenName,
      familyName: d.familyName,
      birthYear: y,
      birthMonth: String(Number(m)),
      birthDay: String(Number(day)),
      email: d.email ?? '',
      phone: d.phone ?? '',
      language: d.language,
    };
  };
  const tooYoung = (request: FastifyRequest, seat: Seat) =>
    t(request)('details.error.tooYoung', { age: seat.product.min_age_years });

  app.get(audience.base, opts, async (request, reply) => {
    const programs = await listOpenPrograms(deps.db.kysely);
    return audience.render(request, reply, { title: t(request)('program.title') }, (ctx) => (
      <ProgramPage ctx={ctx} staff={audience.staff} base={audience.base} programs={programs} />
    ));
  });

  app.get<{ Params: { programId: string } }>(`${audience.base}/:programId`, opts, async (request, reply) => {
    const program = await openProgram(request.params.programId);
    const title = t(request)('search.title');
    await showSites(deps, audience, request, reply, {
      programId: program.id,
      top: flowTop(audience, request.locale, 'site'),
      title,
      lead: request.locale === 'es' ? program.name_es : program.name_en,
      back: paths.programs,
      action: paths.sites(program.id),
      timesHref: (siteId) => paths.times(program.id, siteId),
    });
    return reply;
  });

  app.get<{ Params: { programId: string; siteId: string } }>(
    `${audience.base}/:programId/sites/:siteId`,
    opts,
    async (request, reply) => {
      const { programId, siteId } = request.params;
      await openProgram(programId);
      const shown = await showTimes(deps, audience, request, reply, {
        programId,
        siteId,
        top: flowTop(audience, request.locale, 'time'),
        title: t(request)('times.title'),
        back: paths.sites(programId),
        action: paths.times(programId, siteId),
        dayHref: (date, product) => paths.times(programId, siteId, { date, product }),
        seatHref: (slotId, product) => paths.details(programId, siteId, slotId, product),
        otherPlaceHref: paths.sites(programId),
      });
      if (!shown) throw new HttpError(404, 'not_found');
      return reply;
    },
  );

  const seatRoute = `${audience.base}/:programId/sites/:siteId/slots/:slotId`;
  app.get<{ Params: SeatParams; Querystring: { expired?: string } }>(seatRoute, opts, async (request, reply) => {
    const seat = await seatOrTaken(request, reply, 200);
    if (!seat) return reply;
    const draft = readDraft(request, { cipher: deps.cipher, now: deps.now() });
    const notice = request.query.expired === '1' ? t(request)('details.expired') : null;
    return showDetails(request, reply, seat, {
      values: draftValues(draft, request.locale),
      errors: {},
      status: 200,
      notice,
    });
  });

  app.post<{ Params: SeatParams }>(seatRoute, opts, async (request, reply) => {
    const seat = await seatOrTaken(request, reply, 409);
    if (!seat) return reply;
    const today = localDate(deps.now(), seat.site.time_zone);
    const form = parseDetails(request.body, { contactRequired: !audience.staff, today });
    const errors: Record<string, string> = {};
    if (!form.ok) for (const [f, key] of Object.entries(form.errors)) errors[f] = t(request)(key);
    else if (
      ageOn(form.value.birthDate, localDate(seat.slot.starts_at, seat.site.time_zone)) < seat.product.min_age_years
    )
      errors.birthDate = tooYoung(request, seat);
    if (!form.ok || Object.keys(errors).length > 0)
      return showDetails(request, reply, seat, { values: form.values, errors, status: 400, notice: null });
    saveDraft(reply, form.value, { ...draftOpts, now: deps.now() });
    const p = request.params;
    return reply.redirect(paths.review(p.programId, p.siteId, p.slotId, seat.product.id), 303);
  });

  app.get<{ Params: SeatParams }>(`${seatRoute}/review`, opts, async (request, reply) => {
    const seat = await seatOrTaken(request, reply, 200);
    if (!seat) return reply;
    const p = request.params;
    const details = readDraft(request, { cipher: deps.cipher, now: deps.now() });
    if (!details)
      return reply.redirect(`${paths.details(p.programId, p.siteId, p.slotId, seat.product.id)}&expired=1`, 303);
    return audience.render(request, reply, { title: t(request)('review.title') }, (ctx) => (
      <ReviewPage
        ctx={ctx}
        top={flowTop(audience, ctx.locale, 'review')}
        back={paths.details(p.programId, p.siteId, p.slotId, seat.product.id)}
        seat={seat}
        details={details}
        changeTimeHref={paths.times(p.programId, p.siteId, {
          date: localDate(seat.slot.starts_at, seat.site.time_zone),
          product: seat.product.id,
        })}
        changeDetailsHref={paths.details(p.programId, p.siteId, p.slotId, seat.product.id)}
        action={paths.confirm(p.programId, p.siteId, p.slotId, seat.product.id)}
        bookingKey={generateToken(18)}
      />
    ));
  });

  // The confirm URL opened directly (the language switch on the "just taken" page, a reload): back to the review.
  app.get<{ Params: SeatParams }>(`${seatRoute}/confirm`, opts, async (request, reply) => {
    const p = request.params;
    return reply.redirect(paths.review(p.programId, p.siteId, p.slotId, productOf(request)), 303);
  });

  app.post<{ Params: SeatParams }>(
    `${seatRoute}/confirm`,
    withBookingLimit(app, deps, opts, (request) => {
      const d = readDraft(request, { cipher: deps.cipher, now: deps.now() });
      return d ? personKey(d.givenName, d.familyName, d.birthDate) : undefined;
    }),
    async (request, reply) => {
      const form = ConfirmForm.safeParse(request.body);
      if (!form.success) throw new HttpError(400, 'bad_request');
      const p = request.params;
      const check = await checkSeat(deps, { ...p, productId: form.data.product });
      if (!check.ok && check.reason === 'not_found') throw new HttpError(404, 'not_found');
      const seat = check.seat;
      const details = readDraft(request, { cipher: deps.cipher, now: deps.now() });
      const outcome = await confirmBooking(deps, {
        key: form.data.bookingKey,
        slotId: p.slotId,
        productId: seat.product.id,
        details,
        channel: audience.channel,
        actor: audience.actor(request),
      });
      switch (outcome.kind) {
        case 'booked':
          clearDraft(reply, draftOpts);
          if (audience.staff) return reply.redirect(`${audience.base}/confirmation/${enc(outcome.bookingId)}`, 303);
          rememberManageToken(reply, outcome.bookingId, outcome.manageToken, draftOpts.secure);
          return reply.redirect(`${managePath(outcome.bookingId)}/confirmation`, 303);
        case 'no_details':
          return reply.redirect(`${paths.details(p.programId, p.siteId, p.slotId, seat.product.id)}&expired=1`, 303);
        case 'taken':
          await showTaken(deps, audience, request, reply, {
            status: 409,
            code: outcome.code,
            seat,
            top: flowTop(audience, request.locale, null),
            ...seatLinks(p, seat),
          });
          return reply;
        case 'already_booked': {
          const title = t(request)('already.title');
          const name = details ? `${details.givenName} ${details.familyName}` : '';
          return audience.render(request, reply, { title, status: 409 }, (ctx) => (
            <AlreadyBookedPage ctx={ctx} top={flowTop(audience, ctx.locale, null)} name={name} staff={audience.staff} />
          ));
        }
        case 'not_eligible':
          return showDetails(request, reply, seat, {
            values: draftValues(details, request.locale),
            errors: { birthDate: tooYoung(request, seat) },
            status: 409,
            notice: null,
          });
        default:
          throw new HttpError(404, 'not_found');
      }
    },
  );
}

/**
 * Find a booking and act on it for a caller or at the desk: details with status history, check in (desk roles
 * only), cancel with a confirmation step (channel phone, audited), move (the call-agent reschedule flow), and
 * send the confirmation again.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { authorize } from '../../../platform/auth/index.js';
import { formatDateTime } from '../../../platform/i18n/index.js';
import { HttpError } from '../../../platform/http/errors.js';
import { parseForm } from '../../../platform/http/forms.js';
import { sendConsolePage } from '../../../platform/http/console-page.js';
import { navBuilder } from '../../../platform/http/page.js';
import type { ModuleDeps } from '../../../platform/module.js';
import { findSiteById } from '../../../sites/index.js';
import { cancelBooking } from '../../manage-booking.js';
import { canCheckIn, canManageBookings } from '../../policy.js';
import * as repo from '../../repository.js';
import { bookingHistory } from '../booking-history.js';
import { checkInAtSite, type CheckInProblem } from '../check-in-at-site.js';
import { findBookingByCode, findBookingsByPerson, viewBooking } from '../find-booking.js';
import { clinicMessages, translateClinicErrors, type ClinicKey } from '../messages.js';
import type { BookingView } from '../people-view.js';
import { resendConfirmation, type ResendResult } from '../resend-confirmation.js';
import { CodeForm, personSearchForm } from '../schema.js';
import { BookingPage, CancelPage } from '../views/booking-page.js';
import { PROBLEM_KEYS } from '../views/labels.js';
import { LookupPage, type LookupResult } from '../views/lookup-page.js';
import { clinicDeps, query, requireOwnBooking } from './shared.js';

const NOTICES: Record<string, ClinicKey> = {
  'checked-in': 'booking.done.checkedIn',
  cancelled: 'booking.done.cancelled',
  resent: 'booking.done.resent',
};
const ERRORS: Record<Exclude<ResendResult, 'sent'> | CheckInProblem, ClinicKey> = {
  ...PROBLEM_KEYS,
  no_contact: 'booking.error.no_contact',
  not_active: 'booking.error.not_active',
};
const isError = (e: string | undefined): e is keyof typeof ERRORS => e !== undefined && e in ERRORS;

export function registerBookingRoutes(app: FastifyInstance, deps: ModuleDeps): void {
  const nav = navBuilder(deps.consoleLinks);
  const lookup = { preHandler: authorize(canManageBookings) };
  const desk = { preHandler: authorize(canCheckIn) };
  const current = '/staff/bookings';

  const showLookup = (
    request: FastifyRequest,
    reply: FastifyReply,
    o: { values: Record<string, string>; errors: Record<string, string>; results?: LookupResult[]; notFound?: boolean },
    status = 200,
  ) =>
    sendConsolePage(
      request,
      reply,
      { nav, current, title: clinicMessages.for(request.locale)('lookup.title'), status },
      (ctx) => <LookupPage ctx={ctx} {...o} />,
    );

  const withSites = async (found: BookingView[]): Promise<LookupResult[]> =>
    Promise.all(
      found.map(async (booking) => {
        const site = await findSiteById(deps.db.kysely, booking.siteId);
        return { booking, siteName: site?.name ?? '', zone: site?.time_zone ?? deps.config.agencyTimeZone };
      }),
    );

  const bookingOr404 = async (request: FastifyRequest<{ Params: { id: string } }>) => {
    const b = await viewBooking(clinicDeps(deps, request), request.params.id);
    const site = b ? await findSiteById(deps.db.kysely, b.siteId) : undefined;
    if (!b || !site) throw new HttpError(404, 'not_found');
    return { b, site };
  };

  app.get('/staff/bookings', lookup, async (request, reply) => {
    const q = query(request);
    if (q.code === undefined) return showLookup(request, reply, { values: {}, errors: {} });
    const form = parseForm(CodeForm, { code: q.code });
    if (!form.ok)
      return showLookup(
        request,
        reply,
        { values: {}, errors: translateClinicErrors(request.locale, form.errors) },
        400,
      );
    const b = await findBookingByCode(clinicDeps(deps, request), form.value.code);
    if (b) return reply.redirect(`/staff/bookings/${b.id}`, 303);
    return showLookup(request, reply, { values: { code: q.code }, errors: {}, notFound: true }, 404);
  });

  app.post('/staff/bookings/search', lookup, async (request, reply) => {
    const form = parseForm(personSearchForm(deps.now), request.body);
    if (!form.ok) {
      const errors = translateClinicErrors(request.locale, form.errors);
      return showLookup(request, reply, { values: form.values, errors }, 400);
    }
    const found = await findBookingsByPerson(clinicDeps(deps, request), form.value);
    const results = await withSites(found);
    return showLookup(request, reply, { values: form.values, errors: {}, results, notFound: found.length === 0 });
  });

  app.get<{ Params: { id: string } }>('/staff/bookings/:id', lookup, async (request, reply) => {
    const { b, site } = await bookingOr404(request);
    const row = await repo.findBooking(deps.db.kysely, b.id);
    const history = await bookingHistory(deps.db, b.id);
    const q = query(request);
    const t = clinicMessages.for(request.locale);
    const notice = NOTICES[q.done ?? ''];
    const error = isError(q.error) ? ERRORS[q.error] : undefined;
    const may = request.principal ? canCheckIn(request.principal) : false;
    const bookingDate = formatDateTime(b.startsAt, request.locale, site.time_zone, 'long-date');
    return sendConsolePage(request, reply, { nav, current, title: t('booking.title', { code: b.code }) }, (ctx) => (
      <BookingPage
        ctx={ctx}
        booking={b}
        site={site}
        history={history}
        createdAt={row?.created_at ?? b.startsAt}
        canCheckIn={may}
        notice={notice ? t(notice) : undefined}
        error={error ? t(error, { site: site.name, date: bookingDate }) : undefined}
      />
    ));
  });

  app.post<{ Params: { id: string } }>('/staff/bookings/:id/check-in', desk, async (request, reply) => {
    await requireOwnBooking(deps, request, request.params.id);
    const r = await checkInAtSite(clinicDeps(deps, request), { bookingId: request.params.id, siteId: null });
    const to = `/staff/bookings/${request.params.id}`;
    return reply.redirect(r.ok ? `${to}?done=checked-in` : `${to}?error=${r.problem}`, 303);
  });

  app.get<{ Params: { id: string } }>('/staff/bookings/:id/cancel', lookup, async (request, reply) => {
    const { b, site } = await bookingOr404(request);
    if (b.status !== 'booked') return reply.redirect(`/staff/bookings/${b.id}?error=not_active`, 303);
    const title = clinicMessages.for(request.locale)('cancel.title', { code: b.code });
    return sendConsolePage(request, reply, { nav, current, title }, (ctx) => (
      <CancelPage ctx={ctx} booking={b} site={site} />
    ));
  });

  app.post<{ Params: { id: string } }>('/staff/bookings/:id/cancel', lookup, async (request, reply) => {
    await requireOwnBooking(deps, request, request.params.id);
    const r = await cancelBooking(request.params.id, clinicDeps(deps, request), {
      reason: 'requested',
      channel: 'phone',
    });
    const to = `/staff/bookings/${request.params.id}`;
    return reply.redirect(r ? `${to}?done=cancelled` : `${to}?error=not_active`, 303);
  });

  app.post<{ Params: { id: string } }>('/staff/bookings/:id/resend', lookup, async (request, reply) => {
    await requireOwnBooking(deps, request, request.params.id);
    const r = await resendConfirmation(clinicDeps(deps, request), request.params.id);
    if (r === 'not_found') throw new HttpError(404, 'not_found');
    const to = `/staff/bookings/${request.params.id}`;
    return reply.redirect(r === 'sent' ? `${to}?done=resent` : `${to}?error=${r}`, 303);
  });
}

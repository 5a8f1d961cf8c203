/** The check-in desk and recording the dose given (site staff, site managers, admins; never call agents). */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { authorize } from '../../../platform/auth/index.js';
import { HttpError } from '../../../platform/http/errors.js';
import { parseForm } from '../../../platform/http/forms.js';
import { sendConsolePage } from '../../../platform/http/console-page.js';
import { navBuilder } from '../../../platform/http/page.js';
import type { ModuleDeps } from '../../../platform/module.js';
import { findSiteById, type Site } from '../../../sites/index.js';
import { recordAdministration, type AdministerError } from '../../manage-booking.js';
import { canCheckIn } from '../../policy.js';
import { checkInAtSite, checkInProblem } from '../check-in-at-site.js';
import { findBookingByCode, findBookingsByPerson, viewBooking } from '../find-booking.js';
import { clinicMessages, translateClinicErrors, type ClinicKey } from '../messages.js';
import type { BookingView } from '../people-view.js';
import { AdministerForm, CodeForm, personSearchForm } from '../schema.js';
import { usableLots } from '../usable-lots.js';
import { AdministerPage } from '../views/administer-page.js';
import { CheckInPage, type CheckInView, type FoundBooking } from '../views/check-in-page.js';
import { clinicDeps, query, requireOwnBooking, siteFromPath } from './shared.js';

const ADMINISTER_ERRORS: Record<AdministerError, { field: string; key: ClinicKey }> = {
  not_found: { field: 'lot', key: 'problem.not_found' },
  not_checked_in: { field: 'lot', key: 'error.not_checked_in' },
  lot_unknown: { field: 'lot', key: 'error.lot_unknown' },
  lot_expired: { field: 'lot', key: 'error.lot_expired' },
  lot_empty: { field: 'lot', key: 'error.lot_empty' },
};

/** Of a person's bookings, the one the desk means: here and today first, else the nearest in time. */
function bestForDesk(found: BookingView[], deskSiteId: string, now: number): BookingView | undefined {
  const here = found.filter((b) => b.siteId === deskSiteId);
  const pool = here.length > 0 ? here : found;
  return [...pool].sort((a, b) => Math.abs(a.startsAt - now) - Math.abs(b.startsAt - now))[0];
}

export function registerDeskRoutes(app: FastifyInstance, deps: ModuleDeps): void {
  const nav = navBuilder(deps.consoleLinks);
  const desk = { preHandler: authorize(canCheckIn) };
  const current = '/staff/clinic';

  const describe = async (site: Site, b: BookingView): Promise<FoundBooking> => {
    const own = b.siteId === site.id ? site : await findSiteById(deps.db.kysely, b.siteId);
    if (!own) throw new HttpError(404, 'not_found');
    const problem = checkInProblem(b, { siteId: site.id, zone: own.time_zone, now: deps.now() });
    return { booking: b, site: own, problem };
  };

  const show = (request: FastifyRequest, reply: FastifyReply, v: Omit<CheckInView, 'ctx'>, status = 200) =>
    sendConsolePage(
      request,
      reply,
      { nav, current, title: clinicMessages.for(request.locale)('checkIn.title', { site: v.site.name }), status },
      (ctx) => <CheckInPage ctx={ctx} {...v} />,
    );

  app.get<{ Params: { siteId: string } }>('/staff/sites/:siteId/check-in', desk, async (request, reply) => {
    const site = await siteFromPath(deps, request.params.siteId);
    const q = query(request);
    const t = clinicMessages.for(request.locale);
    const notice = q.done === 'administered' ? t('checkIn.administered') : undefined;
    if (q.code === undefined) return show(request, reply, { site, values: {}, errors: {}, notice });
    const form = parseForm(CodeForm, { code: q.code });
    if (!form.ok)
      return show(
        request,
        reply,
        { site, values: {}, errors: translateClinicErrors(request.locale, form.errors) },
        400,
      );
    const b = await findBookingByCode(clinicDeps(deps, request), form.value.code);
    if (!b) return show(request, reply, { site, values: { code: q.code }, errors: {}, notFound: true }, 404);
    return show(request, reply, { site, values: { code: q.code }, errors: {}, found: await describe(site, b) });
  });

  app.post<{ Params: { siteId: string } }>('/staff/sites/:siteId/check-in/search', desk, async (request, reply) => {
    const site = await siteFromPath(deps, request.params.siteId);
    const form = parseForm(personSearchForm(deps.now), request.body);
    if (!form.ok) {
      const errors = translateClinicErrors(request.locale, form.errors);
      return show(request, reply, { site, values: form.values, errors }, 400);
    }
    const found = await findBookingsByPerson(clinicDeps(deps, request), form.value);
    const b = bestForDesk(found, site.id, deps.now());
    if (!b) return show(request, reply, { site, values: form.values, errors: {}, notFound: true }, 404);
    return show(request, reply, { site, values: form.values, errors: {}, found: await describe(site, b) });
  });

  app.post<{ Params: { siteId: string; id: string } }>(
    '/staff/sites/:siteId/bookings/:id/check-in',
    desk,
    async (request, reply) => {
      await requireOwnBooking(deps, request, request.params.id);
      const site = await siteFromPath(deps, request.params.siteId);
      const r = await checkInAtSite(clinicDeps(deps, request), { bookingId: request.params.id, siteId: site.id });
      if (r.ok)
        return reply.redirect(`/staff/sites/${site.id}/bookings/${request.params.id}/administer?done=checked-in`, 303);
      const b = await viewBooking(clinicDeps(deps, request), request.params.id);
      if (!b) throw new HttpError(404, 'not_found');
      const found = { ...(await describe(site, b)), problem: r.problem };
      return show(request, reply, { site, values: {}, errors: {}, found }, 409);
    },
  );

  const showAdminister = async (
    request: FastifyRequest<{ Params: { siteId: string; id: string } }>,
    reply: FastifyReply,
    o: { values: Record<string, string>; errors: Record<string, string>; status: number; notice?: string },
  ) => {
    const site = await siteFromPath(deps, request.params.siteId);
    const b = await viewBooking(clinicDeps(deps, request), request.params.id);
    if (!b || b.siteId !== site.id) throw new HttpError(404, 'not_found');
    const lots = await usableLots(clinicDeps(deps, request), {
      siteId: site.id,
      productId: b.productId,
      zone: site.time_zone,
    });
    const t = clinicMessages.for(request.locale);
    const name = `${b.person.givenName} ${b.person.familyName}`;
    const title = t('administer.title', { name });
    return sendConsolePage(request, reply, { nav, current, title, status: o.status }, (ctx) => (
      <AdministerPage
        ctx={ctx}
        site={site}
        booking={b}
        lots={lots}
        recordedBy={request.principal?.name ?? ''}
        values={o.values}
        errors={o.errors}
        notice={o.notice}
      />
    ));
  };

  app.get<{ Params: { siteId: string; id: string } }>(
    '/staff/sites/:siteId/bookings/:id/administer',
    desk,
    async (request, reply) => {
      const t = clinicMessages.for(request.locale);
      const checkedIn = query(request).done === 'checked-in';
      const b = checkedIn ? await viewBooking(clinicDeps(deps, request), request.params.id) : null;
      const notice = b ? t('checkIn.done', { name: `${b.person.givenName} ${b.person.familyName}` }) : undefined;
      return showAdminister(request, reply, { values: {}, errors: {}, status: 200, ...(notice ? { notice } : {}) });
    },
  );

  app.post<{ Params: { siteId: string; id: string } }>(
    '/staff/sites/:siteId/bookings/:id/administer',
    desk,
    async (request, reply) => {
      const site = await siteFromPath(deps, request.params.siteId);
      const form = parseForm(AdministerForm, request.body);
      const errors = form.ok ? {} : translateClinicErrors(request.locale, form.errors);
      const b = await viewBooking(clinicDeps(deps, request), request.params.id);
      if (!b || b.siteId !== site.id) throw new HttpError(404, 'not_found');
      if (form.ok && form.value.dose !== b.dose)
        return showAdminister(request, reply, {
          values: form.values,
          errors: { dose: clinicMessages.for(request.locale)('error.dose') },
          status: 400,
        });
      if (!form.ok) return showAdminister(request, reply, { values: form.values, errors, status: 400 });
      const r = await recordAdministration(b.id, form.value, clinicDeps(deps, request));
      if (r.ok) return reply.redirect(`/staff/sites/${site.id}/check-in?done=administered`, 303);
      const e = ADMINISTER_ERRORS[r.error];
      const message = clinicMessages.for(request.locale)(e.key);
      return showAdminister(request, reply, { values: form.values, errors: { [e.field]: message }, status: 409 });
    },
  );
}

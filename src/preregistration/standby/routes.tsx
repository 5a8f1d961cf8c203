/**
 * The standby console: /staff/preregistration/:programId/standby (today's offers and the form that opens one) and
 * /staff/preregistration/:programId/standby/:offerId (one offer's answers). Site managers and admins; opening an
 * offer is audited.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DateTime } from 'luxon';
import { actorFromRequest } from '../../platform/audit/index.js';
import { authorize, hasNoSites, mayActAtSite, requireSite, withinSites } from '../../platform/auth/index.js';
import { sendConsolePage } from '../../platform/http/console-page.js';
import { HttpError } from '../../platform/http/errors.js';
import { parseForm } from '../../platform/http/forms.js';
import { navBuilder } from '../../platform/http/page.js';
import type { ModuleDeps } from '../../platform/module.js';
import { findSiteById } from '../faces.js';
import { canManagePrereg } from '../policy.js';
import { findProgram, findSettings, listSites } from '../repository.js';
import { STAFF_BASE } from '../views/staff-pages.js';
import { standbyMessages, translateStandbyErrors, type StandbyKey } from './messages.js';
import { offerState } from './offer-state.js';
import { openStandbyOffer } from './open-offer.js';
import * as repo from './repository.js';
import { OfferSchema } from './schema.js';
import { OfferPage, StandbyPage } from './views.js';

type ProgramParams = { programId: string };
const ERROR_KEYS: Record<string, StandbyKey> = {
  arriveBy: 'staff.error.arriveBy',
  site: 'staff.error.site',
  slot_exists: 'staff.error.slotExists',
  no_seats: 'staff.error.noSeats',
};

/** The standby page of a program. */
export const standbyPath = (programId: string) => `${STAFF_BASE}/${encodeURIComponent(programId)}/standby`;

export function registerStandbyPages(app: FastifyInstance, deps: ModuleDeps): void {
  const nav = navBuilder(deps.consoleLinks);
  const db = deps.db.kysely;
  const page = (title: string, status = 200) => ({ nav, current: STAFF_BASE, title, status });
  const t = (request: FastifyRequest) => standbyMessages.for(request.locale);
  const programOf = async (id: string) => {
    const program = await findProgram(db, id);
    if (!program || !(await findSettings(db, id))) throw new HttpError(404, 'not_found');
    return program;
  };
  const stateOf = async (offer: repo.OfferRow) =>
    offerState(db, offer, await findSiteById(db, offer.site_id), deps.now());

  const show = async (
    request: FastifyRequest<{ Params: ProgramParams }>,
    reply: FastifyReply,
    o: { values: Record<string, string>; errors: Record<string, string>; status: number },
  ) => {
    const program = await programOf(request.params.programId);
    const today = DateTime.fromMillis(deps.now(), { zone: deps.config.agencyTimeZone }).startOf('day').toMillis();
    const mine = withinSites(request.principal, await repo.listOffers(db, program.id, today), (o) => o.site_id);
    const offers = await Promise.all(mine.map(stateOf));
    const sites = withinSites(request.principal, await listSites(db), (s) => s.id).map((s) => ({
      id: s.id,
      name: s.name,
    }));
    const name = request.locale === 'es' ? program.name_es : program.name_en;
    return sendConsolePage(request, reply, page(t(request)('staff.title'), o.status), (ctx) => (
      <StandbyPage
        ctx={ctx}
        program={name}
        base={standbyPath(program.id)}
        sites={sites}
        noSites={hasNoSites(request.principal)}
        offers={offers}
        {...o}
      />
    ));
  };

  app.get<{ Params: ProgramParams }>(
    `${STAFF_BASE}/:programId/standby`,
    { preHandler: authorize(canManagePrereg) },
    async (request, reply) => show(request, reply, { values: {}, errors: {}, status: 200 }),
  );
  app.post<{ Params: ProgramParams }>(
    `${STAFF_BASE}/:programId/standby`,
    { preHandler: authorize(canManagePrereg) },
    async (request, reply) => {
      const program = await programOf(request.params.programId);
      const form = parseForm(OfferSchema, request.body);
      if (!form.ok)
        return show(request, reply, {
          values: form.values,
          errors: translateStandbyErrors(request.locale, form.errors),
          status: 400,
        });
      // Another site is refused as a site that does not exist (ADR 0019).
      const r = mayActAtSite(request.principal, form.value.siteId)
        ? await openStandbyOffer({ ...deps, actor: actorFromRequest(request) }, program.id, form.value)
        : ({ ok: false, field: 'siteId', error: 'site' } as const);
      if (!r.ok) {
        const tr = t(request);
        const message =
          r.error === 'not_set_up'
            ? tr('staff.error.notSetUp')
            : r.error === 'no_doses'
              ? tr('staff.error.noDoses', { free: r.free ?? 0 })
              : tr(ERROR_KEYS[r.error] ?? 'staff.error.noSeats');
        return show(request, reply, { values: form.values, errors: { [r.field ?? 'siteId']: message }, status: 422 });
      }
      return reply.redirect(`${standbyPath(program.id)}/${encodeURIComponent(r.offerId)}?done=opened`, 303);
    },
  );
  app.get<{ Params: ProgramParams & { offerId: string } }>(
    `${STAFF_BASE}/:programId/standby/:offerId`,
    { preHandler: authorize(canManagePrereg) },
    async (request, reply) => {
      const program = await programOf(request.params.programId);
      const offer = await repo.findOffer(db, request.params.offerId);
      if (!offer || offer.program_id !== program.id) throw new HttpError(404, 'not_found');
      requireSite(request, offer.site_id);
      const state = await stateOf(offer);
      const opened = (request.query as Record<string, string | undefined>).done === 'opened';
      return sendConsolePage(request, reply, page(t(request)('staff.offer.title', { site: state.siteName })), (ctx) => (
        <OfferPage ctx={ctx} state={state} base={standbyPath(program.id)} opened={opened} />
      ));
    },
  );
}

/**
 * The console: programs with pre-registration, each one's dashboard (counts, phases opened and closed, groups and
 * questions, matching runs, "run matching now") and a call agent's form to register a phone caller (channel
 * `phone`; "call me" for a landline). Every change is audited with the staff member's name.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { actorFromRequest } from '../platform/audit/index.js';
import { authorize, isCountyWide, mayActAtSite, withinSites } from '../platform/auth/index.js';
import { sendConsolePage } from '../platform/http/console-page.js';
import { HttpError } from '../platform/http/errors.js';
import { parseForm } from '../platform/http/forms.js';
import { navBuilder } from '../platform/http/page.js';
import { latestDateAt } from '../platform/input/index.js';
import type { ModuleDeps } from '../platform/module.js';
import { loadDashboard } from './dashboard.js';
import { formOptions } from './form-options.js';
import { loadEligibility, setPhase } from './manage-eligibility.js';
import { preregMessages, translatePreregErrors } from './messages.js';
import { canManagePrereg, canOpenPrereg, canRegisterCallers, canViewPrereg } from './policy.js';
import { preRegister } from './register.js';
import { findProgram, listSites } from './repository.js';
import { runMatchingNow } from './run-matching-now.js';
import { registerSchema } from './schema.js';
import { preregPrograms } from './status.js';
import { withBirthDate } from './views/fields.js';
import { RegisterPage } from './views/resident-pages.js';
import { DashboardPage, STAFF_BASE, STAFF_NOTICES, StaffProgramsPage } from './views/staff-pages.js';

type ProgramParams = { programId: string };
/** The status token of the caller just registered, for the agent to read out once (never in an address). */
const READ_OUT_COOKIE = 'fd_prereg_readout';
const PhaseForm = z.object({ status: z.enum(['open', 'closed']) });
const MatchForm = z.object({ siteId: z.string().optional() });

export function registerStaffPages(app: FastifyInstance, deps: ModuleDeps): void {
  const nav = navBuilder(deps.consoleLinks);
  const db = deps.db.kysely;
  const RegisterSchema = registerSchema(() => latestDateAt(deps.now()));
  // The read-out link's cookie: cleared with the attributes it was set with, or browsers keep it.
  const readOut = {
    path: STAFF_BASE,
    httpOnly: true,
    sameSite: 'strict' as const,
    secure: app.frontdoor.secureCookies,
  };
  const t = (request: FastifyRequest) => preregMessages.for(request.locale);
  const page = (title: string, status = 200) => ({
    nav,
    current: STAFF_BASE,
    title,
    status,
  });
  const programOf = async (id: string) => {
    const program = await findProgram(db, id);
    const eligibility = program ? await loadEligibility(db, id) : null;
    if (!program || !eligibility) throw new HttpError(404, 'not_found');
    return { program, eligibility };
  };
  const noticeOf = (request: FastifyRequest) => STAFF_NOTICES[(request.query as Record<string, string>).done ?? ''];
  const actorDeps = (request: FastifyRequest) => ({ ...deps, actor: actorFromRequest(request) });

  app.get(STAFF_BASE, { preHandler: authorize(canOpenPrereg) }, async (request, reply) => {
    const programs = await preregPrograms(db);
    const canView = request.principal ? canViewPrereg(request.principal) : false;
    const canManage = request.principal ? canManagePrereg(request.principal) : false;
    return sendConsolePage(request, reply, page(t(request)('staff.title')), (ctx) => (
      <StaffProgramsPage ctx={ctx} programs={programs} canView={canView} canManage={canManage} />
    ));
  });

  app.get<{ Params: ProgramParams }>(
    `${STAFF_BASE}/:programId`,
    { preHandler: authorize(canViewPrereg) },
    async (request, reply) => {
      const { program } = await programOf(request.params.programId);
      const dashboard = await loadDashboard(db, program.id);
      const sites = withinSites(request.principal, await listSites(db), (s) => s.id);
      const canManage = request.principal ? canManagePrereg(request.principal) : false;
      const canCall = request.principal ? canRegisterCallers(request.principal) : false;
      const title = t(request)('staff.dashboard.title', {
        program: request.locale === 'es' ? program.name_es : program.name_en,
      });
      return sendConsolePage(request, reply, page(title), (ctx) => (
        <DashboardPage
          ctx={ctx}
          program={program}
          dashboard={dashboard}
          sites={sites}
          allSites={isCountyWide(request.principal)}
          canManage={canManage}
          canCall={canCall}
          notice={noticeOf(request)}
          zone={deps.config.agencyTimeZone}
        />
      ));
    },
  );

  app.post<{ Params: ProgramParams & { phaseId: string } }>(
    `${STAFF_BASE}/:programId/phases/:phaseId`,
    { preHandler: authorize(canManagePrereg) },
    async (request, reply) => {
      const { program, eligibility } = await programOf(request.params.programId);
      const form = parseForm(PhaseForm, request.body);
      const phase = eligibility.phases.find((p) => p.id === request.params.phaseId);
      if (!form.ok || !phase) throw new HttpError(400, 'bad_request');
      await setPhase(program.id, phase.id, form.value.status, actorDeps(request));
      return reply.redirect(`${STAFF_BASE}/${encodeURIComponent(program.id)}?done=phase`, 303);
    },
  );

  app.post<{ Params: ProgramParams }>(
    `${STAFF_BASE}/:programId/match`,
    { preHandler: authorize(canManagePrereg) },
    async (request, reply) => {
      const { program } = await programOf(request.params.programId);
      const form = parseForm(MatchForm, request.body);
      const siteId = form.ok ? form.value.siteId || undefined : undefined;
      // One of the reader's sites; every site at once only for county-wide roles (ADR 0019).
      const allowed = siteId
        ? mayActAtSite(request.principal, siteId) && (await listSites(db)).some((s) => s.id === siteId)
        : isCountyWide(request.principal);
      if (!form.ok || !allowed) throw new HttpError(400, 'bad_request');
      await runMatchingNow(actorDeps(request), program.id, siteId);
      return reply.redirect(`${STAFF_BASE}/${encodeURIComponent(program.id)}?done=matching`, 303);
    },
  );

  const showRegister = async (
    request: FastifyRequest<{ Params: ProgramParams }>,
    reply: FastifyReply,
    o: { values: Record<string, string>; errors: Record<string, string>; status: number },
  ) => {
    const { program, eligibility } = await programOf(request.params.programId);
    const options = await formOptions(db, eligibility, deps.now());
    const notice = noticeOf(request);
    const token = notice ? request.cookies[READ_OUT_COOKIE] : undefined;
    if (request.cookies[READ_OUT_COOKIE]) reply.clearCookie(READ_OUT_COOKIE, readOut);
    const statusUrl = token ? `${deps.config.publicUrl}/preregister/status/${encodeURIComponent(token)}` : null;
    return sendConsolePage(request, reply, page(t(request)('staff.register.title'), o.status), (ctx) => (
      <>
        {notice && (
          <div class="usa-alert usa-alert--success" role="status">
            <div class="usa-alert__body">
              <p class="usa-alert__text">{preregMessages.for(ctx.locale)(notice)}</p>
              {statusUrl && (
                <>
                  <p class="usa-alert__text">{preregMessages.for(ctx.locale)('staff.register.readOut')}</p>
                  <p class="usa-alert__text">
                    <code class="break-all">{statusUrl}</code>
                  </p>
                  <p class="usa-alert__text">{preregMessages.for(ctx.locale)('staff.register.readOutHint')}</p>
                </>
              )}
            </div>
          </div>
        )}
        <RegisterPage
          ctx={ctx}
          program={program}
          groups={eligibility.groups}
          {...options}
          action={`${STAFF_BASE}/${encodeURIComponent(program.id)}/register`}
          staff
          {...o}
        />
      </>
    ));
  };
  app.get<{ Params: ProgramParams }>(
    `${STAFF_BASE}/:programId/register`,
    { preHandler: authorize(canRegisterCallers) },
    async (request, reply) => showRegister(request, reply, { values: {}, errors: {}, status: 200 }),
  );
  app.post<{ Params: ProgramParams }>(
    `${STAFF_BASE}/:programId/register`,
    { preHandler: authorize(canRegisterCallers) },
    async (request, reply) => {
      const { program } = await programOf(request.params.programId);
      const form = parseForm(RegisterSchema, withBirthDate(request.body));
      if (!form.ok)
        return showRegister(request, reply, {
          values: form.values,
          errors: translatePreregErrors(request.locale, form.errors),
          status: 400,
        });
      const r = await preRegister(actorDeps(request), program.id, form.value, 'phone');
      if (!r.ok) {
        const errors = { birthDate: t(request)('result.not.title') };
        return showRegister(request, reply, { values: form.values, errors, status: 422 });
      }
      reply.setCookie(READ_OUT_COOKIE, r.statusToken, { ...readOut, maxAge: 600 });
      const done = r.merged ? 'merged' : 'registered';
      return reply.redirect(`${STAFF_BASE}/${encodeURIComponent(program.id)}/register?done=${done}`, 303);
    },
  );
}

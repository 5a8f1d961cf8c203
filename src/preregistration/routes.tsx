/**
 * The resident pages: /preregister (programs → screener → its answer → the form → confirmation), the status page
 * behind the status link, and /invite (the invitation link: birth-date check, accept or decline). Everything works
 * without JavaScript; the secret links' tokens move into cookies (page-access.ts).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { VNode } from 'preact';
import { z } from 'zod';
import { systemActor } from '../platform/audit/index.js';
import { HttpError } from '../platform/http/errors.js';
import { parseForm } from '../platform/http/forms.js';
import { personKey } from '../platform/http/rate-limits.js';
import { pageContext } from '../platform/http/page.js';
import { latestDateAt } from '../platform/input/index.js';
import type { ModuleDeps } from '../platform/module.js';
import { Layout, sendPage, type PageContext } from '../platform/views/index.js';
import { screen } from './eligibility.js';
import { formOptions } from './form-options.js';
import { acceptInvitation, declineInvitation, openInvitation, optOut } from './invitations.js';
import { loadEligibility } from './manage-eligibility.js';
import { preregMessages, translatePreregErrors } from './messages.js';
import { INVITE_COOKIE, rememberToken, STATUS_COOKIE, tokenFrom } from './page-access.js';
import { preRegister } from './register.js';
import { findProgram } from './repository.js';
import { birthDate, registerSchema, screenSchema } from './schema.js';
import { preregPrograms, siteDirectory, statusFacts } from './status.js';
import { withBirthDate } from './views/fields.js';
import { InvitationPage, type OfferView } from './views/invitation-page.js';
import {
  ConfirmationPage,
  MessagePage,
  ProgramsPage,
  RegisterPage,
  ResultPage,
  ScreenerPage,
  StatusPage,
} from './views/resident-pages.js';

type ProgramParams = { programId: string };

/**
 * Limits on the two resident writes a surge hammers: pre-registering (the person: name + birth date, as typed) and
 * answering an invitation (the person: their invitation link's token), each also per client address.
 */
function residentLimits(app: FastifyInstance, deps: ModuleDeps) {
  const l = deps.config.rateLimits;
  return {
    preregistration: app.limitRequests({
      name: 'preregistration',
      ...l.preregistration,
      person: (request) => {
        const b = withBirthDate(request.body);
        const text = (k: string) => (typeof b[k] === 'string' ? b[k] : undefined);
        return text('birthDate') ? personKey(text('givenName'), text('familyName'), text('birthDate')) : undefined;
      },
    }),
    invitation: app.limitRequests({
      name: 'invitation',
      ...l.invitation,
      person: (request) => tokenFrom(request, INVITE_COOKIE),
    }),
  };
}
const answerSchema = (today: () => string) =>
  z.object({
    answer: z.enum(['accept', 'decline']),
    holdId: z.string().optional(),
    birthDate: birthDate(today),
  });

export function registerResidentPages(app: FastifyInstance, deps: ModuleDeps): void {
  const secure = app.frontdoor.secureCookies;
  const today = () => latestDateAt(deps.now());
  const [ScreenSchema, RegisterSchema, AnswerSchema] = [
    screenSchema(today),
    registerSchema(today),
    answerSchema(today),
  ];
  const db = deps.db.kysely;
  const t = (request: FastifyRequest) => preregMessages.for(request.locale);
  const render = (
    request: FastifyRequest,
    reply: FastifyReply,
    title: string,
    body: (ctx: PageContext) => VNode,
    status = 200,
  ) => {
    const ctx = pageContext(request, reply);
    return sendPage(
      reply,
      <Layout ctx={ctx} title={title}>
        {body(ctx)}
      </Layout>,
      status,
    );
  };
  const message = (request: FastifyRequest, reply: FastifyReply, status: number, title: string, body: string) =>
    render(request, reply, title, () => <MessagePage title={title} body={body} />, status);
  // The status and invitation pages sit behind secret links: never leak their address to another site.
  const limits = residentLimits(app, deps);
  const secret = {
    onRequest: async (_request: FastifyRequest, reply: FastifyReply) => {
      reply.header('referrer-policy', 'no-referrer');
    },
  };

  /** The program's eligibility, or 404 for an unknown program or one without pre-registration. */
  const programOf = async (id: string) => {
    const program = await findProgram(db, id);
    const eligibility = program && program.status === 'active' ? await loadEligibility(db, id) : null;
    if (!program || !eligibility) throw new HttpError(404, 'not_found');
    return { program, eligibility };
  };

  app.get('/preregister', async (request, reply) => {
    const programs = await preregPrograms(db);
    return render(request, reply, t(request)('programs.title'), (ctx) => (
      <ProgramsPage ctx={ctx} programs={programs} />
    ));
  });

  const showScreener = async (
    request: FastifyRequest<{ Params: ProgramParams }>,
    reply: FastifyReply,
    o: { values: Record<string, string>; errors: Record<string, string>; status: number },
  ) => {
    const { program, eligibility } = await programOf(request.params.programId);
    const { counties } = await formOptions(db, eligibility, deps.now());
    return render(
      request,
      reply,
      t(request)('screener.title'),
      (ctx) => <ScreenerPage ctx={ctx} program={program} groups={eligibility.groups} counties={counties} {...o} />,
      o.status,
    );
  };
  app.get<{ Params: ProgramParams }>('/preregister/:programId', async (request, reply) =>
    showScreener(request, reply, { values: {}, errors: {}, status: 200 }),
  );
  // The screener changes nothing: its answer is shown in reply to the POST (no personal data in the address).
  app.post<{ Params: ProgramParams }>('/preregister/:programId', async (request, reply) => {
    const { program, eligibility } = await programOf(request.params.programId);
    const form = parseForm(ScreenSchema, withBirthDate(request.body));
    if (!form.ok)
      return showScreener(request, reply, {
        values: form.values,
        errors: translatePreregErrors(request.locale, form.errors),
        status: 400,
      });
    const result = screen(eligibility, form.value);
    const title = t(request)(
      result.kind === 'now' ? 'result.now.title' : result.kind === 'later' ? 'result.later.title' : 'result.not.title',
    );
    return render(request, reply, title, (ctx) => <ResultPage ctx={ctx} programId={program.id} result={result} />);
  });

  const showRegister = async (
    request: FastifyRequest<{ Params: ProgramParams }>,
    reply: FastifyReply,
    o: { values: Record<string, string>; errors: Record<string, string>; status: number },
  ) => {
    const { program, eligibility } = await programOf(request.params.programId);
    const options = await formOptions(db, eligibility, deps.now());
    return render(
      request,
      reply,
      t(request)('register.title'),
      (ctx) => (
        <RegisterPage
          ctx={ctx}
          program={program}
          groups={eligibility.groups}
          {...options}
          action={`/preregister/${encodeURIComponent(program.id)}/register`}
          staff={false}
          {...o}
        />
      ),
      o.status,
    );
  };
  app.get<{ Params: ProgramParams }>('/preregister/:programId/register', async (request, reply) =>
    showRegister(request, reply, { values: {}, errors: {}, status: 200 }),
  );
  app.post<{ Params: ProgramParams }>(
    '/preregister/:programId/register',
    { preHandler: limits.preregistration },
    async (request, reply) => {
      const { program } = await programOf(request.params.programId);
      const form = parseForm(RegisterSchema, withBirthDate(request.body));
      if (!form.ok)
        return showRegister(request, reply, {
          values: form.values,
          errors: translatePreregErrors(request.locale, form.errors),
          status: 400,
        });
      const channel = form.value.forWhom === 'other' ? 'proxy' : 'web';
      const r = await preRegister({ ...deps, actor: systemActor('resident') }, program.id, form.value, channel);
      if (!r.ok) {
        if (!r.result) throw new HttpError(404, 'not_found');
        const result = r.result;
        return render(request, reply, t(request)('result.not.title'), (ctx) => (
          <ResultPage ctx={ctx} programId={program.id} result={result} />
        ));
      }
      rememberToken(reply, STATUS_COOKIE, r.statusToken, secure);
      return reply.redirect(`/preregister/confirmation${r.merged ? '?merged=1' : ''}`, 303);
    },
  );

  app.get('/preregister/confirmation', secret, async (request, reply) => {
    const token = tokenFrom(request, STATUS_COOKIE);
    if (!token || !(await statusFacts(db, token, deps.now())))
      return message(request, reply, 403, t(request)('denied.title'), t(request)('denied.body'));
    const merged = (request.query as Record<string, string | undefined>).merged === '1';
    const statusUrl = `${deps.config.publicUrl}/preregister/status/${encodeURIComponent(token)}`;
    return render(request, reply, t(request)('confirmation.title'), (ctx) => (
      <ConfirmationPage ctx={ctx} merged={merged} statusUrl={statusUrl} />
    ));
  });

  app.get<{ Params: { token: string } }>('/preregister/status/:token', secret, async (request, reply) => {
    rememberToken(reply, STATUS_COOKIE, request.params.token, secure);
    return reply.redirect('/preregister/status', 303);
  });
  app.get('/preregister/status', secret, async (request, reply) => {
    const token = tokenFrom(request, STATUS_COOKIE);
    const facts = token ? await statusFacts(db, token, deps.now()) : null;
    if (!facts) return message(request, reply, 403, t(request)('denied.title'), t(request)('denied.body'));
    const optedOut = (request.query as Record<string, string | undefined>).done === 'opted-out';
    return render(request, reply, t(request)('status.title'), (ctx) => (
      <StatusPage ctx={ctx} facts={facts} optedOut={optedOut} />
    ));
  });
  app.post('/preregister/opt-out', secret, async (request, reply) => {
    const token = tokenFrom(request, STATUS_COOKIE);
    if (!token || !(await optOut(deps, token)))
      return message(request, reply, 403, t(request)('denied.title'), t(request)('denied.body'));
    return reply.redirect('/preregister/status?done=opted-out', 303);
  });

  // The invitation link.
  app.get<{ Params: { token: string } }>('/invite/:token', secret, async (request, reply) => {
    rememberToken(reply, INVITE_COOKIE, request.params.token, secure);
    return reply.redirect('/invite', 303);
  });
  const gone = (request: FastifyRequest, reply: FastifyReply, why: 'gone' | 'locked' | 'expired') =>
    why === 'locked'
      ? message(request, reply, 403, t(request)('invite.locked.title'), t(request)('invite.locked.body'))
      : message(request, reply, 410, t(request)('invite.gone.title'), t(request)('invite.gone.body'));
  const showInvitation = async (
    request: FastifyRequest,
    reply: FastifyReply,
    o: { values: Record<string, string>; errors: Record<string, string>; status: number },
  ) => {
    const token = tokenFrom(request, INVITE_COOKIE);
    const v = token ? await openInvitation(deps, token) : 'gone';
    if (typeof v === 'string') return gone(request, reply, v);
    const sites = await siteDirectory(db);
    const program = await findProgram(db, v.invitation.program_id);
    const offers: OfferView[] = v.offers.map((h) => {
      const s = sites.get(h.siteId);
      return {
        holdId: h.id,
        siteName: s?.name ?? '',
        address: s ? `${s.address} ${s.postal_code}` : '',
        timeZone: s?.time_zone ?? deps.config.agencyTimeZone,
        seats: h.seats.map((x) => ({ dose: x.dose, startsAt: x.startsAt })),
      };
    });
    const name = program ? (request.locale === 'es' ? program.name_es : program.name_en) : '';
    return render(
      request,
      reply,
      t(request)('invite.title'),
      (ctx) => <InvitationPage ctx={ctx} program={name} expiresAt={v.invitation.expires_at} offers={offers} {...o} />,
      o.status,
    );
  };
  app.get('/invite', secret, async (request, reply) =>
    showInvitation(request, reply, { values: {}, errors: {}, status: 200 }),
  );
  app.post('/invite', { ...secret, preHandler: limits.invitation }, async (request, reply) => {
    const token = tokenFrom(request, INVITE_COOKIE);
    if (!token) return gone(request, reply, 'gone');
    const form = parseForm(AnswerSchema, withBirthDate(request.body));
    const values = form.values;
    const tr = t(request);
    if (!form.ok)
      return showInvitation(request, reply, {
        values,
        errors: {
          birthDate: translatePreregErrors(request.locale, form.errors).birthDate ?? tr('form.error.birthDate'),
        },
        status: 400,
      });
    const { answer, birthDate, holdId } = form.value;
    if (answer === 'decline') {
      const r = await declineInvitation(deps, token, { birthDate });
      if (r.ok) return message(request, reply, 200, tr('invite.declined.title'), tr('invite.declined.body'));
      if (r.error === 'mismatch')
        return showInvitation(request, reply, {
          values,
          errors: { birthDate: tr('invite.error.mismatch') },
          status: 400,
        });
      return gone(request, reply, r.error);
    }
    const r = await acceptInvitation(deps, token, { birthDate, holdId });
    if (r.ok)
      return reply.redirect(
        `/my-appointment/${encodeURIComponent(r.bookingId)}?token=${encodeURIComponent(r.manageToken)}`,
        303,
      );
    switch (r.error) {
      case 'mismatch':
        return showInvitation(request, reply, {
          values,
          errors: { birthDate: tr('invite.error.mismatch') },
          status: 400,
        });
      case 'no_offer':
        return showInvitation(request, reply, { values, errors: { holdId: tr('invite.error.noOffer') }, status: 400 });
      case 'already_booked':
      case 'not_eligible':
        return message(request, reply, 409, tr('invite.alreadyBooked.title'), tr('invite.alreadyBooked.body'));
      default:
        return gone(request, reply, r.error);
    }
  });
}

/** The staff pulse: every staff member answers once a week; analysts see groups of 5 or more. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { authorize } from '../platform/auth/index.js';
import { sendConsolePage } from '../platform/http/console-page.js';
import { HttpError } from '../platform/http/errors.js';
import { parseForm } from '../platform/http/forms.js';
import { navBuilder } from '../platform/http/page.js';
import type { ModuleDeps } from '../platform/module.js';
import { feedbackMessages, translateErrors } from './messages.js';
import { canAnswerPulse, canViewPulse } from './policy.js';
import { answerPulse, hasAnsweredPulse, pulsePeriod, pulseResults } from './pulse.js';
import * as repo from './repository.js';
import { PulseSchema } from './schema.js';
import { PulsePage, PulseResultsPage } from './views/pulse-pages.js';

const WEEKS_SHOWN = 12;

export function registerPulseRoutes(app: FastifyInstance, deps: ModuleDeps): void {
  const nav = navBuilder(deps.consoleLinks);
  const period = () => pulsePeriod(deps.now(), deps.config.agencyTimeZone);
  const staffId = (request: FastifyRequest) => {
    const p = request.principal;
    if (!p || p.kind !== 'staff') throw new HttpError(403, 'forbidden');
    return p;
  };
  const show = async (
    request: FastifyRequest,
    reply: FastifyReply,
    values: Record<string, string>,
    errors: Record<string, string>,
  ) => {
    const answered = await hasAnsweredPulse(deps.db, staffId(request).id, period());
    const title = feedbackMessages.for(request.locale)('pulse.title');
    return sendConsolePage(
      request,
      reply,
      { nav, current: '/staff/pulse', title, status: Object.keys(errors).length ? 400 : 200 },
      (ctx) => (
        <PulsePage
          ctx={ctx}
          period={period()}
          answered={answered}
          values={values}
          errors={translateErrors(request.locale, errors)}
        />
      ),
    );
  };

  app.get('/staff/pulse', { preHandler: authorize(canAnswerPulse) }, async (request, reply) =>
    show(request, reply, {}, {}),
  );

  app.post('/staff/pulse', { preHandler: authorize(canAnswerPulse) }, async (request, reply) => {
    const p = staffId(request);
    const form = parseForm(PulseSchema, request.body);
    if (!form.ok) return show(request, reply, form.values, form.errors);
    await answerPulse(deps.db, { staffId: p.id, role: p.role, period: period(), input: form.value });
    return reply.redirect('/staff/pulse', 303);
  });

  app.get('/staff/feedback/pulse/results', { preHandler: authorize(canViewPulse) }, async (request, reply) => {
    const since = pulsePeriod(deps.now() - WEEKS_SHOWN * 7 * 86_400_000, deps.config.agencyTimeZone);
    const cells = pulseResults(await repo.listPulseResponses(deps.db.kysely, since));
    const title = feedbackMessages.for(request.locale)('pulse.resultsTitle');
    return sendConsolePage(request, reply, { nav, current: '/staff/feedback', title }, (ctx) => (
      <PulseResultsPage ctx={ctx} cells={cells} />
    ));
  });
}

/**
 * The staff pulse: every staff member answers once a period; analysts see groups of 5 or more. The CX team sets
 * the schedule and adds, edits and retires the pulse's own questions (questions share the residents' editor).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { actorFromRequest } from '../platform/audit/index.js';
import { authorize } from '../platform/auth/index.js';
import { sendConsolePage } from '../platform/http/console-page.js';
import { HttpError } from '../platform/http/errors.js';
import { parseForm } from '../platform/http/forms.js';
import { navBuilder } from '../platform/http/page.js';
import type { ModuleDeps } from '../platform/module.js';
import { DateTime } from 'luxon';
import { feedbackMessages, translateErrors } from './messages.js';
import { canAnswerPulse, canManageSurveys, canViewPulse } from './policy.js';
import {
  answerPulse,
  hasAnsweredPulse,
  loadPulseFrequency,
  pulsePeriod,
  pulseResults,
  pulseRowsSince,
  savePulseFrequency,
} from './pulse.js';
import * as repo from './repository.js';
import { openPulse } from './sealed-text.js';
import { parseCustomAnswers, PulseSchema, PulseSettingsSchema } from './schema.js';
import { PulsePage, PulseResultsPage, PulseSettingsPage } from './views/pulse-pages.js';
import { noticeKey } from './views/settings-pages.js';

/** Results cover the periods that started in the last half year. */
const MONTHS_SHOWN = 6;

export function registerPulseRoutes(app: FastifyInstance, deps: ModuleDeps): void {
  const nav = navBuilder(deps.consoleLinks);
  const db = deps.db.kysely;
  const currentPeriod = async () => pulsePeriod(deps.now(), deps.config.agencyTimeZone, await loadPulseFrequency(db));
  const staff = (request: FastifyRequest) => {
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
    const period = await currentPeriod();
    const answered = period !== null && (await hasAnsweredPulse(deps.db, staff(request).id, period));
    const questions = await repo.listPulseQuestions(db, { activeOnly: true });
    const title = feedbackMessages.for(request.locale)('pulse.title');
    return sendConsolePage(
      request,
      reply,
      { nav, current: '/staff/pulse', title, status: Object.keys(errors).length ? 400 : 200 },
      (ctx) => (
        <PulsePage
          ctx={ctx}
          period={period}
          answered={answered}
          questions={questions}
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
    const p = staff(request);
    const period = await currentPeriod();
    if (period === null) return reply.redirect('/staff/pulse', 303);
    const form = parseForm(PulseSchema, request.body);
    const errors: Record<string, string> = form.ok ? {} : { ...form.errors };
    const body = (typeof request.body === 'object' && request.body !== null ? request.body : {}) as Record<
      string,
      unknown
    >; // formbody gives an object of strings
    const custom = parseCustomAnswers(await repo.listPulseQuestions(db, { activeOnly: true }), body, errors);
    if (!form.ok || Object.keys(errors).length > 0) return show(request, reply, form.values, errors);
    await answerPulse(deps, { staffId: p.id, role: p.role, period, input: form.value, custom });
    return reply.redirect('/staff/pulse', 303);
  });

  app.get('/staff/feedback/pulse/results', { preHandler: authorize(canViewPulse) }, async (request, reply) => {
    const since =
      DateTime.fromMillis(deps.now(), { zone: deps.config.agencyTimeZone })
        .minus({ months: MONTHS_SHOWN })
        .toISODate() ?? '';
    const questions = await repo.listPulseQuestions(db, { activeOnly: false });
    const rows = pulseRowsSince(await repo.listPulseResponses(db), since).map((r) => openPulse(deps.cipher, r));
    const cells = pulseResults(rows, questions);
    const title = feedbackMessages.for(request.locale)('pulse.resultsTitle');
    return sendConsolePage(request, reply, { nav, current: '/staff/feedback', title }, (ctx) => (
      <PulseResultsPage ctx={ctx} cells={cells} questions={questions} />
    ));
  });

  const manage = { preHandler: authorize(canManageSurveys) };
  const showSettings = async (
    request: FastifyRequest,
    reply: FastifyReply,
    values: Record<string, string>,
    errors: Record<string, string>,
  ) => {
    const questions = await repo.listPulseQuestions(db, { activeOnly: false });
    const title = feedbackMessages.for(request.locale)('pulse.settingsTitle');
    const notice = noticeKey((request.query as Record<string, string | undefined>).done);
    return sendConsolePage(
      request,
      reply,
      { nav, current: '/staff/feedback', title, status: Object.keys(errors).length ? 400 : 200 },
      (ctx) => (
        <PulseSettingsPage
          ctx={ctx}
          questions={questions}
          values={values}
          errors={translateErrors(request.locale, errors)}
          notice={notice}
        />
      ),
    );
  };

  app.get('/staff/feedback/pulse/settings', manage, async (request, reply) =>
    showSettings(request, reply, { frequency: await loadPulseFrequency(db) }, {}),
  );

  app.post('/staff/feedback/pulse/settings', manage, async (request, reply) => {
    const form = parseForm(PulseSettingsSchema, request.body);
    if (!form.ok) return showSettings(request, reply, form.values, form.errors);
    await savePulseFrequency(form.value.frequency, { db: deps.db, now: deps.now, actor: actorFromRequest(request) });
    return reply.redirect('/staff/feedback/pulse/settings?done=saved', 303);
  });
}

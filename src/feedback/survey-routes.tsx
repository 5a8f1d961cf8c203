/** Residents answer a survey through its link: no sign-in, no JavaScript, once per link. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { pageContext } from '../platform/http/page.js';
import type { ModuleDeps } from '../platform/module.js';
import { sendPage } from '../platform/views/index.js';
import { answerSurvey, checkSurveyLink } from './answer-survey.js';
import { feedbackMessages, translateErrors, type FeedbackKey } from './messages.js';
import * as repo from './repository.js';
import { parseSurveyAnswers } from './schema.js';
import { loadSettings } from './survey-settings.js';
import { SurveyMessagePage, SurveyPage } from './views/survey-page.js';

type Refusal = 'not_found' | 'answered' | 'expired';
const REFUSALS: Record<Refusal, { status: number; title: FeedbackKey; text: FeedbackKey }> = {
  not_found: { status: 404, title: 'survey.refused.notFoundTitle', text: 'survey.refused.notFoundText' },
  answered: { status: 410, title: 'survey.refused.answeredTitle', text: 'survey.refused.answeredText' },
  expired: { status: 410, title: 'survey.refused.expiredTitle', text: 'survey.refused.expiredText' },
};

type TokenRequest = FastifyRequest<{ Params: { token: string } }>;

export function registerSurveyRoutes(app: FastifyInstance, deps: ModuleDeps): void {
  const refuse = (request: FastifyRequest, reply: FastifyReply, why: Refusal) => {
    const r = REFUSALS[why];
    const t = feedbackMessages.for(request.locale);
    const ctx = pageContext(request, reply);
    return sendPage(reply, <SurveyMessagePage ctx={ctx} title={t(r.title)} text={t(r.text)} />, r.status);
  };

  const show = async (
    request: TokenRequest,
    reply: FastifyReply,
    inv: repo.InvitationRow,
    values: Record<string, string>,
    errors: Record<string, string>,
  ) => {
    const settings = await loadSettings(deps.db.kysely, inv.program_id);
    const questions = await repo.listActiveQuestions(deps.db.kysely, inv.program_id);
    const t = feedbackMessages.for(request.locale);
    const wording =
      settings.trustWording[request.locale] ?? t('survey.trustDefault', { agency: deps.config.agencyName });
    const ctx = pageContext(request, reply);
    return sendPage(
      reply,
      <SurveyPage
        ctx={ctx}
        action={`/feedback/s/${encodeURIComponent(request.params.token)}`}
        form={inv.form}
        trustWording={wording}
        questions={questions}
        values={values}
        errors={translateErrors(request.locale, errors)}
      />,
      Object.keys(errors).length > 0 ? 400 : 200,
    );
  };

  app.get<{ Params: { token: string } }>('/feedback/s/:token', async (request, reply) => {
    const link = await checkSurveyLink(deps, request.params.token);
    if (!link.ok) return refuse(request, reply, link.error);
    return show(request, reply, link.invitation, {}, {});
  });

  const limit = { rateLimit: { max: deps.config.feedback.answersPerMinute, timeWindow: 60_000 } };
  app.post<{ Params: { token: string } }>('/feedback/s/:token', { config: limit }, async (request, reply) => {
    const body = (request.body ?? {}) as Record<string, unknown>; // formbody gives an object of strings/arrays
    // A filled honeypot is a bot: thank it and keep nothing (the link stays usable for the person).
    if (typeof body.website === 'string' && body.website !== '') return reply.redirect('/feedback/thanks', 303);
    const link = await checkSurveyLink(deps, request.params.token);
    if (!link.ok) return refuse(request, reply, link.error);
    const questions = await repo.listActiveQuestions(deps.db.kysely, link.invitation.program_id);
    const parsed = parseSurveyAnswers(link.invitation.form, questions, body);
    if (!parsed.ok) return show(request, reply, link.invitation, echo(body), parsed.errors);
    const r = await answerSurvey(deps, request.params.token, parsed.value);
    if (!r.ok) return refuse(request, reply, r.error);
    return reply.redirect('/feedback/thanks', 303);
  });

  app.get('/feedback/thanks', async (request, reply) => {
    const t = feedbackMessages.for(request.locale);
    const ctx = pageContext(request, reply);
    return sendPage(
      reply,
      <SurveyMessagePage ctx={ctx} title={t('survey.thanks.title')} text={t('survey.thanks.text')} />,
    );
  });
}

/** What was entered, to show the form again (checkbox groups comma-separated). */
function echo(body: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(body)) {
    if (k === '_csrf' || k === 'website') continue;
    if (typeof v === 'string') out[k] = v;
    else if (Array.isArray(v)) out[k] = v.filter((x) => typeof x === 'string').join(',');
  }
  return out;
}

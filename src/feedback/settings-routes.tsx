/** Survey settings per program (form, trust wording, trigger switches) and custom questions, in the console. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { listProgramNames } from '../appointments/index.js';
import { actorFromRequest } from '../platform/audit/index.js';
import { authorize } from '../platform/auth/index.js';
import { sendConsolePage } from '../platform/http/console-page.js';
import { HttpError } from '../platform/http/errors.js';
import { parseForm } from '../platform/http/forms.js';
import { navBuilder } from '../platform/http/page.js';
import type { ModuleDeps } from '../platform/module.js';
import { feedbackMessages, translateErrors } from './messages.js';
import { canAnalyseFeedback, canManageSurveys } from './policy.js';
import * as repo from './repository.js';
import { QuestionSchema, SettingsSchema } from './schema.js';
import { addQuestion, loadSettings, saveSettings, setQuestionActive, type SurveySettings } from './survey-settings.js';
import { noticeKey, QuestionForm, SettingsForm, SettingsList } from './views/settings-pages.js';

function settingsValues(s: SurveySettings): Record<string, string> {
  return {
    form: s.form,
    trustWordingEn: s.trustWording.en ?? '',
    trustWordingEs: s.trustWording.es ?? '',
    triggerVisit: s.triggers.visit ? 'on' : '',
    triggerCancellation: s.triggers.cancellation ? 'on' : '',
    triggerBooking: s.triggers.booking ? 'on' : '',
  };
}

export function registerSettingsRoutes(app: FastifyInstance, deps: ModuleDeps): void {
  const nav = navBuilder(deps.consoleLinks);
  const view = { preHandler: authorize((p) => canAnalyseFeedback(p) || canManageSurveys(p)) };
  const manage = { preHandler: authorize(canManageSurveys) };
  const actorDeps = (request: FastifyRequest) => ({ db: deps.db, now: deps.now, actor: actorFromRequest(request) });
  const programs = async (request: FastifyRequest) =>
    (await listProgramNames(deps.db.kysely)).map((p) => ({ id: p.id, name: p.name[request.locale] }));
  const page = (request: FastifyRequest, reply: FastifyReply, title: string, status = 200) => ({
    send: (body: Parameters<typeof sendConsolePage>[3]) =>
      sendConsolePage(request, reply, { nav, current: '/staff/feedback', title, status }, body),
  });

  app.get('/staff/feedback/settings', view, async (request, reply) => {
    const list = await programs(request);
    const rows = await Promise.all(
      list.map(async (p) => ({ ...p, settings: await loadSettings(deps.db.kysely, p.id) })),
    );
    const questions = await repo.listQuestions(deps.db.kysely);
    const t = feedbackMessages.for(request.locale);
    const names = new Map(list.map((p) => [p.id, p.name]));
    const notice = noticeKey((request.query as Record<string, string | undefined>).done);
    const canManage = request.principal ? canManageSurveys(request.principal) : false;
    return page(request, reply, t('settings.title')).send((ctx) => (
      <SettingsList
        ctx={ctx}
        programs={rows}
        questions={questions}
        programName={(id) => (id === null ? t('questions.allPrograms') : (names.get(id) ?? id))}
        notice={notice}
        canManage={canManage}
      />
    ));
  });

  const findProgram = async (request: FastifyRequest<{ Params: { id: string } }>) => {
    const p = (await programs(request)).find((x) => x.id === request.params.id);
    if (!p) throw new HttpError(404, 'not_found');
    return p;
  };
  const showSettings = (
    request: FastifyRequest<{ Params: { id: string } }>,
    reply: FastifyReply,
    program: { id: string; name: string },
    values: Record<string, string>,
    errors: Record<string, string>,
  ) =>
    page(
      request,
      reply,
      feedbackMessages.for(request.locale)('settings.editTitle', { name: program.name }),
      Object.keys(errors).length ? 400 : 200,
    ).send((ctx) => (
      <SettingsForm
        ctx={ctx}
        programName={program.name}
        action={`/staff/feedback/settings/${program.id}`}
        values={values}
        errors={translateErrors(request.locale, errors)}
        agencyName={deps.config.agencyName}
      />
    ));

  app.get<{ Params: { id: string } }>('/staff/feedback/settings/:id', manage, async (request, reply) => {
    const program = await findProgram(request);
    return showSettings(request, reply, program, settingsValues(await loadSettings(deps.db.kysely, program.id)), {});
  });

  app.post<{ Params: { id: string } }>('/staff/feedback/settings/:id', manage, async (request, reply) => {
    const program = await findProgram(request);
    const form = parseForm(SettingsSchema, request.body);
    if (!form.ok) return showSettings(request, reply, program, form.values, form.errors);
    await saveSettings(program.id, form.value, actorDeps(request));
    return reply.redirect('/staff/feedback/settings?done=saved', 303);
  });

  const showQuestion = async (
    request: FastifyRequest,
    reply: FastifyReply,
    values: Record<string, string>,
    errors: Record<string, string>,
  ) => {
    const list = await programs(request);
    return page(
      request,
      reply,
      feedbackMessages.for(request.locale)('questions.add'),
      Object.keys(errors).length ? 400 : 200,
    ).send((ctx) => (
      <QuestionForm ctx={ctx} programs={list} values={values} errors={translateErrors(request.locale, errors)} />
    ));
  };

  app.get('/staff/feedback/questions/new', manage, async (request, reply) => showQuestion(request, reply, {}, {}));

  app.post('/staff/feedback/questions/new', manage, async (request, reply) => {
    const form = parseForm(QuestionSchema, request.body);
    if (!form.ok) return showQuestion(request, reply, form.values, form.errors);
    if (form.value.programId && !(await programs(request)).some((p) => p.id === form.value.programId))
      return showQuestion(request, reply, form.values, { programId: 'questions.error.program' });
    await addQuestion(form.value, actorDeps(request));
    return reply.redirect('/staff/feedback/settings?done=added', 303);
  });

  app.post<{ Params: { id: string; action: string } }>(
    '/staff/feedback/questions/:id/:action',
    manage,
    async (request, reply) => {
      const { id, action } = request.params;
      if (action !== 'retire' && action !== 'resume') throw new HttpError(404, 'not_found');
      if (!(await setQuestionActive(id, action === 'resume', actorDeps(request))))
        throw new HttpError(404, 'not_found');
      return reply.redirect('/staff/feedback/settings?done=changed', 303);
    },
  );
}

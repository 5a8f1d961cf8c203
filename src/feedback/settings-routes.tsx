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
import { QuestionEditSchema, QuestionSchema, SettingsSchema } from './schema.js';
import {
  addQuestion,
  editQuestion,
  loadSettings,
  saveSettings,
  setQuestionActive,
  type SurveySettings,
} from './survey-settings.js';
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
    const questions = (await repo.listQuestions(deps.db.kysely)).filter((q) => q.audience === 'resident');
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

  /** Where a question's list is: the residents' settings or the pulse's. */
  const listOf = (audience: repo.QuestionAudience) =>
    audience === 'staff' ? '/staff/feedback/pulse/settings' : '/staff/feedback/settings';
  const newPath = (audience: repo.QuestionAudience) =>
    audience === 'staff' ? '/staff/feedback/pulse/questions/new' : '/staff/feedback/questions/new';

  const showQuestion = async (
    request: FastifyRequest,
    reply: FastifyReply,
    audience: repo.QuestionAudience,
    values: Record<string, string>,
    errors: Record<string, string>,
  ) => {
    const list = audience === 'resident' ? await programs(request) : null;
    const t = feedbackMessages.for(request.locale);
    const title = t(audience === 'staff' ? 'questions.addPulse' : 'questions.add');
    return page(request, reply, title, Object.keys(errors).length ? 400 : 200).send((ctx) => (
      <QuestionForm
        ctx={ctx}
        title={title}
        action={newPath(audience)}
        back={listOf(audience)}
        programs={list}
        values={values}
        errors={translateErrors(request.locale, errors)}
      />
    ));
  };

  for (const audience of ['resident', 'staff'] as const) {
    app.get(newPath(audience), manage, async (request, reply) => showQuestion(request, reply, audience, {}, {}));

    app.post(newPath(audience), manage, async (request, reply) => {
      const form = parseForm(QuestionSchema, request.body);
      if (!form.ok) return showQuestion(request, reply, audience, form.values, form.errors);
      const programId = audience === 'staff' ? null : form.value.programId;
      if (programId && !(await programs(request)).some((p) => p.id === programId))
        return showQuestion(request, reply, audience, form.values, { programId: 'questions.error.program' });
      await addQuestion({ ...form.value, programId, audience }, actorDeps(request));
      return reply.redirect(`${listOf(audience)}?done=added`, 303);
    });
  }

  const findQuestion = async (id: string) => {
    const q = await repo.findQuestion(deps.db.kysely, id);
    if (!q) throw new HttpError(404, 'not_found');
    return q;
  };
  const showEdit = async (
    request: FastifyRequest<{ Params: { id: string } }>,
    reply: FastifyReply,
    q: repo.QuestionRow,
    values: Record<string, string>,
    errors: Record<string, string>,
  ) => {
    const t = feedbackMessages.for(request.locale);
    const names = new Map((await programs(request)).map((p) => [p.id, p.name]));
    const askedIn =
      q.audience === 'staff'
        ? t('questions.inPulse')
        : q.program_id === null
          ? t('questions.allPrograms')
          : (names.get(q.program_id) ?? q.program_id);
    return page(request, reply, t('questions.edit'), Object.keys(errors).length ? 400 : 200).send((ctx) => (
      <QuestionForm
        ctx={ctx}
        title={t('questions.edit')}
        action={`/staff/feedback/questions/${encodeURIComponent(q.id)}/edit`}
        back={listOf(q.audience)}
        programs={null}
        fixed={{ askedIn, kind: q.kind }}
        values={values}
        errors={translateErrors(request.locale, errors)}
      />
    ));
  };

  app.get<{ Params: { id: string } }>('/staff/feedback/questions/:id/edit', manage, async (request, reply) => {
    const q = await findQuestion(request.params.id);
    return showEdit(request, reply, q, { promptEn: q.prompt_en, promptEs: q.prompt_es }, {});
  });

  app.post<{ Params: { id: string } }>('/staff/feedback/questions/:id/edit', manage, async (request, reply) => {
    const q = await findQuestion(request.params.id);
    const form = parseForm(QuestionEditSchema, request.body);
    if (!form.ok) return showEdit(request, reply, q, form.values, form.errors);
    if (!(await editQuestion(q.id, form.value, actorDeps(request)))) throw new HttpError(404, 'not_found');
    return reply.redirect(`${listOf(q.audience)}?done=changed`, 303);
  });

  app.post<{ Params: { id: string; action: string } }>(
    '/staff/feedback/questions/:id/:action',
    manage,
    async (request, reply) => {
      const { id, action } = request.params;
      if (action !== 'retire' && action !== 'resume') throw new HttpError(404, 'not_found');
      const q = await findQuestion(id);
      if (!(await setQuestionActive(id, action === 'resume', actorDeps(request))))
        throw new HttpError(404, 'not_found');
      return reply.redirect(`${listOf(q.audience)}?done=changed`, 303);
    },
  );
}

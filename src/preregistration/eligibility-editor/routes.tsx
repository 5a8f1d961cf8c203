/**
 * The eligibility editor's console pages under /staff/preregistration/{program}/eligibility: settings, phases and
 * groups (add, edit, reorder), the ZIP equity weights (CSV upload, table, clear), and /staff/preregistration/setup
 * for programs without pre-registration. Parse → authorise → one use case → redirect with a notice (PRG).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DateTime } from 'luxon';
import { z } from 'zod';
import { actorFromRequest } from '../../platform/audit/index.js';
import { authorize } from '../../platform/auth/index.js';
import { sendConsolePage } from '../../platform/http/console-page.js';
import { HttpError } from '../../platform/http/errors.js';
import { parseForm, uploadedText } from '../../platform/http/forms.js';
import { navBuilder } from '../../platform/http/page.js';
import type { ModuleDeps } from '../../platform/module.js';
import { listOf } from '../eligibility.js';
import {
  addGroup,
  addPhase,
  GroupSchema,
  PhaseSchema,
  saveSettings,
  SettingsSchema,
  uploadZipWeights,
} from '../manage-eligibility.js';
import { translatePreregErrors } from '../messages.js';
import { canManagePrereg } from '../policy.js';
import * as prereg from '../repository.js';
import { clearZipWeights } from './clear-zip-weights.js';
import { moveGroup, updateGroup } from './edit-group.js';
import { movePhase, renamePhase } from './edit-phase.js';
import { editorMessages } from './messages.js';
import * as repo from './repository.js';
import { editorBase, NOTICES, STAFF_BASE } from './views/common.js';
import { GroupFormPage, PhaseFormPage, SettingsPage, SetupPage } from './views/form-pages.js';
import { nameIn, OverviewPage } from './views/overview-page.js';
import { WEIGHTS_PER_PAGE, ZipWeightsPage } from './views/zip-weights-page.js';

type ProgramParams = { programId: string };
type Form = { values: Record<string, string>; errors: Record<string, string>; status: number };
const MoveForm = z.object({ direction: z.enum(['up', 'down']) });
const Query = z.object({
  done: z.string().optional().catch(undefined),
  n: z.coerce.number().int().min(0).optional().catch(undefined),
  page: z.coerce.number().int().min(1).optional().catch(undefined),
});
const takesUploads = (request: FastifyRequest) => request.server.hasContentTypeParser('multipart/form-data');

export function registerEligibilityEditor(app: FastifyInstance, deps: ModuleDeps): void {
  const nav = navBuilder(deps.consoleLinks);
  const db = deps.db.kysely;
  const manage = { preHandler: authorize(canManagePrereg) };
  const t = (request: FastifyRequest) => editorMessages.for(request.locale);
  const frame = (title: string, status = 200) => ({ nav, current: STAFF_BASE, title, status });
  const editorDeps = (request: FastifyRequest) => ({ db: deps.db, now: deps.now, actor: actorFromRequest(request) });
  const errorsIn = (request: FastifyRequest, errors: Record<string, string>) =>
    translatePreregErrors(request.locale, errors);
  /** The program and its eligibility as it stands (settings may not be saved yet). */
  const programOf = async (id: string) => {
    const program = await prereg.findProgram(db, id);
    if (!program) throw new HttpError(404, 'not_found');
    return {
      program,
      settings: await prereg.findSettings(db, id),
      phases: await prereg.listPhases(db, id),
      groups: await prereg.listGroups(db, id),
    };
  };
  const noticeOf = (request: FastifyRequest) => {
    const q = Query.parse(request.query);
    if (q.done === 'weights') return t(request)('done.weights', { count: q.n ?? 0 });
    const key = NOTICES[q.done ?? ''];
    return key ? t(request)(key) : undefined;
  };
  const back = (reply: FastifyReply, programId: string, done: string, path = '') =>
    reply.redirect(`${editorBase(programId)}${path}?done=${done}`, 303);
  const P = `${STAFF_BASE}/:programId/eligibility`;

  app.get(`${STAFF_BASE}/setup`, manage, async (request, reply) => {
    const programs = await repo.listProgramsWithoutPrereg(db);
    return sendConsolePage(request, reply, frame(t(request)('setup.title')), (ctx) => (
      <SetupPage ctx={ctx} programs={programs} />
    ));
  });

  app.get<{ Params: ProgramParams }>(P, manage, async (request, reply) => {
    const e = await programOf(request.params.programId);
    const products = await prereg.listProducts(db, e.program.id);
    const productName = products.find((x) => x.id === e.settings?.product_id)?.name;
    const weights = await repo.countZipWeights(db, e.program.id);
    const title = t(request)('editor.title', { program: nameIn(e.program, request.locale) });
    return sendConsolePage(request, reply, frame(title), (ctx) => (
      <OverviewPage ctx={ctx} {...e} productName={productName} weights={weights} notice={noticeOf(request)} />
    ));
  });

  // Settings.
  const showSettings = async (request: FastifyRequest<{ Params: ProgramParams }>, reply: FastifyReply, o: Form) => {
    const { program } = await programOf(request.params.programId);
    const products = await prereg.listProducts(db, program.id);
    const title = t(request)('settings.title', { program: nameIn(program, request.locale) });
    return sendConsolePage(request, reply, frame(title, o.status), (ctx) => (
      <SettingsPage ctx={ctx} program={program} products={products} values={o.values} errors={o.errors} />
    ));
  };
  app.get<{ Params: ProgramParams }>(`${P}/settings`, manage, async (request, reply) => {
    const { settings: s } = await programOf(request.params.programId);
    const today = DateTime.fromMillis(deps.now(), { zone: deps.config.agencyTimeZone }).toISODate() ?? '';
    const values = s
      ? {
          minAge: String(s.min_age),
          referenceDate: s.reference_date,
          zips: listOf(s.zips).join('\n'),
          counties: listOf(s.counties).join('\n'),
          holdHours: String(s.hold_hours),
          horizonDays: String(s.horizon_days),
          smsYes: s.sms_yes === 1 ? 'yes' : '',
          productId: s.product_id ?? '',
        }
      : { minAge: '0', referenceDate: today, holdHours: '24', horizonDays: '14' };
    return showSettings(request, reply, { values, errors: {}, status: 200 });
  });
  app.post<{ Params: ProgramParams }>(`${P}/settings`, manage, async (request, reply) => {
    const { program } = await programOf(request.params.programId);
    const form = parseForm(SettingsSchema, request.body);
    if (!form.ok)
      return showSettings(request, reply, { values: form.values, errors: errorsIn(request, form.errors), status: 400 });
    await saveSettings(program.id, form.value, editorDeps(request));
    return back(reply, program.id, 'settings');
  });

  // Phases.
  const showPhase = async (
    request: FastifyRequest<{ Params: ProgramParams & { phaseId?: string } }>,
    reply: FastifyReply,
    o: Form,
  ) => {
    const { program, phases } = await programOf(request.params.programId);
    const phaseId = request.params.phaseId;
    const phase = phases.find((p) => p.id === phaseId);
    if (phaseId && !phase) throw new HttpError(404, 'not_found');
    const title = phase
      ? t(request)('phases.editTitle', { phase: nameIn(phase, request.locale) })
      : t(request)('phases.add');
    return sendConsolePage(request, reply, frame(title, o.status), (ctx) => (
      <PhaseFormPage
        ctx={ctx}
        program={program}
        phaseId={phase?.id}
        title={title}
        values={o.values}
        errors={o.errors}
      />
    ));
  };
  app.get<{ Params: ProgramParams }>(`${P}/phases/new`, manage, async (request, reply) =>
    showPhase(request, reply, { values: {}, errors: {}, status: 200 }),
  );
  app.post<{ Params: ProgramParams }>(`${P}/phases/new`, manage, async (request, reply) => {
    const { program } = await programOf(request.params.programId);
    const form = parseForm(PhaseSchema, request.body);
    if (!form.ok)
      return showPhase(request, reply, { values: form.values, errors: errorsIn(request, form.errors), status: 400 });
    await addPhase(program.id, form.value, editorDeps(request));
    return back(reply, program.id, 'phase-added');
  });
  app.get<{ Params: ProgramParams & { phaseId: string } }>(`${P}/phases/:phaseId`, manage, async (request, reply) => {
    const { phases } = await programOf(request.params.programId);
    const phase = phases.find((p) => p.id === request.params.phaseId);
    const values = phase ? { nameEn: phase.name_en, nameEs: phase.name_es } : {};
    return showPhase(request, reply, { values, errors: {}, status: 200 });
  });
  app.post<{ Params: ProgramParams & { phaseId: string } }>(`${P}/phases/:phaseId`, manage, async (request, reply) => {
    const { program } = await programOf(request.params.programId);
    const form = parseForm(PhaseSchema, request.body);
    if (!form.ok)
      return showPhase(request, reply, { values: form.values, errors: errorsIn(request, form.errors), status: 400 });
    if (!(await renamePhase(program.id, request.params.phaseId, form.value, editorDeps(request))))
      throw new HttpError(404, 'not_found');
    return back(reply, program.id, 'phase-saved');
  });
  app.post<{ Params: ProgramParams & { phaseId: string } }>(
    `${P}/phases/:phaseId/move`,
    manage,
    async (request, reply) => {
      const { program } = await programOf(request.params.programId);
      const form = parseForm(MoveForm, request.body);
      if (!form.ok) throw new HttpError(400, 'bad_request');
      const moved = await movePhase(program.id, request.params.phaseId, form.value.direction, editorDeps(request));
      return moved ? back(reply, program.id, 'moved') : reply.redirect(editorBase(program.id), 303);
    },
  );

  // Groups.
  const showGroup = async (
    request: FastifyRequest<{ Params: ProgramParams & { groupId?: string } }>,
    reply: FastifyReply,
    o: Form,
  ) => {
    const { program, phases, groups } = await programOf(request.params.programId);
    const groupId = request.params.groupId;
    const group = groups.find((g) => g.id === groupId);
    if (groupId && !group) throw new HttpError(404, 'not_found');
    if (phases.length === 0) return reply.redirect(editorBase(program.id), 303);
    const title = group
      ? t(request)('groups.editTitle', { group: nameIn(group, request.locale) })
      : t(request)('groups.add');
    return sendConsolePage(request, reply, frame(title, o.status), (ctx) => (
      <GroupFormPage
        ctx={ctx}
        program={program}
        phases={phases}
        groupId={group?.id}
        title={title}
        values={o.values}
        errors={o.errors}
      />
    ));
  };
  app.get<{ Params: ProgramParams }>(`${P}/groups/new`, manage, async (request, reply) =>
    showGroup(request, reply, { values: {}, errors: {}, status: 200 }),
  );
  app.post<{ Params: ProgramParams }>(`${P}/groups/new`, manage, async (request, reply) => {
    const { program, phases } = await programOf(request.params.programId);
    const form = parseForm(GroupSchema, request.body);
    // Phases are never deleted, so a phase of the program read here is still there for the insert.
    const errors = form.ok
      ? phases.some((p) => p.id === form.value.phaseId)
        ? {}
        : { phaseId: 'staff.error.phase' }
      : form.errors;
    if (!form.ok || Object.keys(errors).length > 0)
      return showGroup(request, reply, { values: form.values, errors: errorsIn(request, errors), status: 400 });
    await addGroup(program.id, form.value, editorDeps(request));
    return back(reply, program.id, 'group-added');
  });
  app.get<{ Params: ProgramParams & { groupId: string } }>(`${P}/groups/:groupId`, manage, async (request, reply) => {
    const { groups } = await programOf(request.params.programId);
    const g = groups.find((x) => x.id === request.params.groupId);
    const values = g
      ? {
          phaseId: g.phase_id,
          nameEn: g.name_en,
          nameEs: g.name_es,
          questionEn: g.question_en,
          questionEs: g.question_es,
          minAge: g.min_age === null ? '' : String(g.min_age),
        }
      : {};
    return showGroup(request, reply, { values, errors: {}, status: 200 });
  });
  app.post<{ Params: ProgramParams & { groupId: string } }>(`${P}/groups/:groupId`, manage, async (request, reply) => {
    const { program } = await programOf(request.params.programId);
    const form = parseForm(GroupSchema, request.body);
    if (!form.ok)
      return showGroup(request, reply, { values: form.values, errors: errorsIn(request, form.errors), status: 400 });
    const r = await updateGroup(program.id, request.params.groupId, form.value, editorDeps(request));
    if (!r.ok && r.error === 'not_found') throw new HttpError(404, 'not_found');
    if (!r.ok)
      return showGroup(request, reply, {
        values: form.values,
        errors: errorsIn(request, { phaseId: 'staff.error.phase' }),
        status: 400,
      });
    return back(reply, program.id, 'group-saved');
  });
  app.post<{ Params: ProgramParams & { groupId: string } }>(
    `${P}/groups/:groupId/move`,
    manage,
    async (request, reply) => {
      const { program } = await programOf(request.params.programId);
      const form = parseForm(MoveForm, request.body);
      if (!form.ok) throw new HttpError(400, 'bad_request');
      const moved = await moveGroup(program.id, request.params.groupId, form.value.direction, editorDeps(request));
      return moved ? back(reply, program.id, 'moved') : reply.redirect(editorBase(program.id), 303);
    },
  );

  // ZIP equity weights.
  const showWeights = async (
    request: FastifyRequest<{ Params: ProgramParams }>,
    reply: FastifyReply,
    o: { problems: Parameters<typeof ZipWeightsPage>[0]['problems']; value?: string; status: number },
  ) => {
    const { program } = await programOf(request.params.programId);
    const count = await repo.countZipWeights(db, program.id);
    const pages = Math.max(1, Math.ceil(count / WEIGHTS_PER_PAGE));
    const page = Math.min(Query.parse(request.query).page ?? 1, pages);
    const rows = await repo.listZipWeightsPage(db, program.id, (page - 1) * WEIGHTS_PER_PAGE, WEIGHTS_PER_PAGE);
    const title = t(request)('weights.title', { program: nameIn(program, request.locale) });
    return sendConsolePage(request, reply, frame(title, o.status), (ctx) => (
      <ZipWeightsPage
        ctx={ctx}
        program={program}
        multipart={takesUploads(request)}
        notice={o.status === 200 ? noticeOf(request) : undefined}
        problems={o.problems}
        value={o.value}
        count={count}
        page={page}
        rows={rows}
      />
    ));
  };
  app.get<{ Params: ProgramParams }>(`${P}/zip-weights`, manage, async (request, reply) =>
    showWeights(request, reply, { problems: [], status: 200 }),
  );
  app.post<{ Params: ProgramParams }>(`${P}/zip-weights`, manage, async (request, reply) => {
    const { program } = await programOf(request.params.programId);
    const csv = uploadedText(request.body, 'file', 'csv');
    const r = await uploadZipWeights(program.id, csv, editorDeps(request));
    if (!r.ok) return showWeights(request, reply, { problems: r.problems, value: csv, status: 400 });
    return reply.redirect(`${editorBase(program.id)}/zip-weights?done=weights&n=${r.count}`, 303);
  });
  app.post<{ Params: ProgramParams }>(`${P}/zip-weights/clear`, manage, async (request, reply) => {
    const { program } = await programOf(request.params.programId);
    await clearZipWeights(program.id, editorDeps(request));
    return back(reply, program.id, 'cleared', '/zip-weights');
  });
}

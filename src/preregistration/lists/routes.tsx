/**
 * The list tools: /staff/preregistration/:programId/export.csv (the per-person list, no personal details; anyone
 * who sees the dashboard), /call-list (printable; call agents and up), marking a person called, and answering a
 * caller's invitation for them. Every download, view and change is audited by its use case.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { actorFromRequest } from '../../platform/audit/index.js';
import { authorize, mayActAtSite } from '../../platform/auth/index.js';
import { sendConsolePage } from '../../platform/http/console-page.js';
import { HttpError } from '../../platform/http/errors.js';
import { parseForm } from '../../platform/http/forms.js';
import { navBuilder } from '../../platform/http/page.js';
import { birthDateSchema, latestDateAt } from '../../platform/input/index.js';
import type { ModuleDeps } from '../../platform/module.js';
import { canRegisterCallers, canViewPrereg } from '../policy.js';
import { findProgram, findSettings } from '../repository.js';
import { withBirthDate } from '../views/fields.js';
import { STAFF_BASE } from '../views/staff-pages.js';
import { answerCall, loadCallList, markCalled, onCallList } from './call-list.js';
import { exportRegistrants } from './export-csv.js';
import { listsMessages, type ListsKey } from './messages.js';
import { AnswerPage, CallListPage } from './views.js';

type ProgramParams = { programId: string };
type PersonParams = ProgramParams & { registrantId: string };
const answerForm = (today: () => string) =>
  z.object({
    answer: z.enum(['accept', 'decline']),
    birthDate: birthDateSchema({ today, invalid: 'answer.birthDate', range: 'answer.birthDateRange' }),
  });

export function registerListPages(app: FastifyInstance, deps: ModuleDeps): void {
  const nav = navBuilder(deps.consoleLinks);
  const db = deps.db.kysely;
  const AnswerForm = answerForm(() => latestDateAt(deps.now()));
  const page = (title: string, status = 200) => ({ nav, current: STAFF_BASE, title, status });
  const t = (request: FastifyRequest) => listsMessages.for(request.locale);
  const actorDeps = (request: FastifyRequest) => ({ ...deps, actor: actorFromRequest(request) });
  const programOf = async (id: string) => {
    const program = await findProgram(db, id);
    if (!program || !(await findSettings(db, id))) throw new HttpError(404, 'not_found');
    return program;
  };
  const base = (programId: string) => `${STAFF_BASE}/${encodeURIComponent(programId)}`;
  /** The reader's sites: people holding a seat elsewhere are not on their call list (ADR 0019). */
  const mayActAt = (request: FastifyRequest) => (siteId: string) => mayActAtSite(request.principal, siteId);

  app.get<{ Params: ProgramParams }>(
    `${STAFF_BASE}/:programId/export.csv`,
    { preHandler: authorize(canViewPrereg) },
    async (request, reply) => {
      const program = await programOf(request.params.programId);
      const { csv } = await exportRegistrants(actorDeps(request), program.id);
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', 'attachment; filename="preregistrations.csv"')
        .header('cache-control', 'no-store')
        .send(csv);
    },
  );

  app.get<{ Params: ProgramParams }>(
    `${STAFF_BASE}/:programId/call-list`,
    { preHandler: authorize(canRegisterCallers) },
    async (request, reply) => {
      const program = await programOf(request.params.programId);
      const entries = await loadCallList(actorDeps(request), program.id, { mayActAt: mayActAt(request) });
      const name = request.locale === 'es' ? program.name_es : program.name_en;
      return sendConsolePage(request, reply, page(t(request)('call.title')), (ctx) => (
        <CallListPage
          ctx={ctx}
          program={name}
          base={base(program.id)}
          entries={entries}
          zone={deps.config.agencyTimeZone}
        />
      ));
    },
  );

  app.post<{ Params: PersonParams }>(
    `${STAFF_BASE}/:programId/call-list/:registrantId/called`,
    { preHandler: authorize(canRegisterCallers) },
    async (request, reply) => {
      const program = await programOf(request.params.programId);
      const { registrantId } = request.params;
      if (
        !(await onCallList(deps, program.id, registrantId, mayActAt(request))) ||
        !(await markCalled(actorDeps(request), program.id, registrantId))
      )
        throw new HttpError(404, 'not_found');
      return reply.redirect(`${base(program.id)}/call-list`, 303);
    },
  );

  const showAnswer = async (
    request: FastifyRequest<{ Params: PersonParams }>,
    reply: FastifyReply,
    o: {
      values: Record<string, string>;
      errors: Record<string, string>;
      status: number;
      done: { key: ListsKey; code?: string } | null;
      entry?: Awaited<ReturnType<typeof loadCallList>>[number];
    },
  ) => {
    const program = await programOf(request.params.programId);
    const only = request.params.registrantId;
    const entry =
      o.entry ?? (await loadCallList(actorDeps(request), program.id, { only, mayActAt: mayActAt(request) }))[0];
    if (!entry || (!entry.offer && !o.done)) throw new HttpError(404, 'not_found');
    return sendConsolePage(request, reply, page(t(request)('answer.title', { name: entry.name }), o.status), (ctx) => (
      <AnswerPage ctx={ctx} entry={entry} base={base(program.id)} values={o.values} errors={o.errors} done={o.done} />
    ));
  };
  app.get<{ Params: PersonParams }>(
    `${STAFF_BASE}/:programId/call-list/:registrantId/answer`,
    { preHandler: authorize(canRegisterCallers) },
    async (request, reply) => showAnswer(request, reply, { values: {}, errors: {}, status: 200, done: null }),
  );
  app.post<{ Params: PersonParams }>(
    `${STAFF_BASE}/:programId/call-list/:registrantId/answer`,
    { preHandler: authorize(canRegisterCallers) },
    async (request, reply) => {
      const program = await programOf(request.params.programId);
      const form = parseForm(AnswerForm, withBirthDate(request.body));
      const tr = t(request);
      if (!form.ok)
        return showAnswer(request, reply, {
          values: form.values,
          errors: {
            birthDate: tr(
              form.errors.birthDate === 'answer.birthDateRange' ? 'answer.birthDateRange' : 'answer.birthDate',
            ),
          },
          status: 400,
          done: null,
        });
      // Who they are and what was offered, read before answering (the page shows it after).
      const [entry] = await loadCallList(actorDeps(request), program.id, {
        only: request.params.registrantId,
        mayActAt: mayActAt(request),
      });
      if (!entry?.offer) throw new HttpError(404, 'not_found');
      const r = await answerCall(actorDeps(request), program.id, entry.id, form.value);
      if (r.ok)
        return showAnswer(request, reply, {
          values: {},
          errors: {},
          status: 200,
          entry,
          done: 'declined' in r ? { key: 'answer.declined' } : { key: 'answer.booked', code: r.confirmationCode },
        });
      const key: ListsKey =
        r.error === 'mismatch'
          ? 'answer.mismatch'
          : r.error === 'already_booked' || r.error === 'not_eligible' || r.error === 'no_offer'
            ? 'answer.failed'
            : 'answer.gone';
      return showAnswer(request, reply, {
        values: form.values,
        errors: { birthDate: tr(key) },
        status: 400,
        entry,
        done: null,
      });
    },
  );
}

/**
 * The console's personal data pages (admins): search, the records found, export as a file, correct, erase (with a
 * confirmation step), and how long each kind of record is kept. The search's terms travel in hidden fields, so every
 * step finds the records again and acts only on records the search found. Post/Redirect/Get after a change.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { VNode } from 'preact';
import { actorFromRequest } from '../platform/audit/index.js';
import { authorize } from '../platform/auth/index.js';
import { parseForm } from '../platform/http/forms.js';
import { sendConsolePage } from '../platform/http/console-page.js';
import { navBuilder } from '../platform/http/page.js';
import type { ModuleDeps } from '../platform/module.js';
import {
  CORRECTABLE_FIELDS,
  type PersonalDataDeps,
  type PersonalDataSource,
  type PersonalRecord,
} from '../platform/personal-data.js';
import type { PageContext } from '../platform/views/index.js';
import { correctPerson } from './correct-person.js';
import { erasePerson } from './erase-person.js';
import { exportPerson } from './export-person.js';
import { findPerson, findRecords } from './find-person.js';
import { privacyMessages, translatePrivacyErrors } from './messages.js';
import { canHandlePersonalData } from './policy.js';
import { lastRetentionRun } from './retention.js';
import {
  ActionSchema,
  CorrectionSchema,
  ErasureSchema,
  keysOf,
  patchOf,
  SearchSchema,
  searchedBy,
  termFields,
  TermsSchema,
  type SearchTerms,
} from './schema.js';
import { CorrectPage, DonePage, ErasePage } from './views/action-pages.js';
import { recordView } from './views/parts.js';
import { RetentionPage } from './views/retention-page.js';
import { ResultsPage, SearchPage } from './views/search-pages.js';

type Step = 'results' | 'correct' | 'erase';

export function registerPrivacyRoutes(
  app: FastifyInstance,
  deps: ModuleDeps,
  sources: () => PersonalDataSource[],
): void {
  const nav = navBuilder(deps.consoleLinks);
  const guard = { preHandler: authorize(canHandlePersonalData) };
  const rights = (request: FastifyRequest): PersonalDataDeps => ({ ...deps, actor: actorFromRequest(request) });
  const page = (
    request: FastifyRequest,
    reply: FastifyReply,
    title: string,
    body: (ctx: PageContext) => VNode,
    status = 200,
  ) => sendConsolePage(request, reply, { nav, current: '/staff/privacy', title, status }, body);
  const tr = (request: FastifyRequest) => privacyMessages.for(request.locale);

  /** One step's page for the records ticked (the results page shows every record found). */
  function show(
    request: FastifyRequest,
    reply: FastifyReply,
    step: Step,
    o: {
      terms: SearchTerms;
      records: PersonalRecord[];
      refs: string[];
      reason: string;
      values: Record<string, string>;
      errors: Record<string, string>;
    },
    status = 200,
  ) {
    const t = tr(request);
    const views = o.records.map((r) => recordView(r, request.locale));
    const chosen = o.records.filter((r) => o.refs.includes(r.ref));
    const carried = { ...termFields(o.terms), ref: chosen.map((r) => r.ref) };
    const common = {
      carried,
      reason: o.reason,
      records: chosen.map((r) => recordView(r, request.locale)),
      values: o.values,
      errors: o.errors,
    };
    if (step === 'results')
      return page(
        request,
        reply,
        t('results.title'),
        (ctx) => (
          <ResultsPage ctx={ctx} terms={termFields(o.terms)} reason={o.reason} records={views} errors={o.errors} />
        ),
        status,
      );
    if (step === 'correct') {
      const fields = CORRECTABLE_FIELDS.filter((f) => chosen.some((r) => r.correctable.includes(f)));
      return page(
        request,
        reply,
        t('correct.title'),
        (ctx) => <CorrectPage ctx={ctx} {...common} fields={fields} />,
        status,
      );
    }
    return page(request, reply, t('erase.title'), (ctx) => <ErasePage ctx={ctx} {...common} />, status);
  }

  /** A form that came back with problems: find the records again (unchanged) and show the step with its errors. */
  async function refuse(
    request: FastifyRequest,
    reply: FastifyReply,
    step: Step,
    form: { values: Record<string, string>; errors: Record<string, string> },
  ) {
    const terms = parseForm(TermsSchema, request.body);
    const errors = translatePrivacyErrors(request.locale, form.errors);
    if (!terms.ok)
      return page(
        request,
        reply,
        tr(request)('search.title'),
        (ctx) => <SearchPage ctx={ctx} values={form.values} errors={errors} />,
        400,
      );
    const records = await findRecords(rights(request), sources(), keysOf(terms.value));
    const refs = (form.values.ref ?? '').split(',');
    const reason = form.values.reason ?? '';
    return show(request, reply, step, { terms: terms.value, records, refs, reason, values: form.values, errors }, 400);
  }

  /** The records of the search that were ticked; null (and the results shown again) when none of them is found. */
  async function chosen(
    request: FastifyRequest,
    reply: FastifyReply,
    v: SearchTerms & { ref: string[]; reason: string },
    audit: 'search' | 'correct' | 'erase' | null,
  ) {
    const d = rights(request);
    const keys = keysOf(v);
    const records = audit
      ? await findPerson(d, sources(), keys, { reason: v.reason, by: searchedBy(v), step: audit })
      : await findRecords(d, sources(), keys);
    const picked = records.filter((r) => v.ref.includes(r.ref));
    if (picked.length > 0) return { records, picked };
    const errors = { ref: tr(request)('error.refs') };
    await show(request, reply, 'results', { terms: v, records, refs: [], reason: v.reason, values: {}, errors }, 400);
    return null;
  }

  app.get('/staff/privacy', guard, async (request, reply) =>
    page(request, reply, tr(request)('search.title'), (ctx) => <SearchPage ctx={ctx} values={{}} errors={{}} />),
  );

  app.post('/staff/privacy/search', guard, async (request, reply) => {
    const form = parseForm(SearchSchema, request.body);
    if (!form.ok) {
      const errors = translatePrivacyErrors(request.locale, form.errors);
      return page(
        request,
        reply,
        tr(request)('search.title'),
        (ctx) => <SearchPage ctx={ctx} values={form.values} errors={errors} />,
        400,
      );
    }
    const v = form.value;
    const records = await findPerson(rights(request), sources(), keysOf(v), {
      reason: v.reason,
      by: searchedBy(v),
      step: 'search',
    });
    return show(request, reply, 'results', { terms: v, records, refs: [], reason: v.reason, values: {}, errors: {} });
  });

  app.post('/staff/privacy/export', guard, async (request, reply) => {
    const form = parseForm(ActionSchema, request.body);
    if (!form.ok) return refuse(request, reply, 'results', form);
    const found = await chosen(request, reply, form.value, null);
    if (!found) return reply;
    const file = await exportPerson(
      rights(request),
      sources(),
      found.picked.map((r) => r.ref),
      form.value.reason,
    );
    const day = file.generatedAt.slice(0, 10);
    return reply
      .header('content-type', 'application/json; charset=utf-8')
      .header('content-disposition', `attachment; filename="personal-data-${day}.json"`)
      .header('cache-control', 'no-store')
      .send(JSON.stringify(file, null, 2));
  });

  app.post('/staff/privacy/correct', guard, async (request, reply) => {
    const form = parseForm(ActionSchema, request.body);
    if (!form.ok) return refuse(request, reply, 'results', form);
    const found = await chosen(request, reply, form.value, 'correct');
    if (!found) return reply;
    const v = form.value;
    return show(request, reply, 'correct', {
      terms: v,
      records: found.records,
      refs: v.ref,
      reason: v.reason,
      values: {},
      errors: {},
    });
  });

  app.post('/staff/privacy/correct/save', guard, async (request, reply) => {
    const form = parseForm(CorrectionSchema, request.body);
    if (!form.ok) return refuse(request, reply, 'correct', form);
    const v = form.value;
    const found = await chosen(request, reply, v, null);
    if (!found) return reply;
    const r = await correctPerson(
      rights(request),
      sources(),
      found.picked.map((x) => x.ref),
      patchOf(v),
      v.reason,
    );
    if (!r.ok) {
      const errors = { newGivenName: tr(request)('error.identityTaken') };
      return show(
        request,
        reply,
        'correct',
        { terms: v, records: found.records, refs: v.ref, reason: v.reason, values: form.values, errors },
        409,
      );
    }
    return reply.redirect(`/staff/privacy/done?action=corrected&count=${r.changed}`, 303);
  });

  app.post('/staff/privacy/erase', guard, async (request, reply) => {
    const form = parseForm(ActionSchema, request.body);
    if (!form.ok) return refuse(request, reply, 'results', form);
    const found = await chosen(request, reply, form.value, 'erase');
    if (!found) return reply;
    const v = form.value;
    return show(request, reply, 'erase', {
      terms: v,
      records: found.records,
      refs: v.ref,
      reason: v.reason,
      values: {},
      errors: {},
    });
  });

  app.post('/staff/privacy/erase/confirm', guard, async (request, reply) => {
    const form = parseForm(ErasureSchema, request.body);
    if (!form.ok) return refuse(request, reply, 'erase', form);
    const v = form.value;
    const found = await chosen(request, reply, v, null);
    if (!found) return reply;
    const n = await erasePerson(
      rights(request),
      sources(),
      found.picked.map((x) => x.ref),
      v.reason,
    );
    return reply.redirect(`/staff/privacy/done?action=erased&count=${n}`, 303);
  });

  app.get<{ Querystring: Record<string, string | undefined> }>('/staff/privacy/done', guard, async (request, reply) => {
    const t = tr(request);
    const count = Math.max(0, Math.trunc(Number(request.query.count ?? 0)) || 0);
    const message = request.query.action === 'erased' ? t('done.erased', { count }) : t('done.corrected', { count });
    return page(request, reply, t('search.title'), (ctx) => <DonePage ctx={ctx} message={message} />);
  });

  app.get('/staff/privacy/retention', guard, async (request, reply) => {
    const last = await lastRetentionRun(deps);
    return page(request, reply, tr(request)('retention.title'), (ctx) => (
      <RetentionPage ctx={ctx} retention={deps.config.retention} zone={deps.config.agencyTimeZone} last={last} />
    ));
  });
}

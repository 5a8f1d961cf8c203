/** The analyst's console pages (dashboard, comments, exports) and the A-11 export API. */
import type { FastifyInstance, FastifyReply } from 'fastify';
import { DateTime } from 'luxon';
import { actorFromRequest } from '../platform/audit/index.js';
import { authorize } from '../platform/auth/index.js';
import { toCsv } from '../platform/csv/index.js';
import { sendConsolePage } from '../platform/http/console-page.js';
import { HttpError } from '../platform/http/errors.js';
import { navBuilder } from '../platform/http/page.js';
import type { ModuleDeps } from '../platform/module.js';
import { buildDashboard } from './build-dashboard.js';
import { loadContactRequests } from './contact-requests.js';
import { decodeDrivers } from './drivers.js';
import { a11ExportCsv, quarterOf, rawResponsesCsv } from './exports.js';
import { loadLabels, parseInsightQuery } from './load-insight.js';
import { feedbackMessages } from './messages.js';
import { canAnalyseFeedback, canSeeResidentContacts } from './policy.js';
import * as repo from './repository.js';
import { openResponse } from './sealed-text.js';
import { QuarterSchema } from './schema.js';
import { isShowable } from './suppression.js';
import { CommentsPage } from './views/comments-page.js';
import { DashboardPage } from './views/dashboard-page.js';
import { ExportsPage } from './views/exports-page.js';

const COMMENTS_SHOWN = 200;

function sendCsv(reply: FastifyReply, filename: string, body: string): FastifyReply {
  return reply
    .header('content-type', 'text/csv; charset=utf-8')
    .header('content-disposition', `attachment; filename="${filename}"`)
    .header('cache-control', 'no-store')
    .send(body);
}

/** The last `n` quarters, newest first. */
function recentQuarters(now: number, zone: string, n: number): string[] {
  const start = DateTime.fromMillis(now, { zone });
  return Array.from({ length: n }, (_, i) => quarterOf(start.minus({ months: 3 * i }).toMillis(), zone));
}

export function registerInsightRoutes(app: FastifyInstance, deps: ModuleDeps): void {
  const nav = navBuilder(deps.consoleLinks);
  const analyst = { preHandler: authorize(canAnalyseFeedback) };
  const filterOf = (query: unknown) => parseInsightQuery(query, deps.now(), deps.config.agencyTimeZone);

  app.get('/staff/feedback', analyst, async (request, reply) => {
    const content = await buildDashboard(deps, filterOf(request.query), request.locale);
    const title = feedbackMessages.for(request.locale)('insight.title');
    return sendConsolePage(request, reply, { nav, current: '/staff/feedback', title }, (ctx) => (
      <DashboardPage ctx={ctx} {...content} />
    ));
  });

  const commentRows = async (query: unknown) => {
    const filter = filterOf(query);
    const rows = await repo.listResponses(deps.db.kysely, filter);
    // The selection itself is the cell: under 10 responses, no comment from it is shown or exported.
    const comments = isShowable(rows.length)
      ? rows
          .filter((r) => r.comment_enc !== null || r.comment_well_enc !== null)
          .map((r) => openResponse(deps.cipher, r))
      : null;
    return { filter, rows, comments };
  };

  app.get('/staff/feedback/comments', analyst, async (request, reply) => {
    const { filter, rows, comments } = await commentRows(request.query);
    const labels = await loadLabels(deps.db.kysely, request.locale);
    const contacts =
      request.principal && canSeeResidentContacts(request.principal)
        ? await loadContactRequests({ ...deps, actor: actorFromRequest(request) }, filter)
        : null;
    const title = feedbackMessages.for(request.locale)('comments.title');
    const qs = new URLSearchParams(
      Object.entries(filter).filter((e): e is [string, string] => typeof e[1] === 'string'),
    );
    return sendConsolePage(request, reply, { nav, current: '/staff/feedback', title }, (ctx) => (
      <CommentsPage
        ctx={ctx}
        filter={filter}
        labels={labels}
        comments={comments?.slice(0, COMMENTS_SHOWN) ?? null}
        total={comments?.length ?? rows.length}
        csvHref={`/staff/feedback/comments.csv?${qs.toString()}`}
        contacts={contacts}
      />
    ));
  });

  app.get('/staff/feedback/comments.csv', analyst, async (request, reply) => {
    const { comments } = await commentRows(request.query);
    const labels = await loadLabels(deps.db.kysely, 'en');
    const header = [
      'transaction_date',
      'service',
      'site',
      'channel',
      'language',
      'trust',
      'went_well',
      'not_well',
      'comment_went_well',
      'comment',
    ];
    const body = (comments ?? []).map((r) => [
      r.transaction_date,
      labels.group('program', r.program_id),
      labels.group('site', r.site_id ?? ''),
      r.channel,
      r.language,
      r.trust,
      decodeDrivers(r.went_well).join(';'),
      decodeDrivers(r.not_well).join(';'),
      r.comment_well,
      r.comment,
    ]);
    return sendCsv(reply, 'feedback-comments.csv', toCsv([header, ...body], { bom: true }));
  });

  app.get('/staff/feedback/exports', analyst, async (request, reply) => {
    const filter = filterOf({});
    const quarters = recentQuarters(deps.now(), deps.config.agencyTimeZone, 8);
    const title = feedbackMessages.for(request.locale)('exports.title');
    return sendConsolePage(request, reply, { nav, current: '/staff/feedback', title }, (ctx) => (
      <ExportsPage ctx={ctx} quarters={quarters} from={filter.from} to={filter.to} />
    ));
  });

  const quarterFrom = (query: unknown) => {
    const q = QuarterSchema.safeParse((query as Record<string, unknown> | undefined)?.quarter);
    if (!q.success) throw new HttpError(400, 'bad_request', undefined, { fields: { quarter: 'expected YYYY-Qn' } });
    return q.data;
  };

  app.get('/staff/feedback/exports/a11.csv', analyst, async (request, reply) => {
    const quarter = quarterFrom(request.query);
    return sendCsv(reply, `a11-${quarter}.csv`, await a11ExportCsv(deps, quarter, { bom: true }));
  });

  app.get('/staff/feedback/exports/responses.csv', analyst, async (request, reply) => {
    const f = filterOf(request.query);
    return sendCsv(reply, `feedback-responses-${f.from}-${f.to}.csv`, await rawResponsesCsv(deps, f, { bom: true }));
  });

  app.get('/api/v1/feedback/a11-export', analyst, async (request, reply) => {
    const quarter = quarterFrom(request.query);
    return sendCsv(reply, `a11-${quarter}.csv`, await a11ExportCsv(deps, quarter));
  });
}

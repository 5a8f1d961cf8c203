/** Admins browse and filter the audit log, in the console and through the API. */
import type { FastifyInstance } from 'fastify';
import { DateTime } from 'luxon';
import { findAuditEntries, type AuditQuery } from '../../platform/audit/index.js';
import { authorize } from '../../platform/auth/index.js';
import { HttpError } from '../../platform/http/errors.js';
import { pageContext } from '../../platform/http/page.js';
import type { ModuleDeps } from '../../platform/module.js';
import { sendPage } from '../../platform/views/index.js';
import { canReadAudit } from '../policy.js';
import { AuditFilterSchema, type AuditFilterInput } from '../schema.js';
import { AuditPage } from '../views/audit-page.js';
import type { NavFor } from '../../platform/http/page.js';

/** Dates are whole days in the agency's time zone. */
function dayStartMs(day: string, timeZone: string, plusDays = 0): number {
  return DateTime.fromISO(day, { zone: timeZone }).plus({ days: plusDays }).toMillis();
}

export function toAuditQuery(f: AuditFilterInput, timeZone: string): AuditQuery {
  return {
    actor: f.actor || undefined,
    action: f.action || undefined,
    fromMs: f.from ? dayStartMs(f.from, timeZone) : undefined,
    // The next local midnight: a daylight-saving day has 23 or 25 hours.
    toMs: f.to ? dayStartMs(f.to, timeZone, 1) : undefined,
    beforeId: f.before,
    limit: f.limit + 1,
  };
}

export function registerAuditRoutes(app: FastifyInstance, deps: ModuleDeps, nav: NavFor): void {
  const opts = { preHandler: authorize(canReadAudit) };
  const tz = deps.config.agencyTimeZone;
  app.get('/staff/audit', opts, async (request, reply) => {
    const parsed = AuditFilterSchema.safeParse(request.query);
    const filter = parsed.success ? parsed.data : AuditFilterSchema.parse({});
    const rows = await findAuditEntries(deps.db.kysely, toAuditQuery(filter, tz));
    const page = (
      <AuditPage
        ctx={pageContext(request, reply)}
        nav={nav(request, '/staff/audit')}
        rows={rows.slice(0, filter.limit)}
        filter={filter}
        tz={tz}
        hasMore={rows.length > filter.limit}
      />
    );
    return sendPage(reply, page);
  });
  app.get('/api/v1/audit', opts, async (request) => {
    const parsed = AuditFilterSchema.safeParse(request.query);
    if (!parsed.success) throw new HttpError(400, 'bad_request');
    const rows = await findAuditEntries(deps.db.kysely, toAuditQuery(parsed.data, tz));
    const page = rows.slice(0, parsed.data.limit);
    return {
      entries: page.map((r) => ({
        ...r,
        at: new Date(r.at).toISOString(),
        details: r.details ? (JSON.parse(r.details) as unknown) : null,
      })),
      nextBefore: rows.length > parsed.data.limit ? (page.at(-1)?.id ?? null) : null,
    };
  });
}

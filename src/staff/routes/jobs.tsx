/** Admins see background jobs by status and retry failed ones. */
import type { FastifyInstance } from 'fastify';
import { actorFromRequest, recordAudit } from '../../platform/audit/index.js';
import { authorize } from '../../platform/auth/index.js';
import { pageContext } from '../../platform/http/page.js';
import { countJobsByStatus, listJobs, retryJob } from '../../platform/jobs/index.js';
import type { ModuleDeps } from '../../platform/module.js';
import { sendPage } from '../../platform/views/index.js';
import { canManageJobs } from '../policy.js';
import { JobFilterSchema } from '../schema.js';
import { JobsPage } from '../views/jobs-page.js';
import type { NavFor } from '../../platform/http/page.js';

export function registerJobRoutes(app: FastifyInstance, deps: ModuleDeps, nav: NavFor): void {
  const opts = { preHandler: authorize(canManageJobs) };
  app.get('/staff/jobs', opts, async (request, reply) => {
    const q = request.query as Record<string, string | undefined>;
    const parsed = JobFilterSchema.safeParse(q);
    const status = parsed.success ? parsed.data.status : 'failed';
    const jobs = await listJobs(deps.db.kysely, { status, limit: 100 });
    const counts = { queued: 0, running: 0, succeeded: 0, failed: 0, cancelled: 0 };
    for (const row of await countJobsByStatus(deps.db.kysely)) counts[row.status] += row.count;
    const notice = q.done === 'retried' ? 'jobs.done.retried' : undefined;
    const page = (
      <JobsPage
        ctx={pageContext(request, reply)}
        nav={nav(request, '/staff/jobs')}
        jobs={jobs}
        status={status}
        counts={counts}
        notice={notice}
        tz={deps.config.agencyTimeZone}
      />
    );
    return sendPage(reply, page);
  });
  app.post<{ Params: { id: string } }>('/staff/jobs/:id/retry', opts, async (request, reply) => {
    const id = Number(request.params.id);
    if (Number.isSafeInteger(id) && (await retryJob(deps.db.kysely, id, deps.now()))) {
      await recordAudit(
        deps.db.kysely,
        actorFromRequest(request),
        { action: 'jobs.retried', subjectType: 'job', subjectId: String(id) },
        deps.now(),
      );
    }
    return reply.redirect('/staff/jobs?status=queued&done=retried', 303);
  });
}

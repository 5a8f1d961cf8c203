import { formatDateTime } from '../../platform/i18n/index.js';
import type { JobSummary } from '../../platform/jobs/index.js';
import { Alert, CsrfField, DataTable, Select, type PageContext } from '../../platform/views/index.js';
import { staffMessages, type StaffKey } from '../messages.js';
import { ConsoleLayout, type ConsoleNav } from '../../platform/views/index.js';

type JobStatus = 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled';
const STATUS_KEYS: Record<JobStatus, StaffKey> = {
  queued: 'jobs.status.queued',
  running: 'jobs.status.running',
  succeeded: 'jobs.status.succeeded',
  failed: 'jobs.status.failed',
  cancelled: 'jobs.status.cancelled',
};

function RetryButton({ ctx, job }: { ctx: PageContext; job: JobSummary }) {
  if (job.status !== 'failed' && job.status !== 'cancelled') return null;
  return (
    <form method="post" action={`/staff/jobs/${job.id}/retry`}>
      <CsrfField token={ctx.csrfToken} />
      <button type="submit" class="usa-button usa-button--small">
        {staffMessages.for(ctx.locale)('jobs.retry', { id: job.id })}
      </button>
    </form>
  );
}

export function JobsPage(p: {
  ctx: PageContext;
  nav: ConsoleNav;
  jobs: JobSummary[];
  status: JobStatus;
  counts: Record<JobStatus, number>;
  notice?: StaffKey | undefined;
  tz: string;
}) {
  const { ctx } = p;
  const t = staffMessages.for(ctx.locale);
  const options = (Object.keys(STATUS_KEYS) as JobStatus[]).map((s) => ({ value: s, label: t(STATUS_KEYS[s]) }));
  return (
    <ConsoleLayout ctx={ctx} title={t('jobs.title')} nav={p.nav}>
      <h1>{t('jobs.title')}</h1>
      <p>{t('jobs.intro')}</p>
      <p>{t('jobs.counts', { queued: p.counts.queued, running: p.counts.running, failed: p.counts.failed })}</p>
      {p.notice && (
        <Alert type="success" slim>
          {t(p.notice)}
        </Alert>
      )}
      <form class="usa-form fd-filters" method="get" action="/staff/jobs">
        <Select name="status" label={t('jobs.filter.status')} options={options} value={p.status} />
        <button type="submit" class="usa-button">
          {t('jobs.filter.submit')}
        </button>
      </form>
      {p.jobs.length === 0 ? (
        <p>{t('jobs.none')}</p>
      ) : (
        <DataTable
          caption={t('jobs.title')}
          compact
          rows={p.jobs}
          rowKey={(j) => j.id}
          columns={[
            { label: t('jobs.col.id'), cell: (j) => j.id, rowHeader: true },
            { label: t('jobs.col.name'), cell: (j) => <code>{j.name}</code> },
            { label: t('jobs.col.attempts'), cell: (j) => `${j.attempts} / ${j.maxAttempts}` },
            { label: t('jobs.col.runAt'), cell: (j) => formatDateTime(j.runAt, ctx.locale, p.tz) },
            { label: t('jobs.col.error'), cell: (j) => j.lastError ?? '—' },
            { label: t('jobs.col.actions'), cell: (j) => <RetryButton ctx={ctx} job={j} /> },
          ]}
        />
      )}
    </ConsoleLayout>
  );
}

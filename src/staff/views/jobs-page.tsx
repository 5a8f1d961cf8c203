import { formatDateTime } from '../../platform/i18n/index.js';
import type { JobSummary } from '../../platform/jobs/index.js';
import { Alert, CsrfField, Select, type PageContext } from '../../platform/views/index.js';
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
        <table class="usa-table usa-table--stacked usa-table--compact">
          <caption class="usa-sr-only">{t('jobs.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('jobs.col.id')}</th>
              <th scope="col">{t('jobs.col.name')}</th>
              <th scope="col">{t('jobs.col.attempts')}</th>
              <th scope="col">{t('jobs.col.runAt')}</th>
              <th scope="col">{t('jobs.col.error')}</th>
              <th scope="col">{t('jobs.col.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {p.jobs.map((j) => (
              <tr key={j.id}>
                <th scope="row" data-label={t('jobs.col.id')}>
                  {j.id}
                </th>
                <td data-label={t('jobs.col.name')}>
                  <code>{j.name}</code>
                </td>
                <td data-label={t('jobs.col.attempts')}>{`${j.attempts} / ${j.maxAttempts}`}</td>
                <td data-label={t('jobs.col.runAt')}>{formatDateTime(j.runAt, ctx.locale, p.tz)}</td>
                <td data-label={t('jobs.col.error')}>{j.lastError ?? '—'}</td>
                <td data-label={t('jobs.col.actions')}>
                  {(j.status === 'failed' || j.status === 'cancelled') && (
                    <form method="post" action={`/staff/jobs/${j.id}/retry`}>
                      <CsrfField token={ctx.csrfToken} />
                      <button type="submit" class="usa-button usa-button--small">
                        {t('jobs.retry', { id: j.id })}
                      </button>
                    </form>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </ConsoleLayout>
  );
}

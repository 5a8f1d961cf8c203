/** How long each kind of record is kept, what happens then, and what the last daily run did. */
import type { Config } from '../../config/env.js';
import { formatDateTime } from '../../platform/i18n/index.js';
import type { RetentionKind } from '../../platform/personal-data.js';
import { Alert, DataTable, type PageContext } from '../../platform/views/index.js';
import { privacyMessages, type PrivacyKey } from '../messages.js';
import type { RetentionCounts } from '../retention.js';

const ROWS: { kind: RetentionKind; days: (r: Config['retention']) => number; label: PrivacyKey; rule: PrivacyKey }[] = [
  { kind: 'bookings', days: (r) => r.bookingsDays, label: 'retention.kind.bookings', rule: 'retention.rule.bookings' },
  {
    kind: 'preregistrations',
    days: (r) => r.preregistrationsDays,
    label: 'retention.kind.preregistrations',
    rule: 'retention.rule.preregistrations',
  },
  { kind: 'messages', days: (r) => r.messagesDays, label: 'retention.kind.messages', rule: 'retention.rule.messages' },
  { kind: 'contacts', days: (r) => r.messagesDays, label: 'retention.kind.contacts', rule: 'retention.rule.contacts' },
  {
    kind: 'surveyContacts',
    days: (r) => r.surveyContactsDays,
    label: 'retention.kind.surveyContacts',
    rule: 'retention.rule.surveyContacts',
  },
  { kind: 'audit', days: (r) => r.auditDays, label: 'retention.kind.audit', rule: 'retention.rule.audit' },
];

export function RetentionPage(p: {
  ctx: PageContext;
  retention: Config['retention'];
  zone: string;
  last: { at: number; counts: Partial<RetentionCounts> } | null;
}) {
  const t = privacyMessages.for(p.ctx.locale);
  return (
    <>
      <h1>{t('retention.title')}</h1>
      <p>{t('retention.intro')}</p>
      {!p.retention.enabled && <Alert type="warning">{t('retention.off')}</Alert>}
      <DataTable
        caption={t('retention.caption')}
        rows={ROWS}
        rowKey={(r) => r.kind}
        columns={[
          { label: t('retention.col.kind'), rowHeader: true, cell: (r) => t(r.label) },
          { label: t('retention.col.kept'), cell: (r) => t('retention.days', { count: r.days(p.retention) }) },
          { label: t('retention.col.then'), cell: (r) => t(r.rule) },
          {
            label: t('retention.col.last'),
            cell: (r) => (p.last ? String(p.last.counts[r.kind] ?? 0) : t('retention.never')),
          },
        ]}
      />
      <p>
        {p.last
          ? t('retention.lastRun', { at: formatDateTime(p.last.at, p.ctx.locale, p.zone, 'datetime') })
          : t('retention.noRun')}
      </p>
      <p>
        <a class="usa-link" href="/staff/privacy">
          {t('search.title')}
        </a>
      </p>
    </>
  );
}

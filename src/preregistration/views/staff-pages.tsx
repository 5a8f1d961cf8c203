/** The console pages: programs, the dashboard (counts, phases, groups, runs, "run matching now"). */
import { formatDateTime } from '../../platform/i18n/index.js';
import { Alert, CsrfField, DataTable, NoSitesAssigned, Select, type PageContext } from '../../platform/views/index.js';
import type { Dashboard } from '../dashboard.js';
import { EligibilityLinks, SetupLink } from '../eligibility-editor/index.js';
import { preregMessages, type PreregKey } from '../messages.js';
import type { InvitationStatus, RegistrantStatus } from '../repository.js';
import { CallListLink, ListLinks } from '../lists/views.js';
import { StandbyLink } from '../standby/views.js';
import { nameIn } from './resident-pages.js';

type Program = { id: string; name_en: string; name_es: string };
const enc = encodeURIComponent;

export const STAFF_BASE = '/staff/preregistration';

export function StaffProgramsPage(p: { ctx: PageContext; programs: Program[]; canView: boolean; canManage: boolean }) {
  const t = preregMessages.for(p.ctx.locale);
  return (
    <>
      <h1>{t('staff.title')}</h1>
      <p>{t('staff.intro')}</p>
      {p.programs.length === 0 ? (
        <p>{t('staff.none')}</p>
      ) : (
        <ul class="usa-list">
          {p.programs.map((pr) => {
            const program = nameIn(pr, p.ctx.locale);
            return (
              <li key={pr.id}>
                {p.canView && (
                  <>
                    <a class="usa-link" href={`${STAFF_BASE}/${enc(pr.id)}`}>
                      {t('staff.open', { program })}
                    </a>
                    {' · '}
                  </>
                )}
                <a class="usa-link" href={`${STAFF_BASE}/${enc(pr.id)}/register`}>
                  {t('staff.registerCaller', { program })}
                </a>
                {' · '}
                <CallListLink locale={p.ctx.locale} href={`${STAFF_BASE}/${enc(pr.id)}/call-list`} />
              </li>
            );
          })}
        </ul>
      )}
      {p.canManage && <SetupLink ctx={p.ctx} />}
    </>
  );
}

const REG_KEYS: Record<RegistrantStatus, PreregKey> = {
  waiting: 'staff.status.waiting',
  invited: 'staff.status.invited',
  booked: 'staff.status.booked',
  'opted-out': 'staff.status.opted-out',
};
const INV_KEYS: Record<InvitationStatus, PreregKey> = {
  offered: 'staff.inv.offered',
  accepted: 'staff.inv.accepted',
  declined: 'staff.inv.declined',
  expired: 'staff.inv.expired',
  withdrawn: 'staff.inv.withdrawn',
};
export const STAFF_NOTICES: Record<string, PreregKey> = {
  matching: 'staff.done.matching',
  phase: 'staff.done.phase',
  registered: 'staff.done.registered',
  merged: 'staff.done.merged',
};

function Counts(p: { caption: string; rows: { label: string; count: number }[]; locale: 'en' | 'es' }) {
  const t = preregMessages.for(p.locale);
  return (
    <DataTable
      caption={p.caption}
      rows={p.rows}
      rowKey={(r) => r.label}
      columns={[
        { label: t('staff.col.name'), cell: (r) => r.label, rowHeader: true },
        { label: t('staff.col.count'), cell: (r) => String(r.count) },
      ]}
    />
  );
}

export function DashboardPage(p: {
  ctx: PageContext;
  program: Program;
  dashboard: Dashboard;
  /** The reader's active sites, for "invite now" limited to one site's new capacity. */
  sites: { id: string; name: string }[];
  /** Whether the reader may run matching for every site at once (county-wide roles only: ADR 0019). */
  allSites: boolean;
  canManage: boolean;
  canCall: boolean;
  notice: PreregKey | undefined;
  zone: string;
}) {
  const l = p.ctx.locale;
  const t = preregMessages.for(l);
  const d = p.dashboard;
  const base = `${STAFF_BASE}/${enc(p.program.id)}`;
  const phaseName = new Map(d.phases.map((ph) => [ph.id, nameIn(ph, l)]));
  return (
    <>
      <h1>{t('staff.dashboard.title', { program: nameIn(p.program, l) })}</h1>
      {p.notice && (
        <Alert type="success" slim>
          {t(p.notice)}
        </Alert>
      )}
      {p.canManage && <EligibilityLinks ctx={p.ctx} programId={p.program.id} />}
      {p.canManage && !p.allSites && p.sites.length === 0 && <NoSitesAssigned locale={l} />}
      {p.canManage && (p.allSites || p.sites.length > 0) && (
        <form method="post" action={`${base}/match`} class="margin-bottom-4">
          <CsrfField token={p.ctx.csrfToken} />
          <p class="usa-hint">{t('staff.runNowHint')}</p>
          <Select
            name="siteId"
            label={t('staff.runNowSite')}
            options={[
              ...(p.allSites ? [{ value: '', label: t('staff.runNowAllSites') }] : []),
              ...p.sites.map((s) => ({ value: s.id, label: s.name })),
            ]}
          />
          <button class="usa-button margin-top-2" type="submit">
            {t('staff.runNow')}
          </button>
        </form>
      )}
      <ListLinks locale={l} base={base} canCall={p.canCall} />
      {p.canManage && <StandbyLink locale={l} href={`${base}/standby`} />}
      <h2>{t('staff.phases')}</h2>
      <DataTable
        caption={t('staff.byPhase')}
        rows={d.phases}
        rowKey={(ph) => ph.id}
        columns={[
          { label: t('staff.col.name'), cell: (ph) => nameIn(ph, l), rowHeader: true },
          {
            label: t('staff.col.status'),
            cell: (ph) => t(ph.status === 'open' ? 'staff.phase.open' : 'staff.phase.closed'),
          },
          { label: t('staff.col.count'), cell: (ph) => String(ph.count) },
          ...(p.canManage
            ? [
                {
                  label: t('staff.col.actions'),
                  cell: (ph: Dashboard['phases'][number]) => (
                    <form method="post" action={`${base}/phases/${enc(ph.id)}`}>
                      <CsrfField token={p.ctx.csrfToken} />
                      <input type="hidden" name="status" value={ph.status === 'open' ? 'closed' : 'open'} />
                      <button class="usa-button usa-button--outline usa-button--small" type="submit">
                        {t(ph.status === 'open' ? 'staff.phase.doClose' : 'staff.phase.doOpen', {
                          phase: nameIn(ph, l),
                        })}
                      </button>
                    </form>
                  ),
                },
              ]
            : []),
        ]}
      />
      <h2>{t('staff.groups')}</h2>
      <DataTable
        caption={t('staff.byGroup')}
        rows={d.groups}
        rowKey={(g) => g.id}
        columns={[
          { label: t('staff.col.name'), cell: (g) => nameIn(g, l), rowHeader: true },
          { label: t('staff.col.phase'), cell: (g) => phaseName.get(g.phase_id) ?? '' },
          { label: t('staff.col.question'), cell: (g) => (l === 'es' ? g.question_es : g.question_en) || '—' },
          { label: t('staff.col.minAge'), cell: (g) => (g.min_age === null ? '—' : String(g.min_age)) },
          { label: t('staff.col.count'), cell: (g) => String(g.count) },
        ]}
      />
      <h2>{t('staff.byStatus')}</h2>
      <Counts
        locale={l}
        caption={t('staff.byStatus')}
        rows={d.statuses.map((s) => ({ label: t(REG_KEYS[s.status]), count: s.count }))}
      />
      <Counts
        locale={l}
        caption={t('staff.byLanguage')}
        rows={d.languages.map((s) => ({ label: s.language === 'es' ? 'Español' : 'English', count: s.count }))}
      />
      <Counts locale={l} caption={t('staff.byZip')} rows={d.zips.map((z) => ({ label: z.zip, count: z.count }))} />
      <h2>{t('staff.invitations')}</h2>
      <Counts
        locale={l}
        caption={t('staff.invitations')}
        rows={d.invitations.map((s) => ({ label: t(INV_KEYS[s.status]), count: s.count }))}
      />
      <h2>{t('staff.runs')}</h2>
      {d.runs.length === 0 ? (
        <p>{t('staff.runs.none')}</p>
      ) : (
        <DataTable
          caption={t('staff.runs')}
          rows={d.runs}
          rowKey={(r) => r.id}
          columns={[
            { label: t('staff.col.started'), cell: (r) => formatDateTime(r.started_at, l, p.zone), rowHeader: true },
            { label: t('staff.col.trigger'), cell: (r) => r.trigger },
            { label: t('staff.col.candidates'), cell: (r) => String(r.candidates) },
            { label: t('staff.col.invited'), cell: (r) => String(r.invited) },
            { label: t('staff.col.note'), cell: (r) => r.note ?? '—' },
          ]}
        />
      )}
    </>
  );
}

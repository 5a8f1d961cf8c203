/** The eligibility editor's overview: the settings at a glance, phases and groups in order, the ZIP weights count. */
import { Alert, DataTable, type PageContext } from '../../../platform/views/index.js';
import { listOf } from '../../eligibility.js';
import type { GroupRow, PhaseRow, SettingsRow } from '../../repository.js';
import { editorMessages } from '../messages.js';
import { editorBase, MoveButtons, STAFF_BASE } from './common.js';

type Program = { id: string; name_en: string; name_es: string };
const enc = encodeURIComponent;
export const nameIn = (n: { name_en: string; name_es: string }, locale: string) =>
  locale === 'es' ? n.name_es : n.name_en;

export interface OverviewProps {
  ctx: PageContext;
  program: Program;
  settings: SettingsRow | undefined;
  productName: string | undefined;
  phases: PhaseRow[];
  groups: GroupRow[];
  weights: number;
  notice: string | undefined;
}

function SettingsSummary(p: OverviewProps & { settings: SettingsRow }) {
  const t = editorMessages.for(p.ctx.locale);
  const s = p.settings;
  const list = (json: string) => listOf(json).join(', ') || t('settings.any');
  const rows: [string, string][] = [
    [t('settings.minAge'), String(s.min_age)],
    [t('settings.referenceDate'), s.reference_date],
    [t('settings.zips'), list(s.zips)],
    [t('settings.counties'), list(s.counties)],
    [t('settings.holdHours'), String(s.hold_hours)],
    [t('settings.horizonDays'), String(s.horizon_days)],
    [t('settings.smsYesLegend'), t(s.sms_yes === 1 ? 'settings.yes' : 'settings.no')],
    [t('settings.product'), p.productName ?? t('settings.noProduct')],
  ];
  return (
    <dl>
      {rows.map(([k, v]) => (
        <div key={k} class="margin-bottom-1">
          <dt class="text-bold">{k}</dt>
          <dd class="margin-left-0">{v}</dd>
        </div>
      ))}
    </dl>
  );
}

export function OverviewPage(p: OverviewProps) {
  const l = p.ctx.locale;
  const t = editorMessages.for(l);
  const base = editorBase(p.program.id);
  const phaseName = new Map(p.phases.map((ph) => [ph.id, nameIn(ph, l)]));
  return (
    <>
      <h1>{t('editor.title', { program: nameIn(p.program, l) })}</h1>
      {p.notice && (
        <Alert type="success" slim>
          {p.notice}
        </Alert>
      )}
      <p class="usa-intro">{t('editor.intro')}</p>
      {p.settings && (
        <p>
          <a class="usa-link" href={`${STAFF_BASE}/${enc(p.program.id)}`}>
            {t('common.backToDashboard')}
          </a>
        </p>
      )}

      <h2>{t('settings.heading')}</h2>
      {p.settings ? (
        <SettingsSummary {...p} settings={p.settings} />
      ) : (
        <Alert type="warning" slim>
          {t('editor.notSet')}
        </Alert>
      )}
      <p>
        <a class="usa-button usa-button--outline" href={`${base}/settings`}>
          {t('settings.edit')}
        </a>
      </p>

      <h2>{t('phases.heading')}</h2>
      <p>{t('phases.intro')}</p>
      {p.phases.length === 0 ? (
        <p>{t('phases.none')}</p>
      ) : (
        <DataTable
          caption={t('phases.heading')}
          rows={p.phases}
          rowKey={(ph) => ph.id}
          columns={[
            { label: t('col.order'), cell: (ph) => String(p.phases.indexOf(ph) + 1) },
            { label: t('col.nameEn'), cell: (ph) => ph.name_en, rowHeader: true },
            { label: t('col.nameEs'), cell: (ph) => ph.name_es },
            { label: t('col.status'), cell: (ph) => t(ph.status === 'open' ? 'status.open' : 'status.closed') },
            {
              label: t('col.actions'),
              cell: (ph) => (
                <>
                  <a class="usa-link margin-right-1" href={`${base}/phases/${enc(ph.id)}`}>
                    {t('action.edit', { name: nameIn(ph, l) })}
                  </a>
                  <MoveButtons
                    ctx={p.ctx}
                    action={`${base}/phases/${enc(ph.id)}/move`}
                    name={nameIn(ph, l)}
                    first={ph === p.phases[0]}
                    last={ph === p.phases.at(-1)}
                  />
                </>
              ),
            },
          ]}
        />
      )}
      <p>
        <a class="usa-button usa-button--outline" href={`${base}/phases/new`}>
          {t('phases.add')}
        </a>
      </p>

      <h2>{t('groups.heading')}</h2>
      <p>{t('groups.intro')}</p>
      {p.groups.length === 0 ? (
        <p>{t('groups.none')}</p>
      ) : (
        <DataTable
          caption={t('groups.heading')}
          rows={p.groups}
          rowKey={(g) => g.id}
          columns={[
            { label: t('col.order'), cell: (g) => String(p.groups.indexOf(g) + 1) },
            { label: t('col.nameEn'), cell: (g) => g.name_en, rowHeader: true },
            { label: t('col.nameEs'), cell: (g) => g.name_es },
            { label: t('col.phase'), cell: (g) => phaseName.get(g.phase_id) ?? '' },
            {
              label: t('col.question'),
              cell: (g) =>
                g.question_en === '' ? (
                  t('groups.noQuestion')
                ) : (
                  <>
                    <span lang="en">{g.question_en}</span>
                    <br />
                    <span lang="es">{g.question_es}</span>
                  </>
                ),
            },
            { label: t('col.minAge'), cell: (g) => (g.min_age === null ? '—' : String(g.min_age)) },
            {
              label: t('col.actions'),
              cell: (g) => (
                <>
                  <a class="usa-link margin-right-1" href={`${base}/groups/${enc(g.id)}`}>
                    {t('action.edit', { name: nameIn(g, l) })}
                  </a>
                  <MoveButtons
                    ctx={p.ctx}
                    action={`${base}/groups/${enc(g.id)}/move`}
                    name={nameIn(g, l)}
                    first={g === p.groups[0]}
                    last={g === p.groups.at(-1)}
                  />
                </>
              ),
            },
          ]}
        />
      )}
      {p.phases.length === 0 ? (
        <p>{t('groups.needPhase')}</p>
      ) : (
        <p>
          <a class="usa-button usa-button--outline" href={`${base}/groups/new`}>
            {t('groups.add')}
          </a>
        </p>
      )}

      <h2>{t('weights.heading')}</h2>
      <p>{t('weights.count', { count: p.weights })}</p>
      <p>
        <a class="usa-link" href={`${base}/zip-weights`}>
          {t('weights.manage')}
        </a>
      </p>
    </>
  );
}

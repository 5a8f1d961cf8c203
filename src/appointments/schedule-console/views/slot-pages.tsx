/** One slot (fill level, capacity form, cancel), and the review of the bookings a change affects. */
import { formatDateTime } from '../../../platform/i18n/index.js';
import { platformMessages } from '../../../platform/i18n/messages.js';
import {
  Alert,
  CsrfField,
  DataTable,
  ErrorSummary,
  TextInput,
  type PageContext,
} from '../../../platform/views/index.js';
import { scheduleMessages, type ScheduleKey } from '../messages.js';
import type { AffectedBooking, ChangeWhy, ReductionPlan } from '../reduce-seats.js';
import type { CalendarSlotRow } from '../repository.js';
import { FillLevel } from './calendar-pages.js';
import { SiteHeading, type SiteView } from './common.js';

export function SlotPage(p: {
  ctx: PageContext;
  site: SiteView;
  slot: CalendarSlotRow;
  canEdit: boolean;
  past: boolean;
  notice?: string | undefined;
  values: Record<string, string>;
  errors: Record<string, string>;
}) {
  const t = scheduleMessages.for(p.ctx.locale);
  const pm = platformMessages.for(p.ctx.locale);
  const zone = p.site.time_zone;
  const s = p.slot;
  const when = formatDateTime(s.starts_at, p.ctx.locale, zone, 'datetime');
  const base = `/staff/sites/${p.site.id}/schedule/slots/${s.id}`;
  const date = new Intl.DateTimeFormat('en-CA', { timeZone: zone }).format(new Date(s.starts_at));
  return (
    <>
      <SiteHeading ctx={p.ctx} site={p.site} title={t('slot.title', { when })} />
      {p.notice && (
        <Alert type="success" slim>
          {p.notice}
        </Alert>
      )}
      <dl class="fd-facts">
        <dt>{t('calendar.program')}</dt>
        <dd>{p.ctx.locale === 'es' ? s.name_es : s.name_en}</dd>
        <dt>{t('calendar.booked')}</dt>
        <dd>
          <FillLevel ctx={p.ctx} slot={s} />
        </dd>
        <dt>{t('calendar.remaining')}</dt>
        <dd>{Math.max(s.capacity - s.booked, 0)}</dd>
        <dt>{t('calendar.status')}</dt>
        <dd>{s.status === 'open' ? t('slot.status.open') : t('slot.status.closed')}</dd>
        <dt>{t('slot.ends')}</dt>
        <dd>{formatDateTime(s.ends_at, p.ctx.locale, zone, 'time')}</dd>
      </dl>
      <p>
        <a class="usa-link" href={`/staff/sites/${p.site.id}/roster?date=${date}`}>
          {t('calendar.roster')}
        </a>{' '}
        ·{' '}
        <a class="usa-link" href={`/staff/sites/${p.site.id}/schedule/day?date=${date}`}>
          {t('slot.backToDay')}
        </a>
      </p>
      {p.canEdit && !p.past && (
        <>
          <h2>{t('slot.capacityTitle')}</h2>
          <p>{t('slot.capacityIntro')}</p>
          <ErrorSummary heading={pm('errors.summaryHeading')} errors={p.errors} />
          <form class="usa-form" method="post" action={`${base}/capacity`} novalidate>
            <CsrfField token={p.ctx.csrfToken} />
            <TextInput
              name="capacity"
              label={t('form.capacity')}
              value={p.values.capacity ?? String(s.capacity)}
              error={p.errors.capacity}
              inputMode="numeric"
              width="sm"
              required
            />
            <button type="submit" class="usa-button">
              {t('slot.saveCapacity')}
            </button>
          </form>
          {s.status === 'open' && (
            <>
              <h2>{t('slot.cancelTitle')}</h2>
              <p>{t('slot.cancelIntro')}</p>
              <form method="post" action={`${base}/cancel`}>
                <CsrfField token={p.ctx.csrfToken} />
                <button type="submit" class="usa-button usa-button--secondary">
                  {t('slot.cancel')}
                </button>
              </form>
            </>
          )}
        </>
      )}
      {p.past && <p>{t('slot.pastNote')}</p>}
    </>
  );
}

const WHY: Record<ChangeWhy, ScheduleKey> = {
  'over-capacity': 'review.why.over-capacity',
  'slot-cancelled': 'review.why.slot-cancelled',
  'site-closed': 'review.why.site-closed',
};

export interface ReviewProps {
  ctx: PageContext;
  site: SiteView;
  /** What is being done, in words. */
  change: string;
  plan: ReductionPlan;
  /** Where the confirmation goes, and the original form's fields to send again. */
  action: string;
  fields: Record<string, string>;
  siteNames: Map<string, string>;
  changed: boolean;
}

export function ReviewPage(p: ReviewProps) {
  const t = scheduleMessages.for(p.ctx.locale);
  const zone = p.site.time_zone;
  const at = (ms: number) => formatDateTime(ms, p.ctx.locale, zone, 'datetime');
  const proposal = (a: AffectedBooking) =>
    a.proposal
      ? t('review.proposal', {
          when: at(a.proposal.startsAt),
          site: p.siteNames.get(a.proposal.siteId) ?? a.proposal.siteId,
        })
      : t('review.noSeat');
  const blocked = p.plan.blocked.length > 0;
  return (
    <>
      <SiteHeading ctx={p.ctx} site={p.site} title={t('review.title')} />
      {p.changed && (
        <Alert type="warning" heading={t('review.changedHeading')}>
          {t('review.changed')}
        </Alert>
      )}
      <p>{p.change}</p>
      {blocked ? (
        <Alert type="error" heading={t('review.blockedHeading')}>
          {t('review.blocked')}
        </Alert>
      ) : (
        <>
          <p>{t('review.count', { count: p.plan.affected.length })}</p>
          <p>{t('review.rule')}</p>
          {p.plan.affected.length > 0 && (
            <DataTable
              caption={t('review.caption')}
              rows={p.plan.affected}
              rowKey={(a) => a.bookingId}
              columns={[
                { label: t('review.col.code'), cell: (a) => a.code, rowHeader: true },
                { label: t('review.col.dose'), cell: (a) => String(a.dose) },
                { label: t('review.col.when'), cell: (a) => at(a.slotStartsAt) },
                { label: t('review.col.bookedAt'), cell: (a) => at(a.bookedAt) },
                { label: t('review.col.why'), cell: (a) => t(WHY[a.why]) },
                { label: t('review.col.proposal'), cell: proposal },
              ]}
            />
          )}
          <form class="usa-form usa-form--large" method="post" action={p.action}>
            <CsrfField token={p.ctx.csrfToken} />
            {Object.entries(p.fields).map(([k, v]) => (
              <input type="hidden" name={k} value={v} key={k} />
            ))}
            <input type="hidden" name="expected" value={p.plan.affected.map((a) => a.bookingId).join(',')} />
            {p.plan.affected.length > 0 ? (
              <fieldset class="usa-fieldset">
                <legend class="usa-legend">{t('review.resolve')}</legend>
                {(['move', 'cancel'] as const).map((r) => (
                  <div class="usa-radio" key={r}>
                    <input
                      class="usa-radio__input"
                      id={`resolve-${r}`}
                      type="radio"
                      name="resolve"
                      value={r}
                      checked={r === 'move'}
                    />
                    <label class="usa-radio__label" for={`resolve-${r}`}>
                      {r === 'move' ? t('review.move') : t('review.cancel')}
                    </label>
                  </div>
                ))}
              </fieldset>
            ) : (
              <input type="hidden" name="resolve" value="move" />
            )}
            <p>{t('review.notice')}</p>
            <button type="submit" class="usa-button">
              {t('review.confirm')}
            </button>
            <a class="usa-button usa-button--unstyled margin-left-2" href={`/staff/sites/${p.site.id}/schedule`}>
              {t('review.back')}
            </a>
          </form>
        </>
      )}
    </>
  );
}

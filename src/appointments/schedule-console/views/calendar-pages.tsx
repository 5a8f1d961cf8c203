/** The calendar: a week of slots (days × times) and one day's slots, with fill levels, in the site's time zone. */
import { DateTime } from 'luxon';
import { formatDateTime } from '../../../platform/i18n/index.js';
import { Alert, DataTable, type PageContext } from '../../../platform/views/index.js';
import { scheduleMessages, type ScheduleKey } from '../messages.js';
import type { CalendarSlotRow } from '../repository.js';
import { SiteHeading, type SiteView } from './common.js';

const STATUS: Record<CalendarSlotRow['status'], ScheduleKey> = {
  open: 'slot.status.open',
  closed: 'slot.status.closed',
};

/** "booked/capacity" as text and a bar (a native meter: its length carries the level, not its colour). */
export function FillLevel({ ctx, slot }: { ctx: PageContext; slot: Pick<CalendarSlotRow, 'booked' | 'capacity'> }) {
  const t = scheduleMessages.for(ctx.locale);
  const label = t('calendar.fill', { booked: slot.booked, capacity: slot.capacity });
  return (
    <span class="fd-fill">
      <span class="fd-fill__text">{t('calendar.fillShort', { booked: slot.booked, capacity: slot.capacity })}</span>
      <meter
        class="fd-fill__bar"
        min={0}
        max={Math.max(slot.capacity, 1)}
        value={slot.booked}
        aria-label={label}
        title={label}
      />
    </span>
  );
}

const programName = (ctx: PageContext, s: CalendarSlotRow) => (ctx.locale === 'es' ? s.name_es : s.name_en);
const localDate = (ms: number, zone: string) => DateTime.fromMillis(ms, { zone }).toISODate() ?? '';
const localTime = (ms: number, zone: string) => DateTime.fromMillis(ms, { zone }).toFormat('HH:mm');

export function WeekPage(p: {
  ctx: PageContext;
  site: SiteView;
  monday: string;
  slots: CalendarSlotRow[];
  canEdit: boolean;
}) {
  const t = scheduleMessages.for(p.ctx.locale);
  const zone = p.site.time_zone;
  const first = DateTime.fromISO(p.monday, { zone });
  const days = Array.from({ length: 7 }, (_, i) => first.plus({ days: i }));
  const times = [...new Set(p.slots.map((s) => localTime(s.starts_at, zone)))].sort();
  const base = `/staff/sites/${p.site.id}/schedule`;
  const prev = first.minus({ weeks: 1 }).toISODate() ?? '';
  const next = first.plus({ weeks: 1 }).toISODate() ?? '';
  const range = t('calendar.weekOf', {
    from: formatDateTime(first.toMillis(), p.ctx.locale, zone, 'date'),
    to: formatDateTime(first.plus({ days: 6 }).toMillis(), p.ctx.locale, zone, 'date'),
  });
  const multiProgram = new Set(p.slots.map((s) => s.program_id)).size > 1;
  return (
    <>
      <SiteHeading ctx={p.ctx} site={p.site} title={t('calendar.weekTitle', { site: p.site.name })} />
      <p>{t('calendar.zoneNote', { zone })}</p>
      <nav aria-label={t('calendar.weekNav')} class="fd-calendar-nav">
        <a class="usa-button usa-button--outline" href={`${base}/week?start=${prev}`}>
          {t('calendar.previousWeek')}
        </a>
        <strong>{range}</strong>
        <a class="usa-button usa-button--outline" href={`${base}/week?start=${next}`}>
          {t('calendar.nextWeek')}
        </a>
      </nav>
      {p.canEdit && (
        <p>
          <a class="usa-link" href={`${base}/slots/new?date=${p.monday}`}>
            {t('slot.add')}
          </a>
        </p>
      )}
      {times.length === 0 ? (
        <Alert type="info" slim>
          {t('calendar.emptyWeek')}
        </Alert>
      ) : (
        <div class="usa-table-container--scrollable" role="region" aria-label={range} tabIndex={0}>
          <table class="usa-table usa-table--compact fd-week">
            <caption class="usa-sr-only">{t('calendar.weekCaption', { range })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('calendar.time')}</th>
                {days.map((d) => (
                  <th scope="col" key={d.toISODate()}>
                    <a class="usa-link" href={`${base}/day?date=${d.toISODate() ?? ''}`}>
                      {d.setLocale(p.ctx.locale === 'es' ? 'es' : 'en').toFormat('ccc d LLL')}
                    </a>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {times.map((time) => (
                <tr key={time}>
                  <th scope="row">{time}</th>
                  {days.map((d) => {
                    const here = p.slots.filter(
                      (s) => localDate(s.starts_at, zone) === d.toISODate() && localTime(s.starts_at, zone) === time,
                    );
                    return (
                      <td key={d.toISODate()}>
                        {here.map((s) => (
                          <div class="fd-week__slot" key={s.id}>
                            <a class="usa-link" href={`${base}/slots/${s.id}`}>
                              {multiProgram && <span class="display-block">{programName(p.ctx, s)}</span>}
                              <FillLevel ctx={p.ctx} slot={s} />
                            </a>
                            {s.status === 'closed' && <span class="display-block">{t(STATUS.closed)}</span>}
                          </div>
                        ))}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

export function DayPage(p: { ctx: PageContext; site: SiteView; date: string; slots: CalendarSlotRow[] }) {
  const t = scheduleMessages.for(p.ctx.locale);
  const zone = p.site.time_zone;
  const day = DateTime.fromISO(p.date, { zone });
  const base = `/staff/sites/${p.site.id}/schedule`;
  const title = t('calendar.dayTitle', {
    site: p.site.name,
    date: formatDateTime(day.toMillis(), p.ctx.locale, zone, 'long-date'),
  });
  return (
    <>
      <SiteHeading ctx={p.ctx} site={p.site} title={title} />
      <p>{t('calendar.zoneNote', { zone })}</p>
      <nav aria-label={t('calendar.dayNav')} class="fd-calendar-nav">
        <a class="usa-button usa-button--outline" href={`${base}/day?date=${day.minus({ days: 1 }).toISODate() ?? ''}`}>
          {t('calendar.previousDay')}
        </a>
        <a class="usa-button usa-button--outline" href={`${base}/week?start=${p.date}`}>
          {t('calendar.backToWeek')}
        </a>
        <a class="usa-button usa-button--outline" href={`${base}/day?date=${day.plus({ days: 1 }).toISODate() ?? ''}`}>
          {t('calendar.nextDay')}
        </a>
      </nav>
      <p>
        <a class="usa-link" href={`/staff/sites/${p.site.id}/roster?date=${p.date}`}>
          {t('calendar.roster')}
        </a>
      </p>
      {p.slots.length === 0 ? (
        <Alert type="info" slim>
          {t('calendar.emptyDay')}
        </Alert>
      ) : (
        <DataTable
          caption={title}
          rows={p.slots}
          rowKey={(s) => s.id}
          columns={[
            {
              label: t('calendar.time'),
              cell: (s) => formatDateTime(s.starts_at, p.ctx.locale, zone, 'time'),
              rowHeader: true,
            },
            { label: t('calendar.program'), cell: (s) => programName(p.ctx, s) },
            { label: t('calendar.booked'), cell: (s) => <FillLevel ctx={p.ctx} slot={s} /> },
            { label: t('calendar.capacity'), cell: (s) => String(s.capacity) },
            { label: t('calendar.remaining'), cell: (s) => String(Math.max(s.capacity - s.booked, 0)) },
            { label: t('calendar.status'), cell: (s) => t(STATUS[s.status]) },
            {
              label: t('calendar.actions'),
              cell: (s) => (
                <a class="usa-link" href={`${base}/slots/${s.id}`}>
                  {t('calendar.openSlot', { time: formatDateTime(s.starts_at, p.ctx.locale, zone, 'time') })}
                </a>
              ),
            },
          ]}
        />
      )}
    </>
  );
}

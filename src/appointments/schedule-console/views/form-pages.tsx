/** The schedule's forms: a template, a closure, one slot. Errors arrive translated. */
import { platformMessages } from '../../../platform/i18n/messages.js';
import { CsrfField, ErrorSummary, Select, TextInput, type PageContext } from '../../../platform/views/index.js';
import { scheduleMessages } from '../messages.js';
import { SiteHeading, type SiteView } from './common.js';
import { weekdayName } from './overview-pages.js';

export interface FormProps {
  ctx: PageContext;
  site: SiteView;
  action: string;
  title: string;
  values: Record<string, string>;
  errors: Record<string, string>;
  programs: { id: string; name: string }[];
}

function Buttons({ ctx, site }: { ctx: PageContext; site: SiteView }) {
  const t = scheduleMessages.for(ctx.locale);
  return (
    <>
      <button type="submit" class="usa-button">
        {t('form.save')}
      </button>
      <a class="usa-button usa-button--unstyled margin-left-2" href={`/staff/sites/${site.id}/schedule`}>
        {t('form.back')}
      </a>
    </>
  );
}

function ProgramSelect({
  ctx,
  programs,
  value,
  error,
}: Pick<FormProps, 'ctx' | 'programs'> & { value?: string | undefined; error?: string | undefined }) {
  const t = scheduleMessages.for(ctx.locale);
  return (
    <Select
      name="programId"
      label={t('form.program')}
      value={value}
      error={error}
      options={[
        { value: '', label: t('form.chooseProgram') },
        ...programs.map((p) => ({ value: p.id, label: p.name })),
      ]}
    />
  );
}

export function TemplateFormPage(p: FormProps) {
  const t = scheduleMessages.for(p.ctx.locale);
  const pm = platformMessages.for(p.ctx.locale);
  const { values: v, errors: e } = p;
  const days = (v.weekdays ?? '').split(',');
  return (
    <>
      <SiteHeading ctx={p.ctx} site={p.site} title={p.title} />
      <ErrorSummary heading={pm('errors.summaryHeading')} errors={e} />
      <form class="usa-form usa-form--large" method="post" action={p.action} novalidate>
        <CsrfField token={p.ctx.csrfToken} />
        <TextInput name="name" label={t('form.name')} value={v.name} error={e.name} required />
        <ProgramSelect ctx={p.ctx} programs={p.programs} value={v.programId} error={e.programId} />
        <fieldset
          class="usa-fieldset margin-top-3"
          id="weekdays"
          aria-describedby={e.weekdays ? 'weekdays-error' : undefined}
        >
          <legend class="usa-legend">{t('form.weekdays')}</legend>
          {e.weekdays && (
            <span class="usa-error-message" id="weekdays-error" role="alert">
              {e.weekdays}
            </span>
          )}
          {[1, 2, 3, 4, 5, 6, 7].map((d) => (
            <div class="usa-checkbox" key={d}>
              <input
                class="usa-checkbox__input"
                id={`weekdays-${d}`}
                type="checkbox"
                name="weekdays"
                value={String(d)}
                checked={days.includes(String(d))}
              />
              <label class="usa-checkbox__label" for={`weekdays-${d}`}>
                {weekdayName(p.ctx, d)}
              </label>
            </div>
          ))}
        </fieldset>
        <TextInput
          name="opens"
          type="text"
          label={t('form.opens')}
          hint={t('form.timeHint')}
          value={v.opens}
          error={e.opens}
          width="sm"
          required
        />
        <TextInput
          name="closes"
          type="text"
          label={t('form.closes')}
          hint={t('form.timeHint')}
          value={v.closes}
          error={e.closes}
          width="sm"
          required
        />
        <TextInput
          name="breaks"
          label={t('form.breaks')}
          hint={t('form.breaksHint')}
          value={v.breaks}
          error={e.breaks}
        />
        <TextInput
          name="slotMinutes"
          label={t('form.slotMinutes')}
          value={v.slotMinutes}
          error={e.slotMinutes}
          inputMode="numeric"
          width="sm"
          required
        />
        <TextInput
          name="capacity"
          label={t('form.lanes')}
          hint={t('form.lanesHint')}
          value={v.capacity}
          error={e.capacity}
          inputMode="numeric"
          width="sm"
          required
        />
        <TextInput
          name="validFrom"
          type="date"
          label={t('form.validFrom')}
          value={v.validFrom}
          error={e.validFrom}
          required
        />
        <TextInput name="validTo" type="date" label={t('form.validTo')} value={v.validTo} error={e.validTo} required />
        <Buttons ctx={p.ctx} site={p.site} />
      </form>
    </>
  );
}

export function ClosureFormPage(p: Omit<FormProps, 'programs'>) {
  const t = scheduleMessages.for(p.ctx.locale);
  const pm = platformMessages.for(p.ctx.locale);
  const { values: v, errors: e } = p;
  const whole = v.wholeDay !== 'no';
  return (
    <>
      <SiteHeading ctx={p.ctx} site={p.site} title={p.title} />
      <p>{t('closures.intro')}</p>
      <ErrorSummary heading={pm('errors.summaryHeading')} errors={e} />
      <form class="usa-form usa-form--large" method="post" action={p.action} novalidate>
        <CsrfField token={p.ctx.csrfToken} />
        <TextInput name="date" type="date" label={t('form.date')} value={v.date} error={e.date} required />
        <fieldset class="usa-fieldset margin-top-3" id="wholeDay">
          <legend class="usa-legend">{t('form.wholeDay')}</legend>
          {(['yes', 'no'] as const).map((w) => (
            <div class="usa-radio" key={w}>
              <input
                class="usa-radio__input"
                id={`wholeDay-${w}`}
                type="radio"
                name="wholeDay"
                value={w}
                checked={w === 'yes' ? whole : !whole}
              />
              <label class="usa-radio__label" for={`wholeDay-${w}`}>
                {w === 'yes' ? t('form.wholeDayYes') : t('form.wholeDayNo')}
              </label>
            </div>
          ))}
        </fieldset>
        <TextInput
          name="fromTime"
          label={t('form.fromTime')}
          hint={t('form.partialHint')}
          value={v.fromTime}
          error={e.fromTime}
          width="sm"
        />
        <TextInput name="toTime" label={t('form.toTime')} value={v.toTime} error={e.toTime} width="sm" />
        <TextInput
          name="reason"
          label={t('form.reason')}
          hint={t('form.reasonHint')}
          value={v.reason}
          error={e.reason}
          required
        />
        <Buttons ctx={p.ctx} site={p.site} />
      </form>
    </>
  );
}

export function SlotFormPage(p: FormProps) {
  const t = scheduleMessages.for(p.ctx.locale);
  const pm = platformMessages.for(p.ctx.locale);
  const { values: v, errors: e } = p;
  return (
    <>
      <SiteHeading ctx={p.ctx} site={p.site} title={p.title} />
      <p>{t('calendar.zoneNote', { zone: p.site.time_zone })}</p>
      <ErrorSummary heading={pm('errors.summaryHeading')} errors={e} />
      <form class="usa-form usa-form--large" method="post" action={p.action} novalidate>
        <CsrfField token={p.ctx.csrfToken} />
        <ProgramSelect ctx={p.ctx} programs={p.programs} value={v.programId} error={e.programId} />
        <TextInput name="date" type="date" label={t('form.date')} value={v.date} error={e.date} required />
        <TextInput
          name="time"
          label={t('form.time')}
          hint={t('form.timeHint')}
          value={v.time}
          error={e.time}
          width="sm"
          required
        />
        <TextInput
          name="minutes"
          label={t('form.slotMinutes')}
          value={v.minutes ?? '15'}
          error={e.minutes}
          inputMode="numeric"
          width="sm"
          required
        />
        <TextInput
          name="capacity"
          label={t('form.capacity')}
          value={v.capacity ?? '1'}
          error={e.capacity}
          inputMode="numeric"
          width="sm"
          required
        />
        <Buttons ctx={p.ctx} site={p.site} />
      </form>
    </>
  );
}

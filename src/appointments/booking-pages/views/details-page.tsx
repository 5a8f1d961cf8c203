import type { ComponentChildren } from 'preact';
import { LOCALES, LOCALE_NAMES } from '../../../platform/i18n/index.js';
import { CsrfField, ErrorSummary, MemorableDate, TextInput, type PageContext } from '../../../platform/views/index.js';
import { bookingPagesMessages } from '../messages.js';
import { BackLink } from './parts.js';

export interface DetailsPageProps {
  ctx: PageContext;
  top: ComponentChildren;
  back: string;
  action: string;
  /** "Your time: … at …". */
  chosen: string;
  staff: boolean;
  notice: string | null;
  values: Record<string, string>;
  /** Translated problems by field (birth date problems under `birthDate`). */
  errors: Record<string, string>;
}

/** Where the error summary's link for each field goes (groups link to their first input). */
const ANCHORS: Record<string, string> = { birthDate: 'birthMonth', forWhom: 'forWhom-self', language: 'language-en' };

function Radios(p: {
  name: string;
  legend: string;
  hint?: string | undefined;
  options: { value: string; label: string; lang?: string }[];
  value: string | undefined;
  error: string | undefined;
}) {
  const describedBy = [p.hint ? `${p.name}-hint` : '', p.error ? `${p.name}-error` : ''].filter(Boolean).join(' ');
  return (
    <div class={`usa-form-group${p.error ? ' usa-form-group--error' : ''}`}>
      <fieldset class="usa-fieldset" aria-describedby={describedBy || undefined}>
        <legend class="usa-legend usa-legend--large">{p.legend}</legend>
        {p.hint && (
          <div class="usa-hint" id={`${p.name}-hint`}>
            {p.hint}
          </div>
        )}
        {p.error && (
          <span class="usa-error-message" id={`${p.name}-error`} role="alert">
            {p.error}
          </span>
        )}
        {p.options.map((o) => (
          <div class="usa-radio" key={o.value}>
            <input
              class="usa-radio__input"
              id={`${p.name}-${o.value}`}
              type="radio"
              name={p.name}
              value={o.value}
              checked={p.value === o.value}
              required
            />
            <label class="usa-radio__label" for={`${p.name}-${o.value}`} lang={o.lang}>
              {o.label}
            </label>
          </div>
        ))}
      </fieldset>
    </div>
  );
}

function BirthDate({ ctx, values, error }: { ctx: PageContext; values: Record<string, string>; error?: string }) {
  const t = bookingPagesMessages.for(ctx.locale);
  return (
    <MemorableDate
      name="birth"
      locale={ctx.locale}
      legend={t('details.birthDate')}
      hint={t('details.birthDateHint')}
      labels={{ month: t('details.month'), day: t('details.day'), year: t('details.year') }}
      values={values}
      error={error}
      autoComplete="bday"
    />
  );
}

/** Step 4: the person's details (kept only in an encrypted cookie until the booking is confirmed). */
export function DetailsPage(p: DetailsPageProps) {
  const t = bookingPagesMessages.for(p.ctx.locale);
  const v = p.values;
  const e = p.errors;
  const summary = Object.entries(e).map(([field, message]) => ({ field: ANCHORS[field] ?? field, message }));
  return (
    <>
      {p.top}
      <BackLink href={p.back} locale={p.ctx.locale} />
      <ErrorSummary heading={t('common.errorHeading')} errors={summary} />
      {p.notice && (
        <div class="usa-alert usa-alert--warning usa-alert--slim" role="status">
          <div class="usa-alert__body">
            <p class="usa-alert__text">{p.notice}</p>
          </div>
        </div>
      )}
      <h1>{t('details.title')}</h1>
      <p class="usa-intro">{p.chosen}</p>
      <form method="post" action={p.action} class="usa-form usa-form--large" noValidate>
        <CsrfField token={p.ctx.csrfToken} />
        <Radios
          name="forWhom"
          legend={t('details.forWhom')}
          options={[
            { value: 'self', label: t('details.forSelf') },
            { value: 'other', label: t('details.forOther') },
          ]}
          value={v.forWhom}
          error={e.forWhom}
        />
        <p class="usa-hint margin-top-3">{t('details.personHint')}</p>
        <TextInput
          name="givenName"
          label={t('details.givenName')}
          value={v.givenName}
          error={e.givenName}
          autocomplete="given-name"
          maxLength={100}
          required
        />
        <TextInput
          name="familyName"
          label={t('details.familyName')}
          value={v.familyName}
          error={e.familyName}
          autocomplete="family-name"
          maxLength={100}
          required
        />
        <BirthDate ctx={p.ctx} values={v} {...(e.birthDate ? { error: e.birthDate } : {})} />
        <fieldset class="usa-fieldset margin-top-4">
          <legend class="usa-legend usa-legend--large">{t('details.contact')}</legend>
          <p class="usa-hint">{t(p.staff ? 'details.contactHintStaff' : 'details.contactHint')}</p>
          <TextInput
            name="email"
            type="email"
            label={t('details.email')}
            value={v.email}
            error={e.email}
            autocomplete="email"
            maxLength={254}
          />
          <TextInput
            name="phone"
            type="tel"
            label={t('details.phone')}
            hint={t('details.phoneHint')}
            value={v.phone}
            error={e.phone}
            autocomplete="tel"
            maxLength={32}
          />
        </fieldset>
        <Radios
          name="language"
          legend={t('details.language')}
          options={LOCALES.map((l) => ({ value: l, label: LOCALE_NAMES[l], lang: l }))}
          value={v.language ?? p.ctx.locale}
          error={e.language}
        />
        <button type="submit" class="usa-button margin-top-4">
          {t('details.continue')}
        </button>
      </form>
    </>
  );
}

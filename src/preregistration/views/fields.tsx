/** Form fields of the pre-registration pages (USWDS memorable date, radios and checkboxes). */
import type { PageContext } from '../../platform/views/index.js';
import { preregMessages } from '../messages.js';

export function BirthDateField({
  ctx,
  values,
  error,
}: {
  ctx: PageContext;
  values: Record<string, string>;
  error?: string | undefined;
}) {
  const t = preregMessages.for(ctx.locale);
  const fmt = new Intl.DateTimeFormat(ctx.locale === 'es' ? 'es-US' : 'en-US', { month: 'long', timeZone: 'UTC' });
  const describedBy = `birthDate-hint${error ? ' birthDate-error' : ''}`;
  const cls = (base: string) => `${base}${error ? ' usa-input--error' : ''}`;
  const invalid = error ? 'true' : undefined;
  return (
    <div class={`usa-form-group${error ? ' usa-form-group--error' : ''}`}>
      <fieldset class="usa-fieldset">
        <legend class="usa-legend">{t('field.birthDate')}</legend>
        <span class="usa-hint" id="birthDate-hint">
          {t('field.birthDateHint')}
        </span>
        {error && (
          <span class="usa-error-message" id="birthDate-error" role="alert">
            {error}
          </span>
        )}
        <div class="usa-memorable-date">
          <div class="usa-form-group usa-form-group--month usa-form-group--select">
            <label class="usa-label" for="birthMonth">
              {t('field.month')}
            </label>
            <select
              class={cls('usa-select')}
              id="birthMonth"
              name="birthMonth"
              autoComplete="bday-month"
              aria-describedby={describedBy}
              aria-invalid={invalid}
            >
              <option value="">-</option>
              {Array.from({ length: 12 }, (_, i) => (
                <option key={i} value={String(i + 1)} selected={String(i + 1) === values.birthMonth}>
                  {fmt.format(Date.UTC(2000, i, 15))}
                </option>
              ))}
            </select>
          </div>
          <div class="usa-form-group usa-form-group--day">
            <label class="usa-label" for="birthDay">
              {t('field.day')}
            </label>
            <input
              class={cls('usa-input')}
              id="birthDay"
              name="birthDay"
              maxLength={2}
              inputMode="numeric"
              autoComplete="bday-day"
              value={values.birthDay}
              aria-describedby={describedBy}
              aria-invalid={invalid}
            />
          </div>
          <div class="usa-form-group usa-form-group--year">
            <label class="usa-label" for="birthYear">
              {t('field.year')}
            </label>
            <input
              class={cls('usa-input')}
              id="birthYear"
              name="birthYear"
              minLength={4}
              maxLength={4}
              inputMode="numeric"
              autoComplete="bday-year"
              value={values.birthYear}
              aria-describedby={describedBy}
              aria-invalid={invalid}
            />
          </div>
        </div>
      </fieldset>
    </div>
  );
}

export interface Choice {
  value: string;
  label: string;
}

/** A group of radios (`multiple` false) or checkboxes; `checked` holds the chosen values. */
export function Choices(p: {
  name: string;
  legend: string;
  hint?: string | undefined;
  options: Choice[];
  checked: string[];
  error?: string | undefined;
  multiple?: boolean;
}) {
  const kind = p.multiple ? 'checkbox' : 'radio';
  const describedBy = [p.hint ? `${p.name}-hint` : '', p.error ? `${p.name}-error` : ''].filter(Boolean).join(' ');
  return (
    <div class={`usa-form-group${p.error ? ' usa-form-group--error' : ''}`}>
      <fieldset class="usa-fieldset" aria-describedby={describedBy || undefined}>
        <legend class="usa-legend">{p.legend}</legend>
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
        {p.options.map((o, i) => (
          <div class={`usa-${kind}`} key={o.value}>
            <input
              class={`usa-${kind}__input`}
              id={`${p.name}-${i}`}
              type={kind}
              name={p.name}
              value={o.value}
              checked={p.checked.includes(o.value)}
            />
            <label class={`usa-${kind}__label`} for={`${p.name}-${i}`}>
              {o.label}
            </label>
          </div>
        ))}
      </fieldset>
    </div>
  );
}

/** Put the memorable date's three fields together as YYYY-MM-DD ('' when any is missing). */
export function withBirthDate(body: unknown): Record<string, unknown> {
  const b: Record<string, unknown> = typeof body === 'object' && body !== null ? { ...body } : {};
  const part = (k: string) => (typeof b[k] === 'string' ? b[k].trim() : '');
  const [y, m, d] = [part('birthYear'), part('birthMonth'), part('birthDay')];
  b.birthDate = y && m && d ? `${y.padStart(4, '0')}-${m.padStart(2, '0')}-${d.padStart(2, '0')}` : '';
  return b;
}

/** The chosen values of a multi-valued field as echoed by parseForm (comma-separated). */
export const checkedOf = (v: string | undefined) => (v ? v.split(',') : []);

import type { Locale } from '../../i18n/index.js';

export interface MemorableDateProps {
  /** Field names are `${name}Month`, `${name}Day`, `${name}Year`; hint and error ids `${name}-hint`/`-error`. */
  name: string;
  locale: Locale;
  legend: string;
  hint: string;
  labels: { month: string; day: string; year: string };
  values: Record<string, string | undefined>;
  error?: string | undefined;
  /** `bday` fills the fields from the browser's saved birth date. */
  autoComplete?: 'bday';
}

/**
 * The USWDS memorable date: a month select (month names in the page's language) and day and year inputs in one
 * fieldset, with hint and inline error wired to every part. Works without JavaScript.
 */
export function MemorableDate(p: MemorableDateProps) {
  const fmt = new Intl.DateTimeFormat(p.locale === 'es' ? 'es-US' : 'en-US', { month: 'long', timeZone: 'UTC' });
  const describedBy = `${p.name}-hint${p.error ? ` ${p.name}-error` : ''}`;
  const cls = (base: string) => `${base}${p.error ? ' usa-input--error' : ''}`;
  const invalid = p.error ? 'true' : undefined;
  const auto = (part: 'month' | 'day' | 'year') => (p.autoComplete ? `${p.autoComplete}-${part}` : undefined);
  const month = p.values[`${p.name}Month`] ? String(Number(p.values[`${p.name}Month`])) : '';
  return (
    <div class={`usa-form-group${p.error ? ' usa-form-group--error' : ''}`}>
      <fieldset class="usa-fieldset">
        <legend class="usa-legend">{p.legend}</legend>
        <span class="usa-hint" id={`${p.name}-hint`}>
          {p.hint}
        </span>
        {p.error && (
          <span class="usa-error-message" id={`${p.name}-error`} role="alert">
            {p.error}
          </span>
        )}
        <div class="usa-memorable-date">
          <div class="usa-form-group usa-form-group--month usa-form-group--select">
            <label class="usa-label" for={`${p.name}Month`}>
              {p.labels.month}
            </label>
            <select
              class={cls('usa-select')}
              id={`${p.name}Month`}
              name={`${p.name}Month`}
              autoComplete={auto('month')}
              aria-describedby={describedBy}
              aria-invalid={invalid}
            >
              <option value="">-</option>
              {Array.from({ length: 12 }, (_, i) => (
                <option key={i} value={String(i + 1)} selected={String(i + 1) === month}>
                  {fmt.format(Date.UTC(2000, i, 15))}
                </option>
              ))}
            </select>
          </div>
          <div class="usa-form-group usa-form-group--day">
            <label class="usa-label" for={`${p.name}Day`}>
              {p.labels.day}
            </label>
            <input
              class={cls('usa-input')}
              id={`${p.name}Day`}
              name={`${p.name}Day`}
              maxLength={2}
              inputMode="numeric"
              autoComplete={auto('day')}
              value={p.values[`${p.name}Day`]}
              aria-describedby={describedBy}
              aria-invalid={invalid}
            />
          </div>
          <div class="usa-form-group usa-form-group--year">
            <label class="usa-label" for={`${p.name}Year`}>
              {p.labels.year}
            </label>
            <input
              class={cls('usa-input')}
              id={`${p.name}Year`}
              name={`${p.name}Year`}
              minLength={4}
              maxLength={4}
              inputMode="numeric"
              autoComplete={auto('year')}
              value={p.values[`${p.name}Year`]}
              aria-describedby={describedBy}
              aria-invalid={invalid}
            />
          </div>
        </div>
      </fieldset>
    </div>
  );
}

/** Form fields of the pre-registration pages (USWDS memorable date, radios and checkboxes). */
import { MemorableDate, Select, type PageContext } from '../../platform/views/index.js';
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
  return (
    <MemorableDate
      name="birth"
      locale={ctx.locale}
      legend={t('field.birthDate')}
      hint={t('field.birthDateHint')}
      labels={{ month: t('field.month'), day: t('field.day'), year: t('field.year') }}
      values={values}
      error={error}
      autoComplete="bday"
    />
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

/** The county question, asked when the program's rules accept counties (its list; "another county" qualifies none). */
export function CountyField(p: {
  ctx: PageContext;
  counties: string[];
  value: string | undefined;
  error?: string | undefined;
}) {
  if (p.counties.length === 0) return null;
  const t = preregMessages.for(p.ctx.locale);
  return (
    <Select
      name="county"
      label={t('field.county')}
      hint={t('field.countyHint')}
      options={[
        { value: '', label: t('field.countyChoose') },
        ...p.counties.map((c) => ({ value: c, label: c })),
        { value: 'other', label: t('field.countyOther') },
      ]}
      value={p.value}
      error={p.error}
    />
  );
}

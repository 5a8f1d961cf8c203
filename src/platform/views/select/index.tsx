export interface SelectProps {
  name: string;
  /** Defaults to the name; give one when the same field appears several times on a page. */
  id?: string;
  label: string;
  options: { value: string; label: string }[];
  value?: string | undefined;
  hint?: string | undefined;
  error?: string | undefined;
  required?: boolean;
}

/** A labelled native select with optional hint and inline error. */
export function Select(p: SelectProps) {
  const id = p.id ?? p.name;
  const hintId = p.hint ? `${id}-hint` : undefined;
  const errorId = p.error ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;
  return (
    <div class={`usa-form-group${p.error ? ' usa-form-group--error' : ''}`}>
      <label class={`usa-label${p.error ? ' usa-label--error' : ''}`} for={id}>
        {p.label}
      </label>
      {p.hint && (
        <div class="usa-hint" id={hintId}>
          {p.hint}
        </div>
      )}
      {p.error && (
        <span class="usa-error-message" id={errorId} role="alert">
          {p.error}
        </span>
      )}
      <select
        class={`usa-select${p.error ? ' usa-input--error' : ''}`}
        id={id}
        name={p.name}
        required={p.required}
        aria-invalid={p.error ? 'true' : undefined}
        aria-describedby={describedBy}
      >
        {p.options.map((o) => (
          <option key={o.value} value={o.value} selected={o.value === p.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

export interface TextInputProps {
  name: string;
  label: string;
  value?: string | undefined;
  hint?: string | undefined;
  error?: string | undefined;
  type?: 'text' | 'email' | 'password' | 'tel' | 'date' | 'number' | 'search' | 'url';
  autocomplete?: string;
  required?: boolean;
  inputMode?: 'numeric' | 'tel' | 'email' | 'text';
  maxLength?: number;
  width?: 'sm' | 'md' | 'lg' | 'xl';
}

/** A labelled input with optional hint and inline error, wired with aria-describedby. */
export function TextInput(p: TextInputProps) {
  const hintId = p.hint ? `${p.name}-hint` : undefined;
  const errorId = p.error ? `${p.name}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;
  return (
    <div class={`usa-form-group${p.error ? ' usa-form-group--error' : ''}`}>
      <label class={`usa-label${p.error ? ' usa-label--error' : ''}`} for={p.name}>
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
      <input
        class={`usa-input${p.error ? ' usa-input--error' : ''}${p.width ? ` usa-input--${p.width}` : ''}`}
        id={p.name}
        name={p.name}
        type={p.type ?? 'text'}
        value={p.value}
        autoComplete={p.autocomplete}
        required={p.required}
        aria-invalid={p.error ? 'true' : undefined}
        aria-describedby={describedBy}
        inputMode={p.inputMode}
        maxLength={p.maxLength}
      />
    </div>
  );
}

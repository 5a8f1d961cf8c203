/** Pieces the editor's pages share: the base address, notice keys, a textarea, and "move up/down" buttons. */
import { CsrfField, type PageContext } from '../../../platform/views/index.js';
import { editorMessages, type EditorKey } from '../messages.js';

const enc = encodeURIComponent;
export const STAFF_BASE = '/staff/preregistration';
/** The editor's pages of a program live under this address. */
export const editorBase = (programId: string) => `${STAFF_BASE}/${enc(programId)}/eligibility`;

/** `?done=` values the editor's redirects carry, and what they say. */
export const NOTICES: Record<string, EditorKey> = {
  settings: 'done.settings',
  'phase-added': 'done.phaseAdded',
  'phase-saved': 'done.phaseSaved',
  'group-added': 'done.groupAdded',
  'group-saved': 'done.groupSaved',
  moved: 'done.moved',
  cleared: 'done.cleared',
};

export function Textarea(p: {
  name: string;
  label: string;
  hint?: string;
  value?: string | undefined;
  error?: string | undefined;
  rows?: number;
  maxLength?: number;
}) {
  const describedBy = [p.hint ? `${p.name}-hint` : '', p.error ? `${p.name}-error` : ''].filter(Boolean).join(' ');
  return (
    <div class={`usa-form-group${p.error ? ' usa-form-group--error' : ''}`}>
      <label class={`usa-label${p.error ? ' usa-label--error' : ''}`} for={p.name}>
        {p.label}
      </label>
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
      <textarea
        class={`usa-textarea${p.error ? ' usa-input--error' : ''}`}
        id={p.name}
        name={p.name}
        rows={p.rows ?? 4}
        maxLength={p.maxLength}
        aria-invalid={p.error ? 'true' : undefined}
        aria-describedby={describedBy || undefined}
      >
        {p.value ?? ''}
      </textarea>
    </div>
  );
}

/** Two small forms that move a phase or group one place up or down (named for screen readers). */
export function MoveButtons(p: { ctx: PageContext; action: string; name: string; first: boolean; last: boolean }) {
  const t = editorMessages.for(p.ctx.locale);
  const button = (direction: 'up' | 'down', key: EditorKey) => (
    <form method="post" action={p.action} class="display-inline-block margin-right-1">
      <CsrfField token={p.ctx.csrfToken} />
      <input type="hidden" name="direction" value={direction} />
      <button class="usa-button usa-button--outline usa-button--small" type="submit">
        {t(key, { name: p.name })}
      </button>
    </form>
  );
  return (
    <>
      {!p.first && button('up', 'action.up')}
      {!p.last && button('down', 'action.down')}
    </>
  );
}

/** Pieces the personal data pages share: the carried search, the reason field, a record's facts. */
import { Fragment } from 'preact';
import type { Locale } from '../../platform/i18n/index.js';
import type { PersonalRecord } from '../../platform/personal-data.js';
import { privacyMessages } from '../messages.js';

/** A record as the pages show it: its texts already in the reader's language. */
export interface RecordView {
  ref: string;
  title: string;
  facts: { label: string; value: string }[];
  eraseNote: string | undefined;
}

export function recordView(r: PersonalRecord, locale: Locale): RecordView {
  return {
    ref: r.ref,
    title: r.title(locale),
    facts: r.facts.map((f) => ({ label: f.label(locale), value: f.value(locale) })),
    eraseNote: r.eraseNote?.(locale),
  };
}

/** The search's terms, carried from page to page so each step finds (and checks) the same records again. */
export function HiddenFields({ fields }: { fields: Record<string, string | string[]> }) {
  return (
    <>
      {Object.entries(fields).flatMap(([name, v]) =>
        (Array.isArray(v) ? v : [v]).map((value, i) => (
          <input key={`${name}-${i}`} type="hidden" name={name} value={value} />
        )),
      )}
    </>
  );
}

/** Why: kept in the audit log with every action, so it must not name the person. */
export function ReasonField(p: { locale: Locale; value: string | undefined; error: string | undefined }) {
  const t = privacyMessages.for(p.locale);
  const describedBy = ['reason-hint', p.error ? 'reason-error' : ''].filter(Boolean).join(' ');
  return (
    <div class={`usa-form-group${p.error ? ' usa-form-group--error' : ''}`}>
      <label class={`usa-label${p.error ? ' usa-label--error' : ''}`} for="reason">
        {t('reason.label')}
      </label>
      <span class="usa-hint" id="reason-hint">
        {t('reason.hint')}
      </span>
      {p.error && (
        <span class="usa-error-message" id="reason-error" role="alert">
          {p.error}
        </span>
      )}
      <textarea
        class={`usa-textarea${p.error ? ' usa-input--error' : ''}`}
        id="reason"
        name="reason"
        rows={2}
        maxLength={500}
        aria-invalid={p.error ? 'true' : undefined}
        aria-describedby={describedBy}
      >
        {p.value ?? ''}
      </textarea>
    </div>
  );
}

/** A record's facts as a description list (with the id its checkbox points at). */
export function RecordFacts({ record, id }: { record: RecordView; id?: string }) {
  return (
    <dl class="fd-facts" id={id}>
      {record.facts.map((f, i) => (
        <Fragment key={i}>
          <dt>{f.label}</dt>
          <dd>{f.value}</dd>
        </Fragment>
      ))}
    </dl>
  );
}

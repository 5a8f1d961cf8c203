import { CsrfField } from '../csrf-field.js';

export interface CsvUploadLabels {
  file: string;
  fileHint: string;
  paste: string;
  pasteHint: string;
  submit: string;
}

export interface CsvUploadProps {
  action: string;
  csrfToken: string;
  /** True when the server takes multipart uploads: the file travels itself. Otherwise a script (when present)
   * reads the chosen file into the text box, and without JavaScript people paste the text. */
  multipart: boolean;
  labels: CsvUploadLabels;
  /** The pasted text, shown again after a failed import. */
  value?: string | undefined;
  /** Set when the last import failed: ties the text box to the problem list. */
  errorId?: string | undefined;
}

/**
 * A CSV upload form that works without JavaScript: a file input (multipart) and a text box to paste into. The file
 * field is named `file` and the text box `csv` (read both with `uploadedText`).
 */
export function CsvUpload(p: CsvUploadProps) {
  const file = (
    <div class="usa-form-group">
      <label class="usa-label" for="csv-file">
        {p.labels.file}
      </label>
      <span class="usa-hint" id="csv-file-hint">
        {p.labels.fileHint}
      </span>
      <input
        class="usa-file-input"
        id="csv-file"
        type="file"
        name={p.multipart ? 'file' : undefined}
        accept=".csv,text/csv"
        aria-describedby="csv-file-hint"
      />
    </div>
  );
  return (
    <form
      class="usa-form usa-form--large"
      method="post"
      action={p.action}
      encType={p.multipart ? 'multipart/form-data' : undefined}
      novalidate
    >
      <CsrfField token={p.csrfToken} />
      {p.multipart ? (
        file
      ) : (
        <div hidden data-file-into="csv">
          {file}
        </div>
      )}
      <div class={`usa-form-group${p.errorId ? ' usa-form-group--error' : ''}`}>
        <label class="usa-label" for="csv">
          {p.labels.paste}
        </label>
        <span class="usa-hint" id="csv-hint">
          {p.labels.pasteHint}
        </span>
        <textarea
          class="usa-textarea"
          id="csv"
          name="csv"
          rows={10}
          spellcheck={false}
          aria-describedby={p.errorId ? `csv-hint ${p.errorId}` : 'csv-hint'}
          aria-invalid={p.errorId ? 'true' : undefined}
        >
          {p.value ?? ''}
        </textarea>
      </div>
      <button type="submit" class="usa-button margin-top-3">
        {p.labels.submit}
      </button>
    </form>
  );
}

/** One problem with a form field, already translated. */
export interface FieldError {
  field: string;
  message: string;
}

/**
 * The USWDS/GOV.UK error summary: a focusable alert at the top of the form listing every problem, each
 * linking to its field. Rendered only when there are errors.
 */
export function ErrorSummary({ heading, errors }: { heading: string; errors: FieldError[] | Record<string, string> }) {
  const list = Array.isArray(errors) ? errors : Object.entries(errors).map(([field, message]) => ({ field, message }));
  if (list.length === 0) return null;
  return (
    <div class="usa-alert usa-alert--error fd-error-summary" role="alert" tabIndex={-1} data-error-summary>
      <div class="usa-alert__body">
        <h2 class="usa-alert__heading">{heading}</h2>
        <ul class="usa-list usa-list--unstyled">
          {list.map((e) => (
            <li key={e.field}>
              <a class="usa-link" href={`#${e.field}`}>
                {e.message}
              </a>
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}

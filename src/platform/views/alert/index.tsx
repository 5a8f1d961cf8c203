import type { ComponentChildren } from 'preact';

/** A USWDS alert. Use `role="status"` for success/info and `role="alert"` for errors. */
export function Alert({
  type,
  heading,
  children,
  slim,
}: {
  type: 'success' | 'error' | 'info' | 'warning';
  heading?: string | undefined;
  children?: ComponentChildren;
  slim?: boolean;
}) {
  return (
    <div
      class={`usa-alert usa-alert--${type}${slim ? ' usa-alert--slim' : ''}`}
      role={type === 'error' ? 'alert' : 'status'}
    >
      <div class="usa-alert__body">
        {heading && <h2 class="usa-alert__heading">{heading}</h2>}
        {children && <div class="usa-alert__text">{children}</div>}
      </div>
    </div>
  );
}

import type { ComponentChildren } from 'preact';

export interface Column<R> {
  /** Header text. */
  label: string;
  cell: (row: R) => ComponentChildren;
  /** The column that names the row: rendered as a row header (`<th scope="row">`). */
  rowHeader?: boolean;
}

export interface DataTableProps<R> {
  /** Read by screen readers; visually hidden unless `showCaption`. */
  caption: string;
  columns: Column<R>[];
  rows: R[];
  rowKey: (row: R) => string | number;
  compact?: boolean;
  showCaption?: boolean;
}

/**
 * A USWDS table that stacks into labelled cards on small screens and scrolls inside a focusable, labelled region
 * when it is wider than the page.
 */
export function DataTable<R>({ caption, columns, rows, rowKey, compact, showCaption }: DataTableProps<R>) {
  return (
    <div class="usa-table-container--scrollable" role="region" aria-label={caption} tabIndex={0}>
      <table class={`usa-table usa-table--stacked${compact ? ' usa-table--compact' : ''}`}>
        <caption class={showCaption ? undefined : 'usa-sr-only'}>{caption}</caption>
        <thead>
          <tr>
            {columns.map((c) => (
              <th scope="col" key={c.label}>
                {c.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={rowKey(r)}>
              {columns.map((c) =>
                c.rowHeader ? (
                  <th scope="row" data-label={c.label} key={c.label}>
                    {c.cell(r)}
                  </th>
                ) : (
                  <td data-label={c.label} key={c.label}>
                    {c.cell(r)}
                  </td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Server-rendered views: the page layout and the USWDS components every module uses. */
export { Layout, type LayoutProps } from './layout/index.js';
export { ConsoleLayout, type ConsoleNav } from './console-layout.js';
export { Alert } from './alert/index.js';
export { DataTable, type Column, type DataTableProps } from './data-table/index.js';
export { ErrorSummary, type FieldError } from './error-summary/index.js';
export { TextInput, type TextInputProps } from './text-input/index.js';
export { MemorableDate, type MemorableDateProps } from './memorable-date/index.js';
export { Select, type SelectProps } from './select/index.js';
export { CsvUpload, type CsvUploadLabels, type CsvUploadProps } from './csv-upload/index.js';
export { Raw } from './raw.js';
export { CsrfField } from './csrf-field.js';
export { NoSitesAssigned } from './no-sites.js';
export { ErrorPage } from './error-page.js';
export { sendPage, renderHtml } from './render.js';
export { languageHref, type PageContext } from './context.js';

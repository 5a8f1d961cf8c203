/** Every design-system component's examples: they drive the render test and the axe test. */
import type { VNode } from 'preact';
import { examples as alert } from './alert/examples.js';
import { examples as csvUpload } from './csv-upload/examples.js';
import { examples as dataTable } from './data-table/examples.js';
import { examples as errorSummary } from './error-summary/examples.js';
import { examples as memorableDate } from './memorable-date/examples.js';
import { examples as select } from './select/examples.js';
import { examples as textInput } from './text-input/examples.js';

export const componentExamples: Record<string, Record<string, VNode>> = {
  alert,
  'csv-upload': csvUpload,
  'data-table': dataTable,
  'error-summary': errorSummary,
  'memorable-date': memorableDate,
  select,
  'text-input': textInput,
};

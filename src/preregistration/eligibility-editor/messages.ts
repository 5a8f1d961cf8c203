import en from './messages/en.json' with { type: 'json' };
import es from './messages/es.json' with { type: 'json' };
import { defineCatalog } from '../../platform/i18n/index.js';

/** The editor's own texts (its form errors are the module's `staff.error.*` keys: see `translatePreregErrors`). */
export const editorMessages = defineCatalog('prereg-eligibility', en, es);
export type EditorKey = keyof typeof en;

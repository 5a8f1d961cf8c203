import en from './messages/en.json' with { type: 'json' };
import es from './messages/es.json' with { type: 'json' };
import { defineCatalog } from '../../platform/i18n/index.js';

export const listsMessages = defineCatalog('preregistration-lists', en, es);
export type ListsKey = keyof typeof en;

import en from '../messages/en.json' with { type: 'json' };
import es from '../messages/es.json' with { type: 'json' };
import { defineCatalog } from './index.js';

/** The platform's own messages: layout, error pages, API errors, form basics. */
export const platformMessages = defineCatalog('platform', en, es);
export type PlatformKey = keyof typeof en;

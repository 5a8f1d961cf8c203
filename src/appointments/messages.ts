import en from './messages/en.json' with { type: 'json' };
import es from './messages/es.json' with { type: 'json' };
import { defineCatalog } from '../platform/i18n/index.js';

export const appointmentsMessages = defineCatalog('appointments', en, es);
export type AppointmentsKey = keyof typeof en;

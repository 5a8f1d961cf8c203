import en from './messages/en.json' with { type: 'json' };
import es from './messages/es.json' with { type: 'json' };
import { defineCatalog } from '../../platform/i18n/index.js';

/** The resident booking pages' own messages (the booking flow, the confirmation and the manage page). */
export const bookingPagesMessages = defineCatalog('booking-pages', en, es);
export type BookingPagesKey = keyof typeof en;

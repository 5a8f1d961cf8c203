import en from './messages/en.json' with { type: 'json' };
import es from './messages/es.json' with { type: 'json' };
import { defineCatalog, type Locale } from '../platform/i18n/index.js';

export const waitingRoomMessages = defineCatalog('waiting-room', en, es);
export type WaitingRoomKey = keyof typeof en;

/** Translate form errors whose values are keys of this catalog. */
export function translateErrors(locale: Locale, errors: Record<string, string>): Record<string, string> {
  const t = waitingRoomMessages.for(locale);
  // Keys come from our own schema; anything else is shown as given.
  return Object.fromEntries(
    Object.entries(errors).map(([f, k]) => [f, k in waitingRoomMessages.messages.en ? t(k as WaitingRoomKey) : k]),
  );
}

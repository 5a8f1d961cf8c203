import en from './messages/en.json' with { type: 'json' };
import es from './messages/es.json' with { type: 'json' };
import { defineCatalog, type Locale } from '../../platform/i18n/index.js';

export const scheduleMessages = defineCatalog('schedule-console', en, es);
export type ScheduleKey = keyof typeof en;

/** Translate form errors whose values are keys of this catalog (our schemas only ever put keys there). */
export function translateErrors(locale: Locale, errors: Record<string, string>): Record<string, string> {
  const t = scheduleMessages.for(locale);
  // A value that is one of our keys is translated; anything else is shown as given.
  return Object.fromEntries(
    Object.entries(errors).map(([f, k]) => [f, k in scheduleMessages.messages.en ? t(k as ScheduleKey) : k]),
  );
}

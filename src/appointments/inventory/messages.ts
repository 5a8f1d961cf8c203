import en from './messages/en.json' with { type: 'json' };
import es from './messages/es.json' with { type: 'json' };
import { defineCatalog, type Locale } from '../../platform/i18n/index.js';

export const inventoryMessages = defineCatalog('inventory', en, es);
export type InventoryKey = keyof typeof en;

/** Translate form errors whose values are keys of this catalog. */
export function translateInventoryErrors(locale: Locale, errors: Record<string, string>): Record<string, string> {
  const t = inventoryMessages.for(locale);
  // Keys come from our own schemas; anything else is shown as given.
  return Object.fromEntries(
    Object.entries(errors).map(([f, k]) => [f, k in inventoryMessages.messages.en ? t(k as InventoryKey) : k]),
  );
}

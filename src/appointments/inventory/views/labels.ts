/** Every code the inventory pages show, mapped to its message (no keys built at run time). */
import { DateTime } from 'luxon';
import { formatDateTime, type Locale } from '../../../platform/i18n/index.js';
import type { BookingErrorCode } from '../../errors.js';
import type { RefusalCode } from '../ledger-entry.js';
import type { InventoryKey } from '../messages.js';
import type { LedgerKind } from '../repository.js';
import type { WasteReason } from '../schema.js';

export const KIND_KEYS: Record<LedgerKind, InventoryKey> = {
  receive: 'inventory.kind.receive',
  adjust: 'inventory.kind.adjust',
  waste: 'inventory.kind.waste',
  'transfer-in': 'inventory.kind.transfer-in',
  'transfer-out': 'inventory.kind.transfer-out',
  administer: 'inventory.kind.administer',
};

export const WASTE_REASON_KEYS: Record<WasteReason, InventoryKey> = {
  expired: 'inventory.waste.expired',
  damaged: 'inventory.waste.damaged',
  temperature: 'inventory.waste.temperature',
  other: 'inventory.waste.other',
};

export const REFUSAL_KEYS: Record<RefusalCode, InventoryKey> = {
  not_found: 'inventory.refused.not_found',
  unknown_lot: 'inventory.refused.unknown_lot',
  lot_too_small: 'inventory.refused.lot_too_small',
  not_enough: 'inventory.refused.not_enough',
  same_site: 'inventory.refused.same_site',
};

/** Why a move to another seat failed, in the manager's words. */
export const MOVE_ERROR_KEYS: Record<BookingErrorCode, InventoryKey> = {
  slot_full: 'inventory.moveFailed.slot_full',
  no_doses: 'inventory.moveFailed.no_doses',
  no_second_dose: 'inventory.moveFailed.no_second_dose',
  slot_past: 'inventory.moveFailed.other',
  already_booked: 'inventory.moveFailed.other',
  not_found: 'inventory.moveFailed.other',
  not_eligible: 'inventory.moveFailed.other',
  invitation_required: 'inventory.moveFailed.other',
  wrong_dose: 'inventory.moveFailed.other',
  outside_window: 'inventory.moveFailed.no_second_dose',
};

export const DONE_KEYS: Record<string, InventoryKey> = {
  received: 'inventory.done.received',
  adjusted: 'inventory.done.adjusted',
  wasted: 'inventory.done.wasted',
  transferred: 'inventory.done.transferred',
};

/** A calendar date (YYYY-MM-DD) for people, in their language. */
export function formatCalendarDate(date: string, locale: Locale): string {
  return formatDateTime(Date.parse(`${date}T12:00:00Z`), locale, 'UTC', 'date');
}

/** True when the lot's expiry day has passed in the site's own zone. */
export function isExpired(expiresOn: string | null, timeZone: string, now: number): boolean {
  if (!expiresOn) return false;
  const today = DateTime.fromMillis(now, { zone: timeZone }).toISODate() ?? '';
  return expiresOn < today;
}

/**
 * Notices about a booking that changed after it was confirmed: moved (with an updated calendar entry) or cancelled
 * (with a calendar cancellation). Written to the outbox in the caller's transaction, so a notice goes out exactly
 * when the change commits — never silently, never for a change that rolled back.
 */
import type { Queryable } from '../platform/db/index.js';
import type { ModuleDeps } from '../platform/module.js';
import { notify, scheduleMessage } from '../notifications/index.js';
import * as repo from './repository.js';
import type { ChangeReason } from './schema.js';
import {
  cancelledTemplate,
  changedTemplate,
  confirmationData,
  reminderTemplate,
  type ConfirmationData,
  type NoticeData,
} from './templates.js';

/** The data of a notice about booking `b` as it now stands (slot, site, next held dose). */
async function noticeData(
  deps: ModuleDeps,
  tx: Queryable,
  b: repo.BookingRow,
  o: { reason: ChangeReason; laterDoses: number; nextDoseStart: number | null },
): Promise<{ data: NoticeData; contactId: string } | null> {
  const person = await tx
    .selectFrom('people')
    .select(['given_name_enc', 'contact_id'])
    .where('id', '=', b.person_id)
    .executeTakeFirst();
  const contactId = b.contact_id ?? person?.contact_id ?? null;
  if (!person || !contactId) return null;
  const [slot, site, program, product] = await Promise.all([
    repo.findSlot(tx, b.slot_id),
    tx
      .selectFrom('sites')
      .select(['name', 'address', 'postal_code', 'time_zone'])
      .where('id', '=', b.site_id)
      .executeTakeFirst(),
    repo.findProgram(tx, b.program_id),
    repo.findProduct(tx, b.product_id),
  ]);
  if (!slot || !site || !program || !product) return null;
  const base = confirmationData(deps, {
    booking: b,
    slot,
    site,
    program,
    product,
    held: [],
    personName: deps.cipher.decrypt(person.given_name_enc, 'person.given_name'),
  });
  return {
    contactId,
    data: {
      ...base,
      bookUrl: `${deps.config.publicUrl}/book`,
      secondDoseStart: o.nextDoseStart,
      reason: o.reason,
      laterDoses: o.laterDoses,
    },
  };
}

/** Tell the person their booking moved (new time/site, same code; calendar entry updated by UID + SEQUENCE). */
export async function sendChangedNotice(
  deps: ModuleDeps,
  tx: Queryable,
  b: repo.BookingRow,
  o: { reason: ChangeReason; laterDoses: number; nextDoseStart: number | null },
): Promise<NoticeData | null> {
  const n = await noticeData(deps, tx, b, o);
  if (!n) return null;
  await notify(deps, tx, { contactId: n.contactId }, changedTemplate, n.data, {
    idempotencyKey: `booking:${b.id}:changed:${b.revision}`,
  });
  return n.data;
}

/** Tell the person their booking is cancelled, why, and that held later doses were released. */
export async function sendCancelledNotice(
  deps: ModuleDeps,
  tx: Queryable,
  b: repo.BookingRow,
  o: { reason: ChangeReason; laterDoses: number },
): Promise<void> {
  const n = await noticeData(deps, tx, b, { ...o, nextDoseStart: null });
  if (!n) return;
  await notify(deps, tx, { contactId: n.contactId }, cancelledTemplate, n.data, {
    idempotencyKey: `booking:${b.id}:cancelled`,
  });
}

const DAY = 86_400_000;

/** The reminder the day before a dose (keyed by booking, so a move or cancellation can withdraw it). */
export async function scheduleReminder(
  deps: ModuleDeps,
  tx: Queryable,
  contactId: string,
  data: ConfirmationData,
  booking: { id: string; confirmation_code: string },
  slot: { starts_at: number; ends_at: number } | undefined,
): Promise<void> {
  if (!slot || slot.starts_at - DAY <= deps.now()) return;
  const reminder = {
    ...data,
    bookingId: booking.id,
    code: booking.confirmation_code,
    start: slot.starts_at,
    end: slot.ends_at,
    secondDoseStart: null,
  };
  await scheduleMessage(deps, tx, slot.starts_at - DAY, {
    type: reminderTemplate.type,
    contactId,
    data: reminder,
    key: `booking:${booking.id}:reminder`,
  });
}

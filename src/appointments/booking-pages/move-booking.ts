/**
 * The "move my appointment" button: the core rescheduleBooking (new seat held before the old one is released, in
 * one transaction, which also records the form key's answer), carried out once per form key so a double submit
 * moves once. Refusals come back as outcomes.
 */
import type { AuditActor } from '../../platform/audit/index.js';
import { IdempotencyConflict, withIdempotency, type RecordAnswer } from '../../platform/http/idempotency.js';
import type { ModuleDeps } from '../../platform/module.js';
import { BookingError } from '../errors.js';
import { rescheduleBooking } from '../reschedule-booking.js';

export type MoveOutcome =
  | { kind: 'moved' }
  | { kind: 'taken'; code: 'slot_full' | 'no_doses' | 'no_second_dose' | 'slot_past' }
  | { kind: 'refused' };

function isOutcome(v: unknown): v is MoveOutcome {
  return typeof v === 'object' && v !== null && 'kind' in v && typeof v.kind === 'string';
}

export async function moveBooking(
  deps: ModuleDeps,
  o: { key: string; bookingId: string; slotId: string; channel: 'web' | 'phone'; actor: AuditActor },
): Promise<MoveOutcome> {
  const moved = { status: 200, body: { kind: 'moved' } satisfies MoveOutcome };
  const work = async (record: RecordAnswer): Promise<{ status: number; body: MoveOutcome }> => {
    try {
      await rescheduleBooking(
        { ...deps, actor: o.actor },
        { bookingId: o.bookingId, slotId: o.slotId, channel: o.channel, reason: 'requested' },
        (tx) => record(tx, moved),
      );
      return moved;
    } catch (err) {
      if (!(err instanceof BookingError)) throw err;
      const c = err.code;
      if (c === 'slot_full' || c === 'no_doses' || c === 'no_second_dose' || c === 'slot_past')
        return { status: 409, body: { kind: 'taken', code: c } };
      return { status: 409, body: { kind: 'refused' } };
    }
  };
  try {
    const answer = await withIdempotency(
      deps,
      {
        scope: 'booking-pages-move',
        key: o.key,
        request: { bookingId: o.bookingId, slotId: o.slotId },
        now: deps.now(),
      },
      work,
    );
    return isOutcome(answer.body) ? answer.body : { kind: 'refused' };
  } catch (err) {
    if (err instanceof IdempotencyConflict) return { kind: 'refused' };
    throw err;
  }
}

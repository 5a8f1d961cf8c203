/**
 * The confirm button: book through the core use case, once. The review page's form carries a random key, and
 * the first request with that key is carried out while a second copy (a double click, a reload after a slow
 * answer) gets the same outcome — one booking. The outcome is recorded in the booking's own transaction, encrypted
 * like every idempotent answer (ADR 0020). Refusals come back as outcomes for the pages to explain, never as
 * exceptions.
 */
import type { AuditActor } from '../../platform/audit/index.js';
import { IdempotencyConflict, withIdempotency, type RecordAnswer } from '../../platform/http/idempotency.js';
import type { ModuleDeps } from '../../platform/module.js';
import { bookAppointment, type BookingResult } from '../book-appointment.js';
import { BookingError, type BookingErrorCode } from '../errors.js';
import type { Details } from './schema.js';

export type ConfirmOutcome =
  | { kind: 'booked'; bookingId: string; manageToken: string }
  | { kind: 'taken'; code: 'slot_full' | 'no_doses' | 'no_second_dose' | 'slot_past' }
  | { kind: 'already_booked' }
  | { kind: 'not_eligible' }
  | { kind: 'not_found' }
  /** The details cookie expired and this key was never used: nothing was booked. */
  | { kind: 'no_details' };

type Stored = Exclude<ConfirmOutcome, { kind: 'no_details' }>;

/** Thrown inside the idempotent work so nothing is recorded for the key (nothing was done). */
class NoDetails extends Error {}

function refusal(code: BookingErrorCode): Exclude<Stored, { kind: 'booked' }> {
  switch (code) {
    case 'slot_full':
    case 'no_doses':
    case 'no_second_dose':
    case 'slot_past':
      return { kind: 'taken', code };
    case 'already_booked':
      return { kind: 'already_booked' };
    case 'not_eligible':
      return { kind: 'not_eligible' };
    default:
      return { kind: 'not_found' };
  }
}

function isStored(v: unknown): v is Stored {
  return typeof v === 'object' && v !== null && 'kind' in v && typeof v.kind === 'string';
}

export async function confirmBooking(
  deps: ModuleDeps,
  o: {
    key: string;
    slotId: string;
    productId: string;
    /** Null when the details cookie is gone: a repeat of a request already answered still gets its answer. */
    details: Details | null;
    channel: 'web' | 'phone';
    actor?: AuditActor | undefined;
  },
): Promise<ConfirmOutcome> {
  const details = o.details;
  const booked = (r: BookingResult) => {
    const body: Stored = { kind: 'booked', bookingId: r.id, manageToken: r.manageToken };
    return { status: 201, body };
  };
  const work = async (record: RecordAnswer) => {
    if (!details) throw new NoDetails();
    try {
      const r = await bookAppointment(
        deps,
        {
          slotId: o.slotId,
          productId: o.productId,
          dose: 1,
          person: {
            givenName: details.givenName,
            familyName: details.familyName,
            birthDate: details.birthDate,
            email: details.email,
            phone: details.phone,
            language: details.language,
          },
          channel: o.channel,
          actor: o.actor,
        },
        (tx, result) => record(tx, booked(result)),
      );
      return booked(r);
    } catch (err) {
      if (!(err instanceof BookingError)) throw err;
      return { status: 409, body: refusal(err.code) };
    }
  };
  try {
    const answer = await withIdempotency(
      deps,
      {
        scope: 'booking-pages',
        key: o.key,
        request: { slotId: o.slotId, productId: o.productId, channel: o.channel },
        now: deps.now(),
      },
      work,
    );
    if (!isStored(answer.body)) throw new Error('unexpected stored booking outcome');
    return answer.body;
  } catch (err) {
    if (err instanceof NoDetails) return { kind: 'no_details' };
    // The same form's key with a different seat: the page was tampered with or reused; nothing was booked.
    if (err instanceof IdempotencyConflict) return { kind: 'not_found' };
    throw err;
  }
}

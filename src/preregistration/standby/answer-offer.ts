/**
 * A "YES" (or "SI") to a standby text. The first replies get the held seats: each tries the offer's holds in order
 * and books one with the appointments module's bookHeldSeats, whose conditional write (a hold moves from `held` to
 * `booked` once) decides who got it — never a check in this code. A reply that finds every hold taken, or comes
 * after the window, is told the doses are taken and stays on the list, untouched. Booking records an accepted
 * invitation of kind `standby`, withdraws any other live invitation of the person (its seats go back and matching
 * is asked to offer them again) and marks the person booked, in the booking's transaction; the normal confirmation
 * goes out with the booking.
 */
import { randomUUID } from 'node:crypto';
import type { Locale } from '../../platform/i18n/index.js';
import { generateToken, hashToken } from '../../platform/crypto/index.js';
import { formatDateTime } from '../../platform/i18n/index.js';
import type { Queryable } from '../../platform/db/index.js';
import type { ModuleDeps } from '../../platform/module.js';
import { BookingError, bookHeldSeats, findSeatHold, findSiteById, releaseHold } from '../faces.js';
import { personOf, requestMatching } from '../invitations.js';
import * as prereg from '../repository.js';
import { standbyMessages } from './messages.js';
import * as repo from './repository.js';

/** A YES this long after the text still gets an answer (the "sorry" one when the window has passed). */
const ANSWERS_FOR = 12 * 3_600_000;

class AlreadyAnswered extends Error {}

/** Withdraw a person's other live invitation (its seats released), inside the booking's transaction. */
async function withdrawLive(deps: ModuleDeps, tx: Queryable, registrantId: string) {
  const live = await prereg.findLiveInvitationFor(tx, registrantId);
  if (!live || !(await prereg.settleInvitation(tx, live.id, 'withdrawn', deps.now()))) return;
  for (const o of await prereg.listOffers(tx, live.id)) await releaseHold(deps, tx, o.hold_id);
  await requestMatching(deps, tx, live.program_id, 'release');
}

export type StandbyAnswer = { result: 'booked' | 'late' | 'failed'; language: Locale; reply: string };

/** Answer a YES from these contacts' number; undefined when no standby text went to them lately. */
export async function answerStandby(deps: ModuleDeps, contactIds: string[]): Promise<StandbyAnswer | undefined> {
  const db = deps.db.kysely;
  const now = deps.now();
  const text = await repo.findLatestText(db, contactIds, now - ANSWERS_FOR);
  if (!text) return undefined;
  const offer = await repo.findOffer(db, text.offer_id);
  const registrant = await prereg.findRegistrant(db, text.registrant_id);
  if (!offer || !registrant) return undefined;
  const language = registrant.language;
  const t = standbyMessages.for(language);
  const late = async (): Promise<StandbyAnswer | undefined> => {
    // A YES that cannot be for this offer any more may be for a live invitation (SMS YES): let that handler answer.
    for (const id of contactIds) if (await prereg.findSmsAcceptable(db, id)) return undefined;
    await repo.answerText(db, offer.id, registrant.id, 'late', now);
    return { result: 'late', language, reply: t('sms.late') };
  };
  const booked = async (): Promise<StandbyAnswer> => {
    const site = await findSiteById(db, offer.site_id);
    const zone = site?.time_zone ?? deps.config.agencyTimeZone;
    const arriveBy = formatDateTime(offer.arrive_by, language, zone, 'time');
    return { result: 'booked', language, reply: t('sms.booked', { site: site?.name ?? '', arriveBy }) };
  };
  // A second YES is answered as the first was.
  if (text.status === 'booked') return booked();
  if (text.status !== 'texted') return late();
  if (offer.status !== 'open' || offer.ends_at <= now) return late();
  if (registrant.status !== 'waiting' && registrant.status !== 'invited') return late();

  const person = await personOf(deps, registrant);
  for (const h of await repo.listHolds(db, offer.id)) {
    const hold = await findSeatHold(db, h.hold_id);
    if (hold?.status !== 'held') continue;
    try {
      await bookHeldSeats(deps, {
        holdId: hold.id,
        person,
        channel: 'phone',
        onBooked: async (tx, b) => {
          if (!(await repo.answerText(tx, offer.id, registrant.id, 'booked', now, b.id))) throw new AlreadyAnswered();
          await withdrawLive(deps, tx, registrant.id);
          await prereg.insertInvitation(tx, {
            id: randomUUID(),
            program_id: offer.program_id,
            registrant_id: registrant.id,
            kind: 'standby',
            status: 'accepted',
            // Never sent: the person answered by text. A random hash keeps the column's uniqueness.
            token_hash: hashToken(generateToken(24)),
            failed_checks: 0,
            expires_at: offer.ends_at,
            booking_id: b.id,
            run_id: null,
            created_at: now,
            updated_at: now,
          });
          await prereg.updateRegistrant(tx, registrant.id, { status: 'booked', updated_at: now }, [
            'waiting',
            'invited',
          ]);
        },
      });
      return await booked();
    } catch (err) {
      if (err instanceof AlreadyAnswered) {
        // Two YES from one person at once: the other one booked, or the window closed in between.
        const now2 = await repo.findLatestText(db, [text.contact_id], text.created_at);
        return now2?.status === 'booked' ? booked() : { result: 'late', language, reply: t('sms.late') };
      }
      // Someone else's YES took this hold a moment earlier: try the next.
      if (err instanceof BookingError && err.code === 'not_found') continue;
      if (err instanceof BookingError) return { result: 'failed', language, reply: t('sms.failed') };
      throw err;
    }
  }
  return late();
}

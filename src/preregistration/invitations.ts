/**
 * Answering an invitation. The link is single-use and bound to the person: every answer first checks the birth
 * date against the registration (a blind index; a mismatch books nothing, and after MAX_FAILED mismatches the link
 * is locked). Accepting books exactly the held seats through the appointments module (bookHeldSeats: confirmation,
 * reminders) and marks the invitation accepted in the same transaction; the other offers are released. Declining
 * or expiry releases every held seat at once, puts the person back in the queue behind others for a week, and asks
 * for the next match.
 */
import type { Queryable } from '../platform/db/index.js';
import { hashToken, safeEqual } from '../platform/crypto/index.js';
import { enqueue } from '../platform/jobs/index.js';
import type { ModuleDeps } from '../platform/module.js';
import { BookingError, bookHeldSeats, findSeatHold, loadContact, releaseHold, type SeatHold } from './faces.js';
import { birthDateIndex } from './register.js';
import * as repo from './repository.js';

export const MAX_FAILED = 3;
const WEEK = 7 * 86_400_000;

export type Gone = 'gone' | 'locked' | 'expired';
export interface InvitationView {
  invitation: repo.InvitationRow;
  registrant: repo.RegistrantRow;
  offers: SeatHold[];
}

/** The live invitation behind a link, or why it cannot be used. */
export async function openInvitation(deps: ModuleDeps, token: string): Promise<InvitationView | Gone> {
  const db = deps.db.kysely;
  const invitation = await repo.findInvitationByToken(db, hashToken(token));
  if (!invitation || invitation.status !== 'offered') return 'gone';
  if (invitation.failed_checks >= MAX_FAILED) return 'locked';
  if (invitation.expires_at <= deps.now()) return 'expired';
  const registrant = await repo.findRegistrant(db, invitation.registrant_id);
  if (!registrant) return 'gone';
  const offers: SeatHold[] = [];
  for (const o of await repo.listOffers(db, invitation.id)) {
    const h = await findSeatHold(db, o.hold_id);
    if (h && h.status === 'held') offers.push(h);
  }
  return { invitation, registrant, offers };
}

/** Check the birth date typed against the registration; a mismatch is counted (and locks the link at MAX_FAILED). */
async function checkBirthDate(
  deps: ModuleDeps,
  v: InvitationView,
  birthDate: string,
): Promise<'ok' | 'mismatch' | 'locked'> {
  if (safeEqual(v.registrant.birth_date_index, birthDateIndex(deps.cipher, birthDate))) return 'ok';
  const n = await repo.addFailedCheck(deps.db.kysely, v.invitation.id, deps.now());
  return n >= MAX_FAILED ? 'locked' : 'mismatch';
}

async function requeue(deps: ModuleDeps, tx: Queryable, v: { id: string; registrant_id: string; program_id: string }) {
  const now = deps.now();
  for (const o of await repo.listOffers(tx, v.id)) await releaseHold(deps, tx, o.hold_id);
  await repo.updateRegistrant(
    tx,
    v.registrant_id,
    { status: 'waiting', next_invite_after: now + WEEK, updated_at: now },
    ['invited'],
  );
  await requestMatching(deps, tx, v.program_id, 'release');
}

/** Ask for a matching run of the program soon (one queued per program and minute). */
export async function requestMatching(
  deps: ModuleDeps,
  tx: Queryable,
  programId: string,
  trigger: string,
  siteId?: string,
) {
  const now = deps.now();
  await enqueue(
    tx,
    deps.db.dialect,
    'match-invitations',
    { programId, trigger, ...(siteId ? { siteId } : {}) },
    {
      idempotencyKey: `match-invitations:${programId}:${siteId ?? 'all'}:${Math.floor(now / 60_000)}`,
      now,
    },
  );
}

export type AnswerResult =
  | { ok: true; bookingId: string; manageToken: string; confirmationCode: string }
  | { ok: false; error: Gone | 'mismatch' | 'no_offer' | 'already_booked' | 'not_eligible' };

/** The booking person of a registration (decrypted; the contact only where it takes messages). */
export async function personOf(deps: ModuleDeps, r: repo.RegistrantRow) {
  const contact = r.contact_id ? await loadContact(deps.db.kysely, deps.cipher, r.contact_id) : null;
  return {
    givenName: deps.cipher.decrypt(r.given_name_enc, 'prereg.given_name'),
    familyName: deps.cipher.decrypt(r.family_name_enc, 'prereg.family_name'),
    birthDate: deps.cipher.decrypt(r.birth_date_enc, 'prereg.birth_date'),
    language: r.language,
    ...(contact?.email && contact.channels !== 'none' ? { email: contact.email } : {}),
    ...(contact?.phone && contact.channels !== 'none' ? { phone: contact.phone } : {}),
  };
}

/** Book one held offer (the first when none is named), releasing the others, in one transaction. */
async function book(
  deps: ModuleDeps,
  v: InvitationView,
  holdId: string | undefined,
  channel: 'web' | 'phone',
): Promise<AnswerResult> {
  const chosen = v.offers.find((o) => o.id === holdId) ?? (holdId ? undefined : v.offers[0]);
  if (!chosen) return { ok: false, error: 'no_offer' };
  try {
    const booked = await bookHeldSeats(deps, {
      holdId: chosen.id,
      person: await personOf(deps, v.registrant),
      channel,
      onBooked: async (tx, b) => {
        const now = deps.now();
        if (!(await repo.settleInvitation(tx, v.invitation.id, 'accepted', now, b.id)))
          throw new BookingError('not_found');
        for (const o of v.offers) if (o.id !== chosen.id) await releaseHold(deps, tx, o.id);
        await repo.updateRegistrant(tx, v.registrant.id, { status: 'booked', updated_at: now });
      },
    });
    return {
      ok: true,
      bookingId: booked.id,
      manageToken: booked.manageToken,
      confirmationCode: booked.confirmationCode,
    };
  } catch (err) {
    if (err instanceof BookingError) {
      if (err.code === 'already_booked' || err.code === 'not_eligible') return { ok: false, error: err.code };
      return { ok: false, error: 'gone' };
    }
    throw err;
  }
}

/** Accept (book the held seat) after the birth-date check. */
export async function acceptInvitation(
  deps: ModuleDeps,
  token: string,
  o: { birthDate: string; holdId?: string | undefined },
): Promise<AnswerResult> {
  const v = await openInvitation(deps, token);
  if (typeof v === 'string') return { ok: false, error: v };
  const check = await checkBirthDate(deps, v, o.birthDate);
  if (check !== 'ok') return { ok: false, error: check };
  return book(deps, v, o.holdId, 'web');
}

/** Decline after the birth-date check: seats released at once, the next person invited. */
export async function declineInvitation(
  deps: ModuleDeps,
  token: string,
  o: { birthDate: string },
): Promise<{ ok: true } | { ok: false; error: Gone | 'mismatch' }> {
  const v = await openInvitation(deps, token);
  if (typeof v === 'string') return { ok: false, error: v };
  const check = await checkBirthDate(deps, v, o.birthDate);
  if (check !== 'ok') return { ok: false, error: check };
  const done = await deps.db.kysely.transaction().execute(async (tx) => {
    if (!(await repo.settleInvitation(tx, v.invitation.id, 'declined', deps.now()))) return false;
    await requeue(deps, tx, v.invitation);
    return true;
  });
  return done ? { ok: true } : { ok: false, error: 'gone' };
}

/** Expire invitations past their window: seats released, people requeued, the next match requested. */
export async function expireInvitations(deps: ModuleDeps, limit = 500): Promise<number> {
  const expired = await repo.listExpiredInvitations(deps.db.kysely, deps.now(), limit);
  let n = 0;
  for (const x of expired) {
    const done = await deps.db.kysely.transaction().execute(async (tx) => {
      const inv = await repo.findInvitation(tx, x.id);
      if (!inv || !(await repo.settleInvitation(tx, x.id, 'expired', deps.now()))) return false;
      await requeue(deps, tx, inv);
      return true;
    });
    if (done) n++;
  }
  return n;
}

/**
 * An SMS "YES" (or "SI") from the number an invitation went to accepts its first offer — where the program allows
 * it. The phone number is the binding here: only texts from the person's own number reach this handler.
 */
export async function acceptBySms(
  deps: ModuleDeps,
  contactIds: string[],
): Promise<{ result: 'booked' | 'failed' | 'none'; language: 'en' | 'es' }> {
  for (const contactId of contactIds) {
    const r = await repo.findSmsAcceptable(deps.db.kysely, contactId);
    if (!r) continue;
    const inv = await repo.findInvitation(deps.db.kysely, r.id);
    const registrant = inv ? await repo.findRegistrant(deps.db.kysely, inv.registrant_id) : undefined;
    if (!inv || !registrant) return { result: 'failed', language: 'en' };
    const language = registrant.language;
    if (inv.expires_at <= deps.now()) return { result: 'failed', language };
    const offers: SeatHold[] = [];
    for (const o of await repo.listOffers(deps.db.kysely, inv.id)) {
      const h = await findSeatHold(deps.db.kysely, o.hold_id);
      if (h?.status === 'held') offers.push(h);
    }
    const booked = await book(deps, { invitation: inv, registrant, offers }, undefined, 'phone');
    return { result: booked.ok ? 'booked' : 'failed', language };
  }
  return { result: 'none', language: 'en' };
}

/** Stop a pre-registration (from its status link): a live invitation is declined and its seats released. */
export async function optOut(deps: ModuleDeps, statusToken: string): Promise<boolean> {
  const r = await repo.findRegistrantByAnyStatusToken(deps.db.kysely, hashToken(statusToken));
  if (!r) return false;
  await deps.db.kysely.transaction().execute(async (tx) => {
    const live = await repo.findLiveInvitationFor(tx, r.id);
    if (live && (await repo.settleInvitation(tx, live.id, 'declined', deps.now()))) await requeue(deps, tx, live);
    await repo.updateRegistrant(tx, r.id, { status: 'opted-out', updated_at: deps.now() });
  });
  return true;
}

/**
 * A call agent answers an invitation for a caller (a landline gets no link): the same birth-date check as the link
 * (the caller says it; mismatches count and lock), then accept (book the first held offer, channel phone) or
 * decline (seats released, the next person invited).
 */
export async function answerForCaller(
  deps: ModuleDeps,
  invitationId: string,
  o: { answer: 'accept' | 'decline'; birthDate: string },
): Promise<AnswerResult | { ok: true; declined: true }> {
  const db = deps.db.kysely;
  const invitation = await repo.findInvitation(db, invitationId);
  if (!invitation || invitation.status !== 'offered') return { ok: false, error: 'gone' };
  if (invitation.failed_checks >= MAX_FAILED) return { ok: false, error: 'locked' };
  if (invitation.expires_at <= deps.now()) return { ok: false, error: 'expired' };
  const registrant = await repo.findRegistrant(db, invitation.registrant_id);
  if (!registrant) return { ok: false, error: 'gone' };
  const offers: SeatHold[] = [];
  for (const x of await repo.listOffers(db, invitation.id)) {
    const h = await findSeatHold(db, x.hold_id);
    if (h?.status === 'held') offers.push(h);
  }
  const v = { invitation, registrant, offers };
  const check = await checkBirthDate(deps, v, o.birthDate);
  if (check !== 'ok') return { ok: false, error: check };
  if (o.answer === 'accept') return book(deps, v, undefined, 'phone');
  const done = await db.transaction().execute(async (tx) => {
    if (!(await repo.settleInvitation(tx, invitation.id, 'declined', deps.now()))) return false;
    await requeue(deps, tx, invitation);
    return true;
  });
  return done ? { ok: true, declined: true } : { ok: false, error: 'gone' };
}

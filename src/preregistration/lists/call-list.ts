/**
 * The call list: "call me" people (a landline: no texts, often no e-mail) who have a live invitation — tell them
 * the held seat and answer for them — or who wait and have not been called for a week — tell them the weekly
 * status facts. Names and numbers are decrypted for the call agent, so every view is audited; "called" is a mark
 * with its time, also audited.
 */
import { recordAudit, type AuditActor } from '../../platform/audit/index.js';
import type { ModuleDeps } from '../../platform/module.js';
import { findSeatHold, loadContact } from '../faces.js';
import { answerForCaller } from '../invitations.js';
import * as prereg from '../repository.js';
import * as repo from './repository.js';

const WEEK = 7 * 86_400_000;

export interface CallEntry {
  id: string;
  name: string;
  phone: string;
  language: 'en' | 'es';
  group: { en: string; es: string };
  phaseOpen: boolean;
  /** The live invitation's held seat, or null for a status call. */
  offer: {
    invitationId: string;
    siteName: string;
    address: string;
    timeZone: string;
    startsAt: number;
    until: number;
  } | null;
  calledAt: number | null;
  /** Called since the invitation was made (or within the week, for a status call). */
  called: boolean;
}

/** The held seat of a person's live invitation, if any. */
async function liveOffer(db: ModuleDeps['db']['kysely'], r: { invitation_id: string | null }) {
  if (!r.invitation_id) return null;
  const first = (await prereg.listOffers(db, r.invitation_id))[0];
  const hold = first ? await findSeatHold(db, first.hold_id) : undefined;
  const seat = hold?.status === 'held' ? hold.seats[0] : undefined;
  return hold && seat ? { hold, seat } : null;
}

/**
 * Whether a person of the program's call list may be acted on by someone who may act at these sites: false for an
 * unknown person or one whose live invitation holds a seat at another site (ADR 0019). Reads no personal data.
 */
export async function onCallList(
  deps: ModuleDeps,
  programId: string,
  registrantId: string,
  mayActAt: (siteId: string) => boolean,
): Promise<boolean> {
  const r = (await repo.listCallMe(deps.db.kysely, programId)).find((x) => x.id === registrantId);
  if (!r) return false;
  const live = await liveOffer(deps.db.kysely, r);
  return !live || mayActAt(live.hold.siteId);
}

/**
 * The call list; `mayActAt` leaves out people whose live invitation holds a seat at a site the reader may not act at
 * (people waiting for a status call are not bound to a site).
 */
export async function loadCallList(
  deps: ModuleDeps & { actor: AuditActor },
  programId: string,
  o: { only?: string; mayActAt?: (siteId: string) => boolean } = {},
): Promise<CallEntry[]> {
  const db = deps.db.kysely;
  const now = deps.now();
  const groups = new Map((await prereg.listGroups(db, programId)).map((g) => [g.id, g]));
  const phases = new Map((await prereg.listPhases(db, programId)).map((p) => [p.id, p]));
  const sites = new Map((await prereg.listSites(db)).map((s) => [s.id, s]));
  const out: CallEntry[] = [];
  for (const r of await repo.listCallMe(db, programId)) {
    if (o.only && r.id !== o.only) continue;
    const live = await liveOffer(db, r);
    const site = live ? sites.get(live.hold.siteId) : undefined;
    // A held seat at a site the reader may not act at: the person is not on their list (ADR 0019).
    if (live && !(o.mayActAt?.(live.hold.siteId) ?? true)) continue;
    const offer: CallEntry['offer'] =
      live && site && r.invitation_id
        ? {
            invitationId: r.invitation_id,
            siteName: site.name,
            address: `${site.address} ${site.postal_code}`,
            timeZone: site.time_zone,
            startsAt: live.seat.startsAt,
            until: r.expires_at ?? live.hold.expiresAt,
          }
        : null;
    const called = offer ? (r.called_at ?? 0) >= (r.invited_at ?? 0) : (r.called_at ?? 0) >= now - WEEK;
    // A status call is needed once a week; an invitation call until it is answered.
    if (!offer && called && !o.only) continue;
    const g = groups.get(r.group_id);
    const ph = g ? phases.get(g.phase_id) : undefined;
    const contact = r.contact_id ? await loadContact(db, deps.cipher, r.contact_id) : null;
    out.push({
      id: r.id,
      name: `${deps.cipher.decrypt(r.given_name_enc, 'prereg.given_name')} ${deps.cipher.decrypt(r.family_name_enc, 'prereg.family_name')}`,
      phone: contact?.phone ?? '',
      language: r.language,
      group: { en: g?.name_en ?? '', es: g?.name_es ?? '' },
      phaseOpen: ph?.status === 'open',
      offer,
      calledAt: r.called_at ?? null,
      called,
    });
  }
  // Live invitations first (they expire), then status calls.
  out.sort((a, b) => (a.offer ? 0 : 1) - (b.offer ? 0 : 1));
  await recordAudit(
    db,
    deps.actor,
    {
      action: 'preregistration.call-list.viewed',
      subjectType: 'program',
      subjectId: programId,
      details: { people: out.length },
    },
    now,
  );
  return out;
}

/** Mark a person called now (audited). */
export async function markCalled(
  deps: ModuleDeps & { actor: AuditActor },
  programId: string,
  registrantId: string,
): Promise<boolean> {
  const now = deps.now();
  return deps.db.kysely.transaction().execute(async (tx) => {
    if (!(await repo.setCalled(tx, programId, registrantId, now))) return false;
    await recordAudit(
      tx,
      deps.actor,
      { action: 'preregistration.call-list.called', subjectType: 'registrant', subjectId: registrantId },
      now,
    );
    return true;
  });
}

/** Answer a caller's invitation for them (after the birth-date check), audited with the outcome. */
export async function answerCall(
  deps: ModuleDeps & { actor: AuditActor },
  programId: string,
  registrantId: string,
  o: { answer: 'accept' | 'decline'; birthDate: string },
) {
  const [entry] = await repo
    .listCallMe(deps.db.kysely, programId)
    .then((rows) => rows.filter((r) => r.id === registrantId));
  if (!entry?.invitation_id) return { ok: false as const, error: 'gone' as const };
  const r = await answerForCaller(deps, entry.invitation_id, o);
  await recordAudit(
    deps.db.kysely,
    deps.actor,
    {
      action: 'preregistration.invitation.answered-for-caller',
      subjectType: 'registrant',
      subjectId: registrantId,
      details: { answer: o.answer, outcome: r.ok ? 'ok' : r.error },
    },
    deps.now(),
  );
  return r;
}

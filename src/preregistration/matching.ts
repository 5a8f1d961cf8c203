/**
 * The matching run: when seats exist (open slots with free seats and doses on hand), invite waiting people in the
 * documented fair order (docs/decisions/0009-fair-invitations.md) — open phases first (earlier phase first), then the
 * ZIP equity weight (higher first; 1 when none is uploaded), then registration time (earlier first) — each to the
 * soonest seat that meets their constraints: within their travel distance, at a site with the accessibility features
 * and language they need, at a time they can make, preferred sites first. Each invitation HOLDS its seats (the
 * appointments module's seat holds) and goes to the outbox with its message, in batches of one transaction each.
 *
 * At state scale (a million waiting, a hundred thousand seats) the run is set-based: people are read in the fair
 * order a page at a time straight from SQL and the reading stops when the seats run out; seats are assigned in
 * memory (each site's slots in time order); then each batch claims its people (one UPDATE … RETURNING), holds their
 * seats (one conditional UPDATE per slot and per site, with a one-at-a-time fallback), writes invitations and offers
 * in multi-row statements, and queues one durable job that composes the batch's messages (invitation-messages.ts).
 */
import { randomUUID } from 'node:crypto';
import { DateTime } from 'luxon';
import type { ModuleDeps } from '../platform/module.js';
import { hashToken } from '../platform/crypto/index.js';
import { enqueue } from '../platform/jobs/index.js';
import { holdSeatsMany } from './faces.js';
import { invitationToken, SEND_INVITATION_MESSAGES } from './invitation-messages.js';
import { miles, zipCentroid } from './distance.js';
import { listOf } from './eligibility.js';
import { loadEligibility } from './manage-eligibility.js';
import * as repo from './repository.js';
import { openNeeds } from './sealed-needs.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export interface MatchingResult {
  runId: string | null;
  candidates: number;
  invited: number;
  note: string | null;
}

interface Site {
  id: string;
  zone: string;
  at: { lat: number; lon: number } | null;
  features: Set<string>;
  languages: Set<string>;
  dosesLeft: number;
  slots: { id: string; startsAt: number; endsAt: number; free: number; period: string }[];
  next: number;
}

function periodOf(startsAt: number, zone: string): string {
  const t = DateTime.fromMillis(startsAt, { zone });
  if (t.weekday >= 6) return 'weekend';
  return t.hour < 12 ? 'weekday-am' : 'weekday-pm';
}

async function loadSites(
  deps: ModuleDeps,
  programId: string,
  productId: string,
  doses: number,
  from: number,
  to: number,
  onlySite: string | undefined,
) {
  const db = deps.db.kysely;
  const [seats, inventory] = await Promise.all([
    repo.listOpenSeats(db, programId, from, to, onlySite),
    repo.freeDoses(db, productId),
  ]);
  const left = new Map(inventory.map((i) => [i.site_id, i.on_hand - i.reserved]));
  const out = new Map<string, Site>();
  for (const seat of seats) {
    let site = out.get(seat.site_id);
    if (!site) {
      site = {
        id: seat.site_id,
        zone: seat.time_zone,
        at:
          seat.latitude !== null && seat.longitude !== null
            ? { lat: seat.latitude, lon: seat.longitude }
            : zipCentroid(seat.postal_code),
        features: new Set(listOf(seat.accessibility)),
        languages: new Set(listOf(seat.languages)),
        dosesLeft: Math.floor((left.get(seat.site_id) ?? 0) / doses),
        slots: [],
        next: 0,
      };
      out.set(seat.site_id, site);
    }
    site.slots.push({
      id: seat.id,
      startsAt: seat.starts_at,
      endsAt: seat.starts_at,
      free: seat.capacity - seat.booked,
      period: periodOf(seat.starts_at, seat.time_zone),
    });
  }
  return [...out.values()].filter((s) => s.dosesLeft > 0);
}

/** A candidate in the fair order, with the needs decrypted. */
type Person = ReturnType<typeof openNeeds<repo.CandidateRow>>;

/** The soonest seat for this person, or null. */
function seatFor(p: Person, sites: Site[], near: (zip: string, s: Site, max: number) => boolean) {
  const needs = listOf(p.needs);
  const unavailable = new Set(listOf(p.unavailable));
  const preferred = new Set(listOf(p.preferred_sites));
  let best: { site: Site; index: number; startsAt: number; preferred: boolean } | null = null;
  for (const site of sites) {
    if (site.dosesLeft <= 0) continue;
    if (p.language_need && !site.languages.has(p.language_need)) continue;
    if (needs.some((n) => !site.features.has(n))) continue;
    if (!near(p.zip, site, p.max_miles)) continue;
    while (site.next < site.slots.length && (site.slots[site.next]?.free ?? 0) <= 0) site.next++;
    for (let i = site.next; i < site.slots.length; i++) {
      const slot = site.slots[i];
      if (!slot || slot.free <= 0 || unavailable.has(slot.period)) continue;
      const isPreferred = preferred.has(site.id);
      if (
        !best ||
        (isPreferred && !best.preferred) ||
        (isPreferred === best.preferred && slot.startsAt < best.startsAt)
      )
        best = { site, index: i, startsAt: slot.startsAt, preferred: isPreferred };
      break;
    }
  }
  return best;
}

export interface MatchingOptions {
  programId: string;
  /** Why it ran (schedule, manual, expiry, bench…), kept with the run. */
  trigger: string;
  /** At most this many invitations in this run (staff "invite now"). */
  limit?: number;
  /** Invite only for this site's seats (staff "invite now" for a site's new capacity). */
  siteId?: string;
  /** People claimed and invited per transaction (default 500). */
  batchSize?: number;
  /** People read per query (default: twice the seats left, between 1,000 and 50,000). */
  pageSize?: number;
}

/** Run matching for one program now. */
export async function runMatching(deps: ModuleDeps, o: MatchingOptions): Promise<MatchingResult> {
  const db = deps.db.kysely;
  const now = deps.now();
  const e = await loadEligibility(db, o.programId);
  const program = await repo.findProgram(db, o.programId);
  const product = (await repo.listProducts(db, o.programId)).find((p) => p.id === e?.settings.product_id);
  if (!e || !program || !product) return { runId: null, candidates: 0, invited: 0, note: 'not set up' };
  const runId = randomUUID();
  await repo.insertRun(db, {
    id: runId,
    program_id: o.programId,
    trigger: o.trigger,
    started_at: now,
    finished_at: null,
    candidates: 0,
    invited: 0,
    note: null,
  });
  const finish = async (candidates: number, invited: number, note: string | null) => {
    await repo.finishRun(db, runId, { finished_at: deps.now(), candidates, invited, note });
    return { runId, candidates, invited, note };
  };

  if (!e.phases.some((p) => p.status === 'open')) return finish(0, 0, 'no open phase');
  const sites = await loadSites(
    deps,
    o.programId,
    product.id,
    product.doses,
    now + HOUR,
    now + e.settings.horizon_days * DAY,
    o.siteId,
  );
  let seatsLeft = sites.reduce(
    (n, s) =>
      n +
      Math.min(
        s.dosesLeft,
        s.slots.reduce((m, x) => m + x.free, 0),
      ),
    0,
  );
  if (seatsLeft === 0) return finish(0, 0, 'no seats');

  // Which sites are within reach of a ZIP, cached per ZIP and distance.
  const reach = new Map<string, boolean>();
  const near = (zip: string, site: Site, max: number) => {
    const key = `${zip}|${site.id}|${max}`;
    let ok = reach.get(key);
    if (ok === undefined) {
      const from = zipCentroid(zip);
      ok = !from || !site.at ? true : miles(from, site.at) <= max;
      reach.set(key, ok);
    }
    return ok;
  };

  // People in the fair order, a page at a time, until the seats (or the run's limit) run out.
  const limit = o.limit ?? Number.POSITIVE_INFINITY;
  const assignments: { person: Person; site: Site; slotId: string; startsAt: number }[] = [];
  let candidates = 0;
  let after: repo.CandidateKey | null = null;
  while (assignments.length < limit && seatsLeft > 0) {
    const pageSize =
      o.pageSize ?? Math.max(1000, Math.min(50_000, 2 * Math.min(seatsLeft, limit - assignments.length)));
    const page: Person[] = (await repo.listCandidates(db, o.programId, now, after, pageSize)).map((r) =>
      openNeeds(deps.cipher, r),
    );
    for (const person of page) {
      if (assignments.length >= limit || seatsLeft <= 0) break;
      candidates++;
      const seat = seatFor(person, sites, near);
      const slot = seat?.site.slots[seat.index];
      if (!seat || !slot) continue;
      slot.free--;
      seat.site.dosesLeft--;
      seatsLeft--;
      assignments.push({ person, site: seat.site, slotId: slot.id, startsAt: slot.startsAt });
    }
    const last = page.at(-1);
    if (!last || page.length < pageSize) break;
    after = { rank: last.rank, weight: Number(last.weight), at: Number(last.registered_at), id: last.id };
  }

  let invited = 0;
  const batch = o.batchSize ?? 500;
  for (let i = 0; i < assignments.length; i += batch) {
    invited += await db.transaction().execute(async (tx) => {
      const chunk = assignments.slice(i, i + batch);
      // Claim the people first: whoever opted out or was invited meanwhile is left alone.
      const claimed = await repo.markInvited(
        tx,
        chunk.map((a) => a.person.id),
        now,
      );
      const mine = chunk.filter((a) => claimed.has(a.person.id));
      const expiry = (a: (typeof mine)[number]) => Math.min(now + e.settings.hold_hours * HOUR, a.startsAt - HOUR);
      const holds = await holdSeatsMany(deps, tx, {
        productId: product.id,
        purpose: 'invitation',
        seats: mine.map((a) => ({ slotId: a.slotId, expiresAt: expiry(a) })),
      });
      await repo.unmarkInvited(
        tx,
        mine.filter((_, k) => !holds[k]).map((a) => a.person.id),
        now,
      );
      const invitations: repo.PreregInvitationsTable[] = [];
      const offers: repo.PreregOffersTable[] = [];
      mine.forEach((a, k) => {
        const hold = holds[k];
        if (!hold) return;
        const id = randomUUID();
        invitations.push({
          id,
          program_id: o.programId,
          registrant_id: a.person.id,
          kind: a.startsAt - now <= 72 * HOUR ? 'backfill' : o.trigger === 'manual' ? 'manual' : 'match',
          status: 'offered',
          token_hash: hashToken(invitationToken(deps, id)),
          failed_checks: 0,
          expires_at: hold.expiresAt,
          booking_id: null,
          run_id: runId,
          created_at: now,
          updated_at: now,
        });
        offers.push({ invitation_id: id, position: 1, hold_id: hold.id });
      });
      await repo.insertInvitationsMany(tx, invitations, offers);
      if (invitations.length > 0)
        await enqueue(
          tx,
          deps.db.dialect,
          SEND_INVITATION_MESSAGES,
          { invitationIds: invitations.map((x) => x.id) },
          { idempotencyKey: `prereg:invitation-messages:${runId}:${i}`, now, maxAttempts: 12 },
        );
      return invitations.length;
    });
  }
  return finish(candidates, invited, null);
}

/**
 * The matching run: when seats exist (open slots with free seats and doses on hand), invite waiting people in the
 * documented fair order (docs/decisions/0009-fair-invitations.md) — open phases first (earlier phase first), then the
 * ZIP equity weight (higher first; 1 when none is uploaded), then registration time (earlier first) — each to the
 * soonest seat that meets their constraints: within their travel distance, at a site with the accessibility features
 * and language they need, at a time they can make, preferred sites first. Each invitation HOLDS its seats (the
 * appointments module's seat holds) and goes to the outbox with its message, in batches of one transaction each.
 */
import { randomUUID } from 'node:crypto';
import { DateTime } from 'luxon';
import type { ModuleDeps } from '../platform/module.js';
import { generateToken, hashToken } from '../platform/crypto/index.js';
import { notify } from '../notifications/index.js';
import { releaseHold, tryHoldSeats } from '../appointments/index.js';
import { miles, zipCentroid } from './distance.js';
import { listOf } from './eligibility.js';
import { loadEligibility } from './manage-eligibility.js';
import * as repo from './repository.js';
import { preregInvitationTemplate } from './templates.js';

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
  name: string;
  address: string;
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
) {
  const db = deps.db.kysely;
  const [seats, inventory, sites] = await Promise.all([
    repo.listOpenSeats(db, programId, from, to),
    repo.freeDoses(db, productId),
    repo.listSites(db),
  ]);
  const info = new Map(sites.map((s) => [s.id, s]));
  const left = new Map(inventory.map((i) => [i.site_id, i.on_hand - i.reserved]));
  const out = new Map<string, Site>();
  for (const seat of seats) {
    let site = out.get(seat.site_id);
    if (!site) {
      const i = info.get(seat.site_id);
      site = {
        id: seat.site_id,
        name: i?.name ?? '',
        address: `${i?.address ?? ''} ${seat.postal_code}`,
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

/** The soonest seat for this person, or null. */
function seatFor(p: repo.WaitingRow, sites: Site[], near: (zip: string, s: Site, max: number) => boolean) {
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

/** Run matching for one program now. `limit` caps the invitations of this run (manual "invite now"). */
export async function runMatching(
  deps: ModuleDeps,
  o: { programId: string; trigger: string; limit?: number; batchSize?: number },
): Promise<MatchingResult> {
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

  const phaseRank = new Map(e.phases.filter((p) => p.status === 'open').map((p) => [p.id, p.position]));
  const groupRank = new Map<string, number>();
  for (const g of e.groups) {
    const rank = phaseRank.get(g.phase_id);
    if (rank !== undefined) groupRank.set(g.id, rank);
  }
  if (groupRank.size === 0) return finish(0, 0, 'no open phase');
  const sites = await loadSites(
    deps,
    o.programId,
    product.id,
    product.doses,
    now + HOUR,
    now + e.settings.horizon_days * DAY,
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

  // Candidates in the fair order.
  const weights = new Map((await repo.listZipWeights(db, o.programId)).map((w) => [w.zip, w.weight]));
  const people: repo.WaitingRow[] = [];
  let after: { at: number; id: string } | null = null;
  for (;;) {
    const page = await repo.listWaiting(db, o.programId, [...groupRank.keys()], after, 20_000, now);
    people.push(...page);
    const last = page.at(-1);
    if (!last || page.length < 20_000) break;
    after = { at: last.registered_at, id: last.id };
  }
  const weightOf = (zip: string) => weights.get(zip) ?? 1;
  people.sort(
    (a, b) =>
      (groupRank.get(a.group_id) ?? 0) - (groupRank.get(b.group_id) ?? 0) ||
      weightOf(b.zip) - weightOf(a.zip) ||
      a.registered_at - b.registered_at ||
      (a.id < b.id ? -1 : 1),
  );

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

  const limit = o.limit ?? Number.POSITIVE_INFINITY;
  const assignments: { person: repo.WaitingRow; site: Site; slotId: string; startsAt: number }[] = [];
  for (const person of people) {
    if (assignments.length >= limit || seatsLeft <= 0) break;
    const seat = seatFor(person, sites, near);
    if (!seat) continue;
    const slot = seat.site.slots[seat.index];
    if (!slot) continue;
    slot.free--;
    seat.site.dosesLeft--;
    seatsLeft--;
    assignments.push({ person, site: seat.site, slotId: slot.id, startsAt: slot.startsAt });
  }

  let invited = 0;
  const batch = o.batchSize ?? 250;
  for (let i = 0; i < assignments.length; i += batch) {
    invited += await db.transaction().execute(async (tx) => {
      let n = 0;
      for (const a of assignments.slice(i, i + batch)) {
        const expiresAt = Math.min(now + e.settings.hold_hours * HOUR, a.startsAt - HOUR);
        const hold = await tryHoldSeats(deps, tx, {
          slotId: a.slotId,
          productId: product.id,
          expiresAt,
          purpose: 'invitation',
        });
        if (!hold) continue;
        if (!(await repo.updateRegistrant(tx, a.person.id, { status: 'invited', updated_at: now }, ['waiting']))) {
          await releaseHold(deps, tx, hold.id);
          continue;
        }
        const token = generateToken(24);
        const id = randomUUID();
        const kind = a.startsAt - now <= 72 * HOUR ? 'backfill' : o.trigger === 'manual' ? 'manual' : 'match';
        await repo.insertInvitation(tx, {
          id,
          program_id: o.programId,
          registrant_id: a.person.id,
          kind,
          status: 'offered',
          token_hash: hashToken(token),
          failed_checks: 0,
          expires_at: expiresAt,
          booking_id: null,
          run_id: runId,
          created_at: now,
          updated_at: now,
        });
        await repo.insertOffer(tx, { invitation_id: id, position: 1, hold_id: hold.id });
        if (a.person.contact_id)
          await notify(
            deps,
            tx,
            { contactId: a.person.contact_id },
            preregInvitationTemplate,
            {
              name: deps.cipher.decrypt(a.person.given_name_enc, 'prereg.given_name'),
              program: { en: program.name_en, es: program.name_es },
              site: { name: a.site.name, address: a.site.address, timeZone: a.site.zone },
              start: a.startsAt,
              expiresAt,
              url: `${deps.config.publicUrl}/invite/${token}`,
              smsYes: e.settings.sms_yes === 1,
            },
            { idempotencyKey: `prereg:invitation:${id}` },
          );
        n++;
      }
      return n;
    });
  }
  return finish(people.length, invited, null);
}

/**
 * Who is texted about leftover doses: waiting people who said they can come on short notice, in an open phase, who
 * live within their own travel distance of the site, whose needs the site meets and who can make that time of
 * day — and whose number takes texts (no STOP, not a landline). Order: open phases first (earlier phase first), then
 * nearest (whole miles), then the ZIP equity weight, then registration time: the fair order, with distance moved
 * up because the dose is today (docs/decisions/0016-same-day-standby.md). One text per phone number per offer.
 */
import { DateTime } from 'luxon';
import type { Queryable } from '../../platform/db/index.js';
import type { ModuleDeps } from '../../platform/module.js';
import { miles, zipCentroid } from '../distance.js';
import { listOf } from '../eligibility.js';
import { loadContact } from '../faces.js';
import type { Eligibility } from '../eligibility.js';
import * as prereg from '../repository.js';
import * as repo from './repository.js';
import { openNeeds } from '../sealed-needs.js';

export interface StandbySite {
  id: string;
  postalCode: string;
  latitude: number | null;
  longitude: number | null;
  zone: string;
  features: string[];
  languages: string[];
}

export interface Candidate {
  row: ReturnType<typeof openNeeds<repo.CandidateRow>>;
  contactId: string;
}

function periodOf(at: number, zone: string): string {
  const t = DateTime.fromMillis(at, { zone });
  if (t.weekday >= 6) return 'weekend';
  return t.hour < 12 ? 'weekday-am' : 'weekday-pm';
}

/** Up to `limit` people to text, best first. */
export async function chooseCandidates(
  deps: Pick<ModuleDeps, 'cipher'>,
  db: Queryable,
  o: { eligibility: Eligibility; site: StandbySite; arriveBy: number; limit: number },
): Promise<Candidate[]> {
  const e = o.eligibility;
  const phaseRank = new Map(e.phases.filter((p) => p.status === 'open').map((p) => [p.id, p.position]));
  const groupRank = new Map<string, number>();
  for (const g of e.groups) {
    const rank = phaseRank.get(g.phase_id);
    if (rank !== undefined) groupRank.set(g.id, rank);
  }
  if (groupRank.size === 0 || o.limit <= 0) return [];
  const siteAt =
    o.site.latitude !== null && o.site.longitude !== null
      ? { lat: o.site.latitude, lon: o.site.longitude }
      : zipCentroid(o.site.postalCode);
  const features = new Set(o.site.features);
  const languages = new Set(o.site.languages);
  const period = periodOf(o.arriveBy, o.site.zone);
  const weights = new Map((await prereg.listZipWeights(db, e.settings.program_id)).map((w) => [w.zip, w.weight]));

  const people = (await repo.listStandbyCandidates(db, e.settings.program_id, [...groupRank.keys()]))
    .map((sealed) => {
      const row = openNeeds(deps.cipher, sealed);
      const from = zipCentroid(row.zip);
      // An unknown place is not excluded (as in matching) but comes after everyone whose distance is known.
      const distance = from && siteAt ? miles(from, siteAt) : Number.POSITIVE_INFINITY;
      return { row, distance };
    })
    .filter(({ row, distance }) => {
      if (Number.isFinite(distance) && distance > row.max_miles) return false;
      if (row.language_need && !languages.has(row.language_need)) return false;
      if (listOf(row.needs).some((n) => !features.has(n))) return false;
      return !listOf(row.unavailable).includes(period);
    })
    .sort(
      (a, b) =>
        (groupRank.get(a.row.group_id) ?? 0) - (groupRank.get(b.row.group_id) ?? 0) ||
        Math.ceil(a.distance) - Math.ceil(b.distance) ||
        (weights.get(b.row.zip) ?? 1) - (weights.get(a.row.zip) ?? 1) ||
        a.row.registered_at - b.row.registered_at ||
        (a.row.id < b.row.id ? -1 : 1),
    );

  const out: Candidate[] = [];
  const seen = new Set<string>();
  for (const { row } of people) {
    if (out.length >= o.limit) break;
    const contactId = row.contact_id;
    if (!contactId || seen.has(contactId)) continue;
    const contact = await loadContact(db, deps.cipher, contactId);
    // Texts only: a number that said STOP, a landline ("call me") or e-mail only is never texted.
    const texts = contact?.phone && (contact.channels === 'sms' || contact.channels === 'both');
    if (!contact || !texts || contact.smsStoppedAt !== null) continue;
    seen.add(contactId);
    out.push({ row, contactId });
  }
  return out;
}

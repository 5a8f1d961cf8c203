/**
 * What the status page tells a registrant: honest facts only (their group, whether its phase is open, how many in
 * the group were invited in the last 7 days) — never an invented date.
 */
import { hashToken } from '../platform/crypto/index.js';
import type { Queryable } from '../platform/db/index.js';
import * as repo from './repository.js';

const WEEK = 7 * 86_400_000;

export interface StatusFacts {
  status: repo.RegistrantStatus;
  program: { en: string; es: string };
  group: { en: string; es: string };
  phase: { en: string; es: string; open: boolean };
  invitedThisWeek: number;
}

/** The facts of the registration a status token opens, or null for an unknown token. */
export async function statusFacts(db: Queryable, token: string, now: number): Promise<StatusFacts | null> {
  const r = await repo.findRegistrantByAnyStatusToken(db, hashToken(token));
  if (!r) return null;
  const program = await repo.findProgram(db, r.program_id);
  const group = (await repo.listGroups(db, r.program_id)).find((g) => g.id === r.group_id);
  const phase = group && (await repo.listPhases(db, r.program_id)).find((p) => p.id === group.phase_id);
  if (!program || !group || !phase) return null;
  return {
    status: r.status,
    program: { en: program.name_en, es: program.name_es },
    group: { en: group.name_en, es: group.name_es },
    phase: { en: phase.name_en, es: phase.name_es, open: phase.status === 'open' },
    invitedThisWeek: await repo.countGroupInvitedSince(db, r.group_id, now - WEEK),
  };
}

/** Programs that take pre-registrations (active, with eligibility set up). */
export async function preregPrograms(db: Queryable) {
  const set = new Set((await repo.listSettings(db)).map((s) => s.program_id));
  return (await repo.listPrograms(db)).filter((p) => set.has(p.id));
}

/** Names and places of the sites (to show held seats in the site's zone). */
export async function siteDirectory(db: Queryable) {
  return new Map((await repo.listSites(db)).map((s) => [s.id, s]));
}

/**
 * Who is eligible, and when: a program's structured rules (age on a reference date, residence by ZIP or county,
 * priority groups — by age or a self-attested question — belonging to phases that staff open and close). The
 * screener's answer is "now" (a group of an open phase), "later" (the earliest phase with a group the person is
 * in, not open yet) or "not" (with the reason), so the page can say what to do next.
 */
import { ageOn } from './age.js';
import type * as repo from './repository.js';

export interface Eligibility {
  settings: repo.SettingsRow;
  phases: repo.PhaseRow[];
  groups: repo.GroupRow[];
}

export interface ScreenAnswers {
  birthDate: string;
  zip: string;
  county?: string | undefined;
  /** Ids of the groups whose question the person answered "yes". */
  yes: string[];
}

export type ScreenResult =
  | { kind: 'now' | 'later'; group: repo.GroupRow; phase: repo.PhaseRow }
  | { kind: 'not'; reason: 'age' | 'residence' | 'no_group' };

export const listOf = (json: string): string[] => {
  const v: unknown = JSON.parse(json);
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
};

function residesIn(e: Eligibility, a: ScreenAnswers): boolean {
  const zips = listOf(e.settings.zips);
  const counties = listOf(e.settings.counties).map((c) => c.toLowerCase());
  if (zips.length === 0 && counties.length === 0) return true;
  if (zips.includes(a.zip.slice(0, 5))) return true;
  return a.county !== undefined && counties.includes(a.county.trim().toLowerCase());
}

/** The screener's answer for these answers. */
export function screen(e: Eligibility, a: ScreenAnswers): ScreenResult {
  const age = ageOn(a.birthDate, e.settings.reference_date);
  if (age < e.settings.min_age) return { kind: 'not', reason: 'age' };
  if (!residesIn(e, a)) return { kind: 'not', reason: 'residence' };
  const phaseOf = new Map(e.phases.map((p) => [p.id, p]));
  const candidates = e.groups
    .filter((g) => (g.min_age === null || age >= g.min_age) && (g.question_en === '' || a.yes.includes(g.id)))
    .map((g) => ({ g, p: phaseOf.get(g.phase_id) }))
    .filter((x): x is { g: repo.GroupRow; p: repo.PhaseRow } => x.p !== undefined)
    .sort((x, y) => x.p.position - y.p.position || x.g.position - y.g.position);
  const open = candidates.find((x) => x.p.status === 'open');
  if (open) return { kind: 'now', group: open.g, phase: open.p };
  const first = candidates[0];
  if (first) return { kind: 'later', group: first.g, phase: first.p };
  return { kind: 'not', reason: 'no_group' };
}

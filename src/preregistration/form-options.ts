/**
 * What the screener and the registration form offer besides the program's questions: the counties its rules accept
 * (asked only when there are some) and the active sites that offer the program (the optional preferred sites).
 */
import type { Queryable } from '../platform/db/index.js';
import { listOf, type Eligibility } from './eligibility.js';
import * as repo from './repository.js';

export interface FormOptions {
  counties: string[];
  sites: repo.ProgramSiteRow[];
}

export async function formOptions(db: Queryable, e: Eligibility, now: number): Promise<FormOptions> {
  const today = new Date(now).toISOString().slice(0, 10);
  return {
    counties: listOf(e.settings.counties),
    sites: await repo.listProgramSites(db, e.settings.program_id, now, today),
  };
}

/** Keep only the chosen sites the program offers now (a stale or forged id is dropped, not an error). */
export async function offeredSiteIds(db: Queryable, programId: string, chosen: string[], now: number) {
  if (chosen.length === 0) return [];
  const today = new Date(now).toISOString().slice(0, 10);
  const offered = new Set((await repo.listProgramSites(db, programId, now, today)).map((s) => s.id));
  return [...new Set(chosen)].filter((id) => offered.has(id));
}

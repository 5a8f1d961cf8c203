/** The staff dashboard's figures: registrants by phase, group, ZIP, language and status; invitations; recent runs. */
import type { Queryable } from '../platform/db/index.js';
import * as repo from './repository.js';

export interface Dashboard {
  phases: (repo.PhaseRow & { count: number })[];
  groups: (repo.GroupRow & { count: number })[];
  languages: { language: string; count: number }[];
  /** Most registrants first. */
  zips: { zip: string; count: number }[];
  statuses: { status: repo.RegistrantStatus; count: number }[];
  invitations: { status: repo.InvitationStatus; count: number }[];
  runs: repo.RunRow[];
}

export async function loadDashboard(db: Queryable, programId: string): Promise<Dashboard> {
  const byGroup = new Map(
    (await repo.countRegistrantsBy(db, programId, 'group_id')).map((r) => [r.group_id, Number(r.n)]),
  );
  const groups = (await repo.listGroups(db, programId)).map((g) => ({ ...g, count: byGroup.get(g.id) ?? 0 }));
  const phases = (await repo.listPhases(db, programId)).map((p) => ({
    ...p,
    count: groups.filter((g) => g.phase_id === p.id).reduce((s, g) => s + g.count, 0),
  }));
  return {
    phases,
    groups,
    languages: (await repo.countRegistrantsBy(db, programId, 'language')).map((r) => ({
      language: r.language,
      count: Number(r.n),
    })),
    zips: (await repo.countRegistrantsBy(db, programId, 'zip'))
      .map((r) => ({ zip: r.zip, count: Number(r.n) }))
      .sort((a, b) => b.count - a.count || a.zip.localeCompare(b.zip)),
    statuses: (await repo.countRegistrantsBy(db, programId, 'status')).map((r) => ({
      status: r.status,
      count: Number(r.n),
    })),
    invitations: (await repo.countInvitationsByStatus(db, programId)).map((r) => ({
      status: r.status,
      count: Number(r.n),
    })),
    runs: await repo.listRuns(db, programId, 20),
  };
}

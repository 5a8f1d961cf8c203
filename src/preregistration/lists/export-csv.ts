/**
 * The pre-registration list as CSV, one row per person, for a county's own counts and outreach planning: the
 * pseudonymous id, status, group and phase, ZIP, language, channel, call-me and standby, needs and distance,
 * registered, first invited, latest invitation and its answer. Deliberately no name, birth date or contact: only the
 * needs are decrypted, so the file can go to an analyst. Every export is audited with its row count.
 */
import { DateTime } from 'luxon';
import { recordAudit, type AuditActor } from '../../platform/audit/index.js';
import { toCsv, type CsvCell } from '../../platform/csv/index.js';
import type { ModuleDeps } from '../../platform/module.js';
import { listOf } from '../eligibility.js';
import * as prereg from '../repository.js';
import * as repo from './repository.js';
import { openNeeds } from '../sealed-needs.js';

export const EXPORT_COLUMNS = [
  'id',
  'status',
  'group',
  'phase',
  'phase_status',
  'zip',
  'language',
  'channel',
  'call_me',
  'standby',
  'needs',
  'max_miles',
  'registered_at',
  'first_invited_at',
  'invitations',
  'last_invitation_kind',
  'last_invitation_status',
  'last_invitation_answered_at',
] as const;

export async function exportRegistrants(
  deps: ModuleDeps & { actor: AuditActor },
  programId: string,
): Promise<{ csv: string; rows: number }> {
  const db = deps.db.kysely;
  const zone = deps.config.agencyTimeZone;
  const iso = (ms: number | null | undefined) =>
    ms === null || ms === undefined
      ? ''
      : (DateTime.fromMillis(ms, { zone }).toISO({ suppressMilliseconds: true }) ?? '');
  const groups = new Map((await prereg.listGroups(db, programId)).map((g) => [g.id, g]));
  const phases = new Map((await prereg.listPhases(db, programId)).map((p) => [p.id, p]));
  const invitations = new Map<string, { first: number; count: number; last: repo.InvitationLite }>();
  for (const i of await repo.listInvitations(db, programId)) {
    const seen = invitations.get(i.registrant_id);
    invitations.set(i.registrant_id, {
      first: seen?.first ?? i.created_at,
      count: (seen?.count ?? 0) + 1,
      last: i,
    });
  }
  const people = (await repo.listForExport(db, programId)).map((r) => openNeeds(deps.cipher, r));
  const rows: CsvCell[][] = [[...EXPORT_COLUMNS]];
  for (const r of people) {
    const g = groups.get(r.group_id);
    const ph = g ? phases.get(g.phase_id) : undefined;
    const inv = invitations.get(r.id);
    rows.push([
      r.id,
      r.status,
      g?.name_en ?? '',
      ph?.name_en ?? '',
      ph?.status ?? '',
      r.zip,
      r.language,
      r.channel,
      r.call_me,
      r.standby ?? 0,
      listOf(r.needs).join(';'),
      r.max_miles,
      iso(r.registered_at),
      iso(inv?.first),
      inv?.count ?? 0,
      inv?.last.kind ?? '',
      inv?.last.status ?? '',
      inv && inv.last.status !== 'offered' ? iso(inv.last.updated_at) : '',
    ]);
  }
  await recordAudit(
    db,
    deps.actor,
    {
      action: 'preregistration.list.exported',
      subjectType: 'program',
      subjectId: programId,
      details: { rows: people.length },
    },
    deps.now(),
  );
  return { csv: toCsv(rows, { bom: true }), rows: people.length };
}

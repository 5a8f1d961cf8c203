/** SQL of the staff list tools: the per-person export and the call list. */
import type { Queryable } from '../../platform/db/index.js';

/** Every registrant of a program for the export: no name, birth date or contact. */
export const listForExport = (db: Queryable, programId: string) =>
  db
    .selectFrom('prereg_registrants')
    .select([
      'id',
      'status',
      'group_id',
      'zip',
      'language',
      'channel',
      'call_me',
      'standby',
      'needs_enc',
      'language_need_enc',
      'max_miles',
      'registered_at',
    ])
    .where('program_id', '=', programId)
    .orderBy('registered_at')
    .orderBy('id')
    .execute();

/** A program's invitations, oldest first (the export keeps each person's first invitation and latest answer). */
export const listInvitations = (db: Queryable, programId: string) =>
  db
    .selectFrom('prereg_invitations')
    .select(['registrant_id', 'kind', 'status', 'created_at', 'updated_at'])
    .where('program_id', '=', programId)
    .orderBy('created_at')
    .execute();

/** "Call me" (landline) people still waiting or invited, with their live invitation if any. */
export const listCallMe = (db: Queryable, programId: string) =>
  db
    .selectFrom('prereg_registrants')
    .leftJoin('prereg_invitations', (j) =>
      j
        .onRef('prereg_invitations.registrant_id', '=', 'prereg_registrants.id')
        .on('prereg_invitations.status', '=', 'offered'),
    )
    .select([
      'prereg_registrants.id',
      'prereg_registrants.status',
      'prereg_registrants.group_id',
      'prereg_registrants.contact_id',
      'prereg_registrants.language',
      'prereg_registrants.given_name_enc',
      'prereg_registrants.family_name_enc',
      'prereg_registrants.called_at',
      'prereg_registrants.registered_at',
      'prereg_invitations.id as invitation_id',
      'prereg_invitations.expires_at',
      'prereg_invitations.created_at as invited_at',
    ])
    .where('prereg_registrants.program_id', '=', programId)
    .where('prereg_registrants.call_me', '=', 1)
    .where('prereg_registrants.status', 'in', ['waiting', 'invited'])
    .orderBy('prereg_registrants.registered_at')
    .execute();
export type CallMeRow = Awaited<ReturnType<typeof listCallMe>>[number];

export async function setCalled(db: Queryable, programId: string, id: string, now: number): Promise<boolean> {
  const r = await db
    .updateTable('prereg_registrants')
    .set({ called_at: now })
    .where('id', '=', id)
    .where('program_id', '=', programId)
    .where('call_me', '=', 1)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}
export type InvitationLite = Awaited<ReturnType<typeof listInvitations>>[number];

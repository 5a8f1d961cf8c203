/**
 * Staff change a priority group (its phase, names, self-attested question in both languages, minimum age) or move
 * it up or down the order (adding one is `addGroup`). The phase must be one of the program's. People already
 * registered keep their group, so moving a group to another phase moves them with it.
 */
import type { z } from 'zod';
import type { GroupSchema } from '../manage-eligibility.js';
import * as prereg from '../repository.js';
import { auditProgram, swapWithNeighbour, type EditorDeps } from './edit-phase.js';
import * as repo from './repository.js';

export type GroupInput = z.infer<typeof GroupSchema>;
export type GroupResult = { ok: true; id: string } | { ok: false; error: 'phase' | 'not_found' };

const changes = (input: GroupInput): repo.GroupChanges => ({
  phase_id: input.phaseId,
  name_en: input.nameEn,
  name_es: input.nameEs,
  question_en: input.questionEn,
  question_es: input.questionEs,
  min_age: input.minAge,
});

/** Change a group's phase, texts and minimum age. */
export async function updateGroup(
  programId: string,
  groupId: string,
  input: GroupInput,
  deps: EditorDeps,
): Promise<GroupResult> {
  return deps.db.kysely.transaction().execute(async (tx) => {
    if (!(await prereg.listGroups(tx, programId)).some((g) => g.id === groupId))
      return { ok: false as const, error: 'not_found' as const };
    if (!(await prereg.listPhases(tx, programId)).some((p) => p.id === input.phaseId))
      return { ok: false as const, error: 'phase' as const };
    await repo.updateGroup(tx, groupId, changes(input));
    await auditProgram(tx, deps, 'preregistration.group.changed', programId, { groupId, phaseId: input.phaseId });
    return { ok: true as const, id: groupId };
  });
}

/** Move a group one place earlier or later (within a phase, earlier groups are matched first by the screener). */
export async function moveGroup(
  programId: string,
  groupId: string,
  direction: 'up' | 'down',
  deps: EditorDeps,
): Promise<boolean> {
  return deps.db.kysely.transaction().execute(async (tx) => {
    const groups = await prereg.listGroups(tx, programId);
    const moved = await swapWithNeighbour(groups, groupId, direction, (id, p) => repo.setGroupPosition(tx, id, p));
    if (moved) await auditProgram(tx, deps, 'preregistration.group.moved', programId, { groupId, direction });
    return moved;
  });
}

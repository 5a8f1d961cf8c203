/** Staff rename a phase (English and Spanish) or move it up or down the order; audited in the same transaction. */
import { recordAudit, type AuditActor } from '../../platform/audit/index.js';
import type { Db, Queryable } from '../../platform/db/index.js';
import type { PhaseSchema } from '../manage-eligibility.js';
import * as prereg from '../repository.js';
import * as repo from './repository.js';
import type { z } from 'zod';

export type EditorDeps = { db: Db; now: () => number; actor: AuditActor };

export async function auditProgram(
  tx: Queryable,
  deps: EditorDeps,
  action: string,
  programId: string,
  details: Record<string, unknown>,
): Promise<void> {
  await recordAudit(tx, deps.actor, { action, subjectType: 'program', subjectId: programId, details }, deps.now());
}

/** Swap an item with its neighbour in `rows` (ordered by position); false at either end or for an unknown id. */
export async function swapWithNeighbour<R extends { id: string; position: number }>(
  rows: R[],
  id: string,
  direction: 'up' | 'down',
  setPosition: (id: string, position: number) => Promise<unknown>,
): Promise<boolean> {
  const i = rows.findIndex((r) => r.id === id);
  const j = direction === 'up' ? i - 1 : i + 1;
  const a = rows[i];
  const b = rows[j];
  if (i < 0 || !a || !b) return false;
  // Positions may have gaps or ties (older data): give the pair distinct, swapped places.
  const [pa, pb] =
    a.position === b.position ? [a.position, a.position + (direction === 'up' ? -1 : 1)] : [a.position, b.position];
  await setPosition(a.id, pb);
  await setPosition(b.id, pa);
  return true;
}

/** Rename a phase of this program; false when the phase is not the program's. */
export async function renamePhase(
  programId: string,
  phaseId: string,
  input: z.infer<typeof PhaseSchema>,
  deps: EditorDeps,
): Promise<boolean> {
  return deps.db.kysely.transaction().execute(async (tx) => {
    const phase = (await prereg.listPhases(tx, programId)).find((p) => p.id === phaseId);
    if (!phase) return false;
    await repo.updatePhaseNames(tx, phaseId, { name_en: input.nameEn, name_es: input.nameEs }, deps.now());
    await auditProgram(tx, deps, 'preregistration.phase.renamed', programId, { phaseId });
    return true;
  });
}

/** Move a phase one place earlier or later (earlier phases' groups are invited first). */
export async function movePhase(
  programId: string,
  phaseId: string,
  direction: 'up' | 'down',
  deps: EditorDeps,
): Promise<boolean> {
  return deps.db.kysely.transaction().execute(async (tx) => {
    const phases = await prereg.listPhases(tx, programId);
    const moved = await swapWithNeighbour(phases, phaseId, direction, (id, p) => repo.setPhasePosition(tx, id, p));
    if (moved) await auditProgram(tx, deps, 'preregistration.phase.moved', programId, { phaseId, direction });
    return moved;
  });
}

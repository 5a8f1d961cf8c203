/** Staff clear a program's ZIP equity weights (every ZIP then counts as 1); audited with how many were removed. */
import { auditProgram, type EditorDeps } from './edit-phase.js';
import * as repo from './repository.js';

export async function clearZipWeights(programId: string, deps: EditorDeps): Promise<number> {
  return deps.db.kysely.transaction().execute(async (tx) => {
    const removed = await repo.deleteZipWeights(tx, programId);
    await auditProgram(tx, deps, 'preregistration.weights.cleared', programId, { count: removed });
    return removed;
  });
}

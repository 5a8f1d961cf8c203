/** The SQL of the eligibility editor (the tables are declared by the module's repository). */
import type { Queryable } from '../../platform/db/index.js';

export const updatePhaseNames = (db: Queryable, id: string, names: { name_en: string; name_es: string }, now: number) =>
  db
    .updateTable('prereg_phases')
    .set({ ...names, updated_at: now })
    .where('id', '=', id)
    .executeTakeFirst();
export const setPhasePosition = (db: Queryable, id: string, position: number) =>
  db.updateTable('prereg_phases').set({ position }).where('id', '=', id).execute();

export interface GroupChanges {
  phase_id: string;
  name_en: string;
  name_es: string;
  question_en: string;
  question_es: string;
  min_age: number | null;
}
export const updateGroup = (db: Queryable, id: string, set: GroupChanges) =>
  db.updateTable('prereg_groups').set(set).where('id', '=', id).executeTakeFirst();
export const setGroupPosition = (db: Queryable, id: string, position: number) =>
  db.updateTable('prereg_groups').set({ position }).where('id', '=', id).execute();

export async function countZipWeights(db: Queryable, programId: string): Promise<number> {
  const r = await db
    .selectFrom('prereg_zip_weights')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('program_id', '=', programId)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}
export const listZipWeightsPage = (db: Queryable, programId: string, offset: number, limit: number) =>
  db
    .selectFrom('prereg_zip_weights')
    .select(['zip', 'weight'])
    .where('program_id', '=', programId)
    .orderBy('zip')
    .offset(offset)
    .limit(limit)
    .execute();
export async function deleteZipWeights(db: Queryable, programId: string): Promise<number> {
  const r = await db.deleteFrom('prereg_zip_weights').where('program_id', '=', programId).executeTakeFirst();
  return Number(r.numDeletedRows);
}

/** Active programs that have no pre-registration settings yet. */
export const listProgramsWithoutPrereg = (db: Queryable) =>
  db
    .selectFrom('programs')
    .leftJoin('prereg_settings', 'prereg_settings.program_id', 'programs.id')
    .select(['programs.id', 'programs.name_en', 'programs.name_es'])
    .where('programs.status', '=', 'active')
    .where('prereg_settings.program_id', 'is', null)
    .orderBy('programs.name_en')
    .execute();

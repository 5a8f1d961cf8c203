/** A program's names in both languages (messages carry both; the renderer picks the person's). */
import type { Queryable } from '../platform/db/index.js';
import * as repo from './repository.js';

export async function findProgramNames(db: Queryable, id: string): Promise<{ en: string; es: string } | null> {
  const p = await repo.findProgram(db, id);
  return p ? { en: p.name_en, es: p.name_es } : null;
}

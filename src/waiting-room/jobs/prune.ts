/** The hourly job that forgets expired passes and settled places in line older than a day. */
import { z } from 'zod';
import { defineJob } from '../../platform/jobs/index.js';
import * as repo from '../repository.js';

export const PRUNE_JOB = 'waiting-room-prune';
export const PRUNE_EVERY_MS = 3_600_000;
/** Admissions stay this long (the rate window needs minutes; a day helps whoever investigates a surge). */
export const KEEP_MS = 86_400_000;

export function pruneJob() {
  return defineJob({
    name: PRUNE_JOB,
    schema: z.unknown(),
    maxAttempts: 3,
    handler: async (_payload, ctx) => {
      await repo.pruneBefore(ctx.db.kysely, ctx.now() - KEEP_MS);
    },
  });
}

import { z } from 'zod';
import { defineJob } from '../../platform/jobs/index.js';
import * as repo from '../repository.js';

/** Hourly: delete sessions past their expiry, so the table holds only live sessions. */
export const purgeExpiredSessionsJob = defineJob({
  name: 'purge-expired-sessions',
  schema: z.unknown(),
  async handler(_payload, ctx) {
    const n = await repo.deleteExpiredSessions(ctx.db.kysely, ctx.now());
    if (n > 0) ctx.log.info({ deleted: n }, 'expired staff sessions purged');
  },
});

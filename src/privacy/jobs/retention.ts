/** The daily retention job (see ../retention.ts). RETENTION_ENABLED=false (a legal hold) makes it do nothing. */
import { z } from 'zod';
import { defineJob } from '../../platform/jobs/index.js';
import type { ModuleDeps } from '../../platform/module.js';
import type { PersonalDataSource } from '../../platform/personal-data.js';
import { RETENTION_JOB, runRetention } from '../retention.js';

export function retentionJob(deps: ModuleDeps, sources: () => PersonalDataSource[]) {
  return defineJob({
    name: RETENTION_JOB,
    schema: z.unknown(),
    maxAttempts: 3,
    backoff: { baseMs: 60_000, maxMs: 3_600_000 },
    handler: async (_payload, ctx) => {
      if (!deps.config.retention.enabled) {
        ctx.log.info({ job: RETENTION_JOB }, 'retention is switched off (RETENTION_ENABLED=false)');
        return;
      }
      const counts = await runRetention(deps, sources(), { now: ctx.now(), signal: ctx.signal });
      ctx.log.info({ job: RETENTION_JOB, counts }, 'retention run finished');
    },
  });
}

/** The recurring job that offers surveys for finished transactions (see offer-surveys.ts). */
import { z } from 'zod';
import { defineJob } from '../../platform/jobs/index.js';
import type { ModuleDeps } from '../../platform/module.js';
import { offerSurveys } from '../offer-surveys.js';

export const OFFER_SURVEYS_JOB = 'feedback-offer-surveys';
/** How often the feed is read. */
export const OFFER_EVERY_MS = 10 * 60_000;

export function offerSurveysJob(deps: ModuleDeps) {
  return defineJob({
    name: OFFER_SURVEYS_JOB,
    schema: z.unknown(),
    maxAttempts: 3,
    handler: async (_payload, ctx) => {
      const r = await offerSurveys(deps);
      ctx.log.info({ offered: r.offered }, 'surveys offered');
    },
  });
}

/** The module's durable jobs: matching, expiry and standby offers' end (every minute), the weekly status message. */
import { z } from 'zod';
import { defineJob } from '../../platform/jobs/index.js';
import type { ModuleDeps } from '../../platform/module.js';
import { sendInvitationMessages, SEND_INVITATION_MESSAGES } from '../invitation-messages.js';
import { expireInvitations } from '../invitations.js';
import { runMatching } from '../matching.js';
import * as repo from '../repository.js';
import { endStandbyOffers } from '../standby/index.js';
import { sendWeeklyStatus } from '../weekly-status.js';

export const MINUTE = 60_000;
export const WEEK = 7 * 24 * 60 * MINUTE;

export function preregJobs(deps: ModuleDeps) {
  return [
    defineJob({
      name: 'match-invitations',
      schema: z
        .object({
          programId: z.string().optional(),
          trigger: z.string().default('schedule'),
          siteId: z.string().optional(),
        })
        .nullable(),
      maxAttempts: 3,
      handler: async (p) => {
        const programs = p?.programId
          ? [p.programId]
          : (await repo.listSettings(deps.db.kysely)).map((s) => s.program_id);
        for (const programId of programs)
          await runMatching(deps, {
            programId,
            trigger: p?.trigger ?? 'schedule',
            ...(p?.siteId ? { siteId: p.siteId } : {}),
          });
      },
    }),
    defineJob({
      name: SEND_INVITATION_MESSAGES,
      schema: z.object({ invitationIds: z.array(z.string()).max(5000) }),
      maxAttempts: 12,
      handler: async (p) => {
        await sendInvitationMessages(deps, p.invitationIds);
      },
    }),
    defineJob({
      name: 'expire-invitations',
      schema: z.null(),
      maxAttempts: 3,
      handler: async () => {
        await expireInvitations(deps);
      },
    }),
    defineJob({
      name: 'end-standby-offers',
      schema: z.null(),
      maxAttempts: 3,
      handler: async () => {
        await endStandbyOffers(deps);
      },
    }),
    defineJob({
      name: 'preregistration-weekly-status',
      schema: z.null(),
      maxAttempts: 3,
      handler: async () => {
        await sendWeeklyStatus(deps);
      },
    }),
  ];
}

/** Expiry every minute (the next person is invited within a minute), matching every 5 minutes (backfill). */
export const preregRecurring = [
  { name: 'expire-invitations', everyMs: MINUTE },
  { name: 'end-standby-offers', everyMs: MINUTE },
  { name: 'match-invitations', everyMs: 5 * MINUTE },
  { name: 'preregistration-weekly-status', everyMs: WEEK },
];

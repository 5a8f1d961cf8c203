import { z } from 'zod';
import { defineJob } from '../../../platform/jobs/index.js';
import { sweepNoShows } from '../mark-no-shows.js';

/**
 * Hourly (module `recurring`): bookings never checked in become no-shows once their slot ended more than
 * NO_SHOW_AFTER_HOURS ago (default 12), and their reserved doses return to the doses available.
 */
export const markNoShowsJob = (afterHours: number) =>
  defineJob({
    name: 'mark-no-shows',
    schema: z.unknown(),
    async handler(_payload, ctx) {
      const n = await sweepNoShows({ db: ctx.db, now: () => ctx.now() }, afterHours);
      if (n > 0) ctx.log.info({ marked: n }, 'no-shows marked');
    },
  });

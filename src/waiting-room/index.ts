/**
 * The virtual waiting room (issue #7, ADR 0011) in front of the flows named by `WAITING_ROOM_PATHS` (the resident
 * booking pages and invitation acceptance) and the API calls named by `WAITING_ROOM_API_PATHS` (public booking): it turns on when the flows are full or when staff say so, hands out
 * positions from a counter every process shares, admits people in order as room frees up (or at a set rate),
 * skips places whose page was closed, and gives each admitted visitor a time-limited pass. Other modules do not
 * call it: it guards their paths with a request hook, so they need not know it exists.
 */
import type { FastifyInstance } from 'fastify';
import type { FrontdoorModule, ModuleDeps } from '../platform/module.js';
import { registerGuard } from './guard.js';
import { pruneJob, PRUNE_EVERY_MS, PRUNE_JOB } from './jobs/prune.js';
import { waitingRoomMessages } from './messages.js';
import { createWaitingRoomMetrics } from './metrics.js';
import { canWatchWaitingRoom } from './policy.js';
import { ensureState } from './repository.js';
import { createRoom } from './room.js';
import { registerWaitingRoomRoutes } from './routes.js';

/** Change the room's switch, capacity and rate (audited), as the console does. */
export { updateSettings } from './update-settings.js';
/** Move the line once (the pages do this at most once a second; tests call it with a fixed clock). */
export { advanceLine } from './advance-line.js';

async function register(app: FastifyInstance, deps: ModuleDeps): Promise<void> {
  const w = deps.config.waitingRoom;
  await ensureState(
    deps.db.kysely,
    { mode: w.initialMode, capacity: w.initialCapacity, ratePerMinute: w.initialRatePerMinute },
    deps.now(),
  );
  const counters: { metrics?: ReturnType<typeof createWaitingRoomMetrics> } = {};
  const room = createRoom({
    db: deps.db,
    now: deps.now,
    abandonMs: w.abandonSeconds * 1000,
    onAdvance: (a) => {
      counters.metrics?.admitted.inc(a.admitted);
      counters.metrics?.expired.inc(a.expired);
    },
  });
  const metrics = createWaitingRoomMetrics(deps.metrics, () => room.view());
  counters.metrics = metrics;
  registerGuard(app, {
    db: deps.db,
    now: deps.now,
    passMs: w.passMinutes * 60_000,
    secret: deps.config.secretKey,
    paths: w.paths,
    apiPaths: w.apiPaths,
    room,
    metrics,
  });
  registerWaitingRoomRoutes(app, { deps, room, paths: w.paths });
}

/** The waiting room as the composition root registers it. */
export function createWaitingRoomModule(): FrontdoorModule {
  return {
    name: 'waiting-room',
    jobs: () => [pruneJob()],
    recurring: [{ name: PRUNE_JOB, everyMs: PRUNE_EVERY_MS }],
    consoleLinks: [
      {
        href: '/staff/waiting-room',
        label: (locale) => waitingRoomMessages.for(locale)('nav.main'),
        allowed: canWatchWaitingRoom,
        order: 94,
      },
    ],
    registerRoutes: register,
  };
}

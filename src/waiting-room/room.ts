/**
 * This process's view of the waiting room. Position checks (the waiting page, its JSON, the flow's guard) read a
 * view at most one second old: the database is asked at most once a second per process however many pages poll.
 * The positions polled meanwhile are remembered here and marked seen in one statement at the next refresh, which
 * also moves the line (at most once a second across all processes, see advance-line.ts).
 */
import type { Db } from '../platform/db/index.js';
import { advanceLine, type Advanced } from './advance-line.js';
import { etaMinutes, measuredRatePerMinute, RATE_WINDOW_MS } from './eta.js';
import * as repo from './repository.js';

/** A view is used for at most this long. */
export const VIEW_MAX_AGE_MS = 1000;

export interface RoomView {
  mode: repo.RoomMode;
  /** True while arrivals queue. */
  active: boolean;
  /** Everyone at or below this position has been admitted or skipped. */
  serving: number;
  /** The last position given out. */
  lastPosition: number;
  /** People still waiting. */
  queueLength: number;
  capacity: number;
  /** The configured most admissions per minute, if any. */
  ratePerMinute: number | null;
  /** Valid passes into the flow (cluster-wide). */
  inFlow: number;
  /** Admissions per minute as measured, or null when none can be measured yet. */
  admissionRate: number | null;
  /** When this view was read. */
  at: number;
}

export interface RoomDeps {
  db: Db;
  now: () => number;
  abandonMs: number;
  /** Told of each move of the line this process made (metrics). */
  onAdvance?: (a: Advanced) => void;
}

export interface Room {
  /** The view, read again when older than a second. */
  view(): Promise<RoomView>;
  /** A waiting page asked about this position (kept in memory until the next refresh). */
  seen(position: number): void;
  /** Forget the view (after a staff change in this process). */
  invalidate(): void;
}

/** Minutes until `position` is admitted, or null when no rate has been measured. */
export function etaFor(view: RoomView, position: number): number | null {
  return etaMinutes(Math.max(1, position - view.serving), view.admissionRate);
}

export function createRoom(deps: RoomDeps): Room {
  let current: RoomView | null = null;
  let loading: Promise<RoomView> | null = null;
  const seen = new Set<number>();

  async function read(): Promise<RoomView> {
    const now = deps.now();
    const db = deps.db.kysely;
    const positions = [...seen];
    seen.clear();
    await repo.markSeen(db, positions, now);
    const idle = current !== null && !current.active && current.serving >= current.lastPosition;
    if (!idle || positions.length > 0) {
      const moved = await advanceLine(deps);
      if (moved && deps.onAdvance) deps.onAdvance(moved);
    }
    const s = await repo.findState(db);
    const activeSince = s.activated_at === null ? null : Number(s.activated_at);
    const admitted =
      activeSince === null ? 0 : await repo.countAdmittedSince(db, Math.max(now - RATE_WINDOW_MS, activeSince));
    return {
      mode: s.mode,
      active: s.active === 1,
      serving: Number(s.serving),
      lastPosition: Number(s.next_position),
      queueLength: await repo.countWaiting(db, Number(s.serving)),
      capacity: s.capacity,
      ratePerMinute: s.rate_per_minute,
      inFlow: await repo.countActivePasses(db, now),
      admissionRate: measuredRatePerMinute({ admittedInWindow: admitted, activeSince, now }),
      at: now,
    };
  }

  return {
    async view() {
      const now = deps.now();
      if (current && now - current.at < VIEW_MAX_AGE_MS && now >= current.at) return current;
      loading ??= read()
        .then((v) => (current = v))
        .finally(() => (loading = null));
      return loading;
    },
    seen(position) {
      seen.add(position);
    },
    invalidate() {
      current = null;
    },
  };
}

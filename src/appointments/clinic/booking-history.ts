/** A booking's status history for staff: when it was booked (and how), then every audited change, oldest first. */
import { findAuditEntries } from '../../platform/audit/index.js';
import type { Db } from '../../platform/db/index.js';

export const HISTORY_ACTIONS = [
  'appointments.booking.checked-in',
  'appointments.booking.administered',
  'appointments.booking.no-show',
  'appointments.booking.cancelled',
  'appointments.booking.rescheduled',
  'appointments.booking.confirmation-resent',
] as const;
export type HistoryAction = (typeof HISTORY_ACTIONS)[number];

export interface HistoryEntry {
  at: number;
  action: HistoryAction;
  by: string | null;
  channel: string | null;
}

const isHistoryAction = (a: string): a is HistoryAction => (HISTORY_ACTIONS as readonly string[]).includes(a);

function channelOf(details: string | null): string | null {
  if (!details) return null;
  const parsed: unknown = JSON.parse(details);
  if (typeof parsed !== 'object' || parsed === null || !('channel' in parsed)) return null;
  return typeof parsed.channel === 'string' ? parsed.channel : null;
}

export async function bookingHistory(db: Db, bookingId: string): Promise<HistoryEntry[]> {
  const rows = await findAuditEntries(db.kysely, { subjectId: bookingId, action: 'appointments.booking.', limit: 200 });
  return rows
    .flatMap((r) =>
      isHistoryAction(r.action)
        ? [{ at: r.at, action: r.action, by: r.actorLabel, channel: channelOf(r.details) }]
        : [],
    )
    .reverse();
}

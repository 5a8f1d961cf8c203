import { DateTime } from 'luxon';

export interface QuietHours {
  /** Hour (0-23) quiet time starts, in the recipient's zone. */
  start: number;
  /** Hour quiet time ends. */
  end: number;
}

/** The first moment at or after `at` outside quiet hours in `timeZone` (daylight-saving aware). */
export function nextSendableTime(at: number, timeZone: string, q: QuietHours): number {
  if (q.start === q.end) return at;
  const local = DateTime.fromMillis(at, { zone: timeZone });
  const h = local.hour;
  const quiet = q.start > q.end ? h >= q.start || h < q.end : h >= q.start && h < q.end;
  if (!quiet) return at;
  let next = local.set({ hour: q.end, minute: 0, second: 0, millisecond: 0 });
  if (next <= local) next = next.plus({ days: 1 });
  return next.toMillis();
}

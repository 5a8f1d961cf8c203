/**
 * Calendar files (.ics) for appointments: a stable UID per appointment, SEQUENCE raised on every change,
 * METHOD REQUEST or CANCEL, times in the site's own time zone (TZID with its VTIMEZONE), the address and
 * preparation instructions.
 */
import ical, { ICalCalendarMethod, ICalEventStatus } from 'ical-generator';
import { DateTime } from 'luxon';
import { tzlib_get_ical_block } from 'timezones-ical-library';

export interface CalendarEventInput {
  /** Stable across changes, e.g. `booking-<id>@<host>`. */
  uid: string;
  /** 0 for the first version; raise it on every change or cancellation. */
  sequence: number;
  method: 'request' | 'cancel';
  start: number;
  end: number;
  timeZone: string;
  summary: string;
  location: string;
  description: string;
  url?: string;
  organizer: { name: string; email: string };
  productName: string;
}

function vtimezone(tz: string): string | null {
  const r = tzlib_get_ical_block(tz);
  const block = Array.isArray(r) ? r[0] : r;
  return typeof block === 'string' && block.startsWith('BEGIN:VTIMEZONE') ? block : null;
}

/** Build the .ics text. */
export function buildCalendarFile(e: CalendarEventInput): string {
  const cal = ical({
    prodId: { company: e.organizer.name, product: e.productName, language: 'EN' },
    method: e.method === 'cancel' ? ICalCalendarMethod.CANCEL : ICalCalendarMethod.REQUEST,
    timezone: { name: e.timeZone, generator: vtimezone },
  });
  cal.createEvent({
    id: e.uid,
    sequence: e.sequence,
    // Luxon times in the site's zone: ical-generator then writes the site's local wall-clock time with its TZID
    // (a plain Date would be written as UTC digits labelled with the TZID — the 2021 "arrive two hours early" bug).
    start: DateTime.fromMillis(e.start, { zone: e.timeZone }),
    end: DateTime.fromMillis(e.end, { zone: e.timeZone }),
    timezone: e.timeZone,
    summary: e.summary,
    location: e.location,
    description: e.description,
    ...(e.url ? { url: e.url } : {}),
    organizer: e.organizer,
    status: e.method === 'cancel' ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    stamp: new Date(),
  });
  return cal.toString();
}

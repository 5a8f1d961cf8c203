/**
 * A slot, as a dose-1 booking of one product → FHIR Slot. `free` only when booking it can succeed now (a seat,
 * doses on hand, and for a series a dose-2 seat inside the interval); `slot-capacity` is the seats not yet taken.
 * Only free slots carry the booking deep link and phone: a busy one cannot be booked by either.
 */
import type { PublishedSlot } from '../../appointments/index.js';
import { BOOKING_DEEP_LINK, BOOKING_PHONE, SLOT_CAPACITY } from './codes.js';
import { fhirId } from './ids.js';
import { scheduleId } from './schedule.js';

export interface FhirSlot {
  resourceType: 'Slot';
  id: string;
  schedule: { reference: string };
  status: 'free' | 'busy';
  start: string;
  end: string;
  extension: (
    { url: string; valueInteger: number } | { url: string; valueUrl: string } | { url: string; valueString: string }
  )[];
}

export interface SlotContext {
  publicUrl: string;
  /** Instant → ISO time with the site's offset (localTimeFormatter for the site's zone). */
  localTime: (ms: number) => string;
  /** Where to call to book (the site's phone, or the agency's). */
  phone: string | undefined;
}

/** The resident booking flow's deep link to one seat. */
export function bookingDeepLink(publicUrl: string, s: PublishedSlot): string {
  const path = [s.programId, 'sites', s.siteId, 'slots', s.slotId].map(encodeURIComponent).join('/');
  return `${publicUrl}/book/${path}?product=${encodeURIComponent(s.productId)}`;
}

export function toSlot(s: PublishedSlot, c: SlotContext): FhirSlot {
  return {
    resourceType: 'Slot',
    id: fhirId(s.slotId, s.productId),
    schedule: { reference: `Schedule/${scheduleId(s.siteId, s.productId)}` },
    status: s.bookable ? 'free' : 'busy',
    start: c.localTime(s.startsAt),
    end: c.localTime(s.endsAt),
    extension: [
      { url: SLOT_CAPACITY, valueInteger: s.remaining },
      ...(s.bookable ? [{ url: BOOKING_DEEP_LINK, valueUrl: bookingDeepLink(c.publicUrl, s) }] : []),
      ...(s.bookable && c.phone ? [{ url: BOOKING_PHONE, valueString: c.phone }] : []),
    ],
  };
}

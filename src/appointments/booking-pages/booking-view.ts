/**
 * A booking as the confirmation and manage pages show it: when and where (the site's zone), what, the code, the
 * person's first name, the later doses of its series, and the calendar file — built from the same data as the
 * confirmation message, so the page, the e-mail and the .ics never disagree.
 */
import type { Locale } from '../../platform/i18n/index.js';
import type { ModuleDeps } from '../../platform/module.js';
import { findSiteById, type Site } from '../../sites/index.js';
import * as core from '../repository.js';
import { confirmationData, confirmationTemplate } from '../templates.js';
import { findBookingWithSlot, findPersonName, findSeriesSlots } from './repository.js';

export interface BookingView {
  id: string;
  status: core.BookingStatus;
  code: string;
  dose: number;
  startsAt: number;
  endsAt: number;
  channel: core.BookingRow['channel'];
  site: Site;
  program: core.ProgramRow;
  product: core.ProductRow;
  givenName: string;
  /** True when the person gave an e-mail or a mobile (a confirmation was sent). */
  reachable: boolean;
  /** The other doses of the series (later doses held with this one). */
  laterDoses: { id: string; dose: number; status: core.BookingStatus; startsAt: number; siteId: string }[];
  booking: core.BookingRow;
  slot: core.SlotRow;
}

export async function loadBookingView(deps: ModuleDeps, bookingId: string): Promise<BookingView | null> {
  const db = deps.db.kysely;
  const found = await findBookingWithSlot(db, bookingId);
  if (!found) return null;
  const { booking, slot } = found;
  const [site, program, product, person, series] = await Promise.all([
    findSiteById(db, booking.site_id),
    core.findProgram(db, booking.program_id),
    core.findProduct(db, booking.product_id),
    findPersonName(db, booking.person_id),
    findSeriesSlots(db, booking.series_id),
  ]);
  if (!site || !program || !product) return null;
  return {
    id: booking.id,
    status: booking.status,
    code: booking.confirmation_code,
    dose: booking.dose_number,
    startsAt: slot.starts_at,
    endsAt: slot.ends_at,
    channel: booking.channel,
    site,
    program,
    product,
    givenName: person ? deps.cipher.decrypt(person.given_name_enc, 'person.given_name') : '',
    reachable: Boolean(person?.contact_id),
    laterDoses: series
      .filter((s) => s.dose_number > booking.dose_number)
      .map((s) => ({ id: s.id, dose: s.dose_number, status: s.status, startsAt: s.starts_at, siteId: s.site_id })),
    booking,
    slot,
  };
}

/** The booking's calendar file (.ics) in the person's language: the same event (UID, sequence) the e-mail carried. */
export function bookingCalendar(deps: ModuleDeps, v: BookingView, locale: Locale): string {
  const data = confirmationData(deps, {
    booking: v.booking,
    slot: v.slot,
    site: v.site,
    program: v.program,
    product: v.product,
    held: [],
    personName: v.givenName,
  });
  const file = confirmationTemplate.attachments?.(data, locale)[0];
  if (!file) throw new Error('the confirmation template has no calendar file');
  return file.content;
}

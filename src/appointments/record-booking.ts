/**
 * Writing a booking once its seats and doses are already taken: the person record (identity index), one row per
 * dose of the series, the confirmation notice and the day-before reminders. Shared by `bookAppointment` (which
 * takes the seats itself) and `bookHeldSeats` (whose seats an invitation already holds), so both follow the same
 * rules. Runs inside the caller's transaction; the partial unique index refuses a second active booking.
 */
import { randomUUID } from 'node:crypto';
import { recordAudit, type AuditActor } from '../platform/audit/index.js';
import { generateConfirmationCode, generateToken, hashToken } from '../platform/crypto/index.js';
import type { Queryable } from '../platform/db/index.js';
import { calendarDateIn, type Locale } from '../platform/i18n/index.js';
import type { ModuleDeps } from '../platform/module.js';
import { notify } from '../notifications/index.js';
import { manageUrl } from './booking-pages/manage-access.js';
import { BookingError } from './errors.js';
import { ageOn, findOrCreatePerson } from './people.js';
import * as repo from './repository.js';
import { scheduleReminder } from './notices.js';
import { confirmationData, confirmationTemplate } from './templates.js';

export interface BookingPerson {
  givenName: string;
  familyName: string;
  birthDate: string;
  email?: string | undefined;
  phone?: string | undefined;
  language: Locale;
}

export interface BookingResult {
  id: string;
  confirmationCode: string;
  manageToken: string;
  startsAt: number;
  siteId: string;
  secondDose: { id: string; startsAt: number } | null;
}

export type SiteInfo = repo.SiteInfo;

/** The site's details a confirmation needs, or not_found. */
export async function findSiteInfo(db: Queryable, siteId: string): Promise<SiteInfo> {
  const site = await db
    .selectFrom('sites')
    .select(['time_zone', 'name', 'address', 'postal_code'])
    .where('id', '=', siteId)
    .executeTakeFirst();
  if (!site) throw new BookingError('not_found');
  return site;
}

/** Refuse a person younger than the product's minimum age on the day of the slot (in the site's zone). */
export function checkAge(birthDate: string, slot: repo.SlotRow, product: repo.ProductRow, site: SiteInfo): void {
  const slotDate = calendarDateIn(slot.starts_at, site.time_zone);
  if (ageOn(birthDate, slotDate) < product.min_age_years) throw new BookingError('not_eligible');
}

/**
 * Record the booking of `seats` (dose 1 first; seats and doses ALREADY taken by the caller in `tx`), send the
 * confirmation and schedule the reminders.
 */
export async function recordBooking(
  deps: ModuleDeps,
  tx: Queryable,
  b: {
    seats: repo.SlotRow[];
    product: repo.ProductRow;
    program: repo.ProgramRow;
    site: SiteInfo;
    person: BookingPerson;
    channel: 'web' | 'phone' | 'api';
    /** Staff booking for someone (a call agent on the phone): recorded in the audit log with the booking. */
    actor?: AuditActor | undefined;
  },
): Promise<BookingResult> {
  const now = deps.now();
  const manageToken = generateToken(24);
  const [slot, ...held] = b.seats;
  if (!slot) throw new BookingError('not_found');
  const p = b.person;
  const person = await findOrCreatePerson(tx, deps.cipher, p, { now, contactId: null });
  const seriesId = randomUUID();
  const rows = b.seats.map((s, i) => ({
    id: randomUUID(),
    person_id: person.id,
    slot_id: s.id,
    site_id: s.site_id,
    program_id: s.program_id,
    product_id: b.product.id,
    dose_number: i + 1,
    series_id: seriesId,
    channel: b.channel,
    status: 'booked' as const,
    confirmation_code: generateConfirmationCode(8),
    manage_token_hash: hashToken(manageToken),
    starts_at: s.starts_at,
    created_at: now,
    updated_at: now,
  }));
  for (const r of rows) await repo.insertBooking(tx, r);
  if (b.actor)
    await recordAudit(
      tx,
      b.actor,
      {
        action: 'appointments.booking.created',
        subjectType: 'booking',
        subjectId: rows[0]?.id,
        details: { channel: b.channel, doses: rows.length },
      },
      now,
    );
  const first =
    rows[0] ??
    (() => {
      throw new Error('no booking row');
    })();
  if (p.email || p.phone) {
    const contact = {
      name: `${p.givenName} ${p.familyName}`,
      locale: p.language,
      timeZone: b.site.time_zone,
      ...(p.email ? { email: p.email } : {}),
      ...(p.phone ? { phone: p.phone } : {}),
    };
    const data = confirmationData(deps, {
      booking: first,
      slot,
      site: b.site,
      program: b.program,
      product: b.product,
      held,
      personName: p.givenName,
    });
    // The manage link carries the token: it goes in this message (stored encrypted), not in the reminders' data.
    const withLink = { ...data, manageUrl: manageUrl(deps.config.publicUrl, first.id, manageToken) };
    const sent = await notify(deps, tx, { contact }, confirmationTemplate, withLink, {
      idempotencyKey: `booking:${first.id}:confirmation`,
    });
    await tx
      .updateTable('people')
      .set({ contact_id: sent.contactId })
      .where('id', '=', person.id)
      .where('contact_id', 'is', null)
      .execute();
    await tx.updateTable('bookings').set({ contact_id: sent.contactId }).where('series_id', '=', seriesId).execute();
    for (const [i, r] of rows.entries()) await scheduleReminder(deps, tx, sent.contactId, data, r, b.seats[i]);
  }
  const second = rows[1];
  return {
    id: first.id,
    confirmationCode: first.confirmation_code,
    manageToken,
    startsAt: slot.starts_at,
    siteId: slot.site_id,
    secondDose: second ? { id: second.id, startsAt: second.starts_at } : null,
  };
}

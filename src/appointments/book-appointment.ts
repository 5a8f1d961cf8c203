/**
 * Book a seat. Everything the client sends is checked again here, and every capacity rule is enforced inside one
 * transaction by conditional writes the database serialises: a seat in the slot, the doses on hand for the whole
 * series, a held seat for the next dose within its interval, and one active booking per person, program and dose.
 * If any of them fails, nothing is written.
 */
import { randomUUID } from 'node:crypto';
import { DateTime } from 'luxon';
import { generateConfirmationCode, generateToken, hashToken } from '../platform/crypto/index.js';
import { isUniqueViolation, type Queryable } from '../platform/db/index.js';
import type { Locale } from '../platform/i18n/index.js';
import type { ModuleDeps } from '../platform/module.js';
import { notify } from '../notifications/index.js';
import { BookingError } from './errors.js';
import { ageOn, findOrCreatePerson } from './people.js';
import * as repo from './repository.js';
import { scheduleReminder } from './notices.js';
import { confirmationData, confirmationTemplate } from './templates.js';

export interface BookingInput {
  slotId: string;
  productId: string;
  dose: number;
  person: {
    givenName: string;
    familyName: string;
    birthDate: string;
    email?: string | undefined;
    phone?: string | undefined;
    language: Locale;
  };
  channel: 'web' | 'phone' | 'api';
}

export interface BookingResult {
  id: string;
  confirmationCode: string;
  manageToken: string;
  startsAt: number;
  siteId: string;
  secondDose: { id: string; startsAt: number } | null;
}

const DAY = 86_400_000;

/** Hold a seat for the next dose within [earliest, latest] at the slot's site, nearest the same time of day first. */
export async function holdNextDose(
  tx: Queryable,
  slot: repo.SlotRow,
  earliest: number,
  latest: number,
): Promise<repo.SlotRow | null> {
  const candidates = await repo.findOpenSlots(tx, {
    siteId: slot.site_id,
    programId: slot.program_id,
    from: earliest,
    to: latest + 1,
    limit: 500,
  });
  const timeOfDay = (ms: number) => ms % DAY;
  candidates.sort(
    (a, b) =>
      Math.abs(timeOfDay(a.starts_at) - timeOfDay(slot.starts_at)) -
        Math.abs(timeOfDay(b.starts_at) - timeOfDay(slot.starts_at)) || a.starts_at - b.starts_at,
  );
  for (const c of candidates) if (await repo.takeSeat(tx, c.id)) return c;
  return null;
}

async function validate(deps: ModuleDeps, input: BookingInput) {
  const db = deps.db.kysely;
  const slot = await repo.findSlot(db, input.slotId);
  const product = await repo.findProduct(db, input.productId);
  if (!slot || !product || slot.program_id !== product.program_id) throw new BookingError('not_found');
  const program = await repo.findProgram(db, slot.program_id);
  if (!program || program.status !== 'active') throw new BookingError('not_found');
  if (program.booking_mode === 'invitation') throw new BookingError('invitation_required');
  if (slot.starts_at <= deps.now()) throw new BookingError('slot_past');
  if (input.dose !== 1) throw new BookingError('wrong_dose');
  const site = await db
    .selectFrom('sites')
    .select(['time_zone', 'name', 'address', 'postal_code'])
    .where('id', '=', slot.site_id)
    .executeTakeFirst();
  if (!site) throw new BookingError('not_found');
  const slotDate = DateTime.fromMillis(slot.starts_at, { zone: site.time_zone }).toISODate() ?? '';
  if (ageOn(input.person.birthDate, slotDate) < product.min_age_years) throw new BookingError('not_eligible');
  return { slot, product, program, site };
}

/** Book dose 1 (and hold the later doses of a series). Throws BookingError with the reason when refused. */
export async function bookAppointment(deps: ModuleDeps, input: BookingInput): Promise<BookingResult> {
  const { slot, product, program, site } = await validate(deps, input);
  const now = deps.now();
  const manageToken = generateToken(24);
  try {
    return await deps.db.kysely.transaction().execute(async (tx) => {
      if (!(await repo.takeSeat(tx, slot.id))) throw new BookingError('slot_full');
      if (!(await repo.reserveDoses(tx, slot.site_id, product.id, product.doses))) throw new BookingError('no_doses');
      const held: repo.SlotRow[] = [];
      let previous = slot;
      for (let dose = 2; dose <= product.doses; dose++) {
        const next = await holdNextDose(
          tx,
          previous,
          previous.starts_at + product.min_days_between * DAY,
          previous.starts_at + product.max_days_between * DAY,
        );
        if (!next) throw new BookingError('no_second_dose');
        held.push(next);
        previous = next;
      }
      const contact =
        input.person.email || input.person.phone
          ? {
              contact: {
                name: `${input.person.givenName} ${input.person.familyName}`,
                locale: input.person.language,
                timeZone: site.time_zone,
                ...(input.person.email ? { email: input.person.email } : {}),
                ...(input.person.phone ? { phone: input.person.phone } : {}),
              },
            }
          : null;
      const person = await findOrCreatePerson(tx, deps.cipher, input.person, { now, contactId: null });
      const seriesId = randomUUID();
      const rows = [slot, ...held].map((s, i) => ({
        id: randomUUID(),
        person_id: person.id,
        slot_id: s.id,
        site_id: s.site_id,
        program_id: s.program_id,
        product_id: product.id,
        dose_number: i + 1,
        series_id: seriesId,
        channel: input.channel,
        status: 'booked' as const,
        confirmation_code: generateConfirmationCode(8),
        manage_token_hash: hashToken(manageToken),
        starts_at: s.starts_at,
        created_at: now,
        updated_at: now,
      }));
      for (const r of rows) await repo.insertBooking(tx, r);
      const first =
        rows[0] ??
        (() => {
          throw new Error('no booking row');
        })();
      if (contact) {
        const data = confirmationData(deps, {
          booking: first,
          slot,
          site,
          program,
          product,
          held,
          personName: input.person.givenName,
        });
        const sent = await notify(deps, tx, contact, confirmationTemplate, data, {
          idempotencyKey: `booking:${first.id}:confirmation`,
        });
        await tx
          .updateTable('people')
          .set({ contact_id: sent.contactId })
          .where('id', '=', person.id)
          .where('contact_id', 'is', null)
          .execute();
        await tx
          .updateTable('bookings')
          .set({ contact_id: sent.contactId })
          .where('series_id', '=', seriesId)
          .execute();
        for (const [i, r] of rows.entries())
          await scheduleReminder(deps, tx, sent.contactId, data, r, [slot, ...held][i]);
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
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw new BookingError('already_booked');
    throw err;
  }
}

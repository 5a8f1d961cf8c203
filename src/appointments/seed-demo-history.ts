/**
 * Demo: nine months of past visits, so the reports built on the transactions feed (feedback's "customers served",
 * the A-11 export) have real transactions to count. Each visit is a person, a one-seat slot that day, a booking
 * given its dose (status administered, with its administrations row) and, for most people, a contact in English
 * or Spanish. Written in bulk rather than through bookAppointment so no confirmation or reminder is sent for the
 * past; the history predates the demo's stock, so doses on hand and the ledger are untouched.
 */
import { randomUUID } from 'node:crypto';
import { DateTime } from 'luxon';
import { createContact } from '../notifications/index.js';
import { generateConfirmationCode, generateToken, hashToken } from '../platform/crypto/index.js';
import type { ModuleDeps } from '../platform/module.js';
import { identityIndex } from './people.js';

const DAYS = 270;
const CHANNELS = ['web', 'web', 'web', 'phone', 'phone', 'api'] as const;
const GIVEN = ['Ana', 'Luis', 'Mei', 'John', 'Fatima', 'Carlos', 'Grace', 'Tomás'];
const FAMILY = ['García', 'Smith', 'Nguyen', 'López', 'Okafor', 'Rossi', 'Kim', 'Díaz'];

/** A small seeded generator (mulberry32), so every demo has the same history. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export async function seedDemoHistory(
  deps: ModuleDeps,
  o: { programId: string; productId: string; sites: { id: string; time_zone: string }[] },
): Promise<void> {
  const random = seeded(7);
  const identities = new Set<string>();
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length) % list.length] as T; // non-empty lists
  const now = deps.now();
  await deps.db.kysely.transaction().execute(async (tx) => {
    for (const [siteIndex, site] of o.sites.entries()) {
      const today = DateTime.fromMillis(now, { zone: site.time_zone }).startOf('day');
      for (let back = DAYS; back >= 1; back--) {
        const day = today.minus({ days: back });
        if (day.weekday === 7) continue;
        const visits = 1 + Math.floor(random() * 2) + (siteIndex === 0 ? 1 : 0);
        for (let v = 0; v < visits; v++) {
          const startsAt = day.set({ hour: 9 + v, minute: 15 * (siteIndex % 4) }).toMillis();
          const at = startsAt + 10 * 60_000;
          const slotId = randomUUID();
          await tx
            .insertInto('slots')
            .values({
              id: slotId,
              site_id: site.id,
              program_id: o.programId,
              starts_at: startsAt,
              ends_at: startsAt + 15 * 60_000,
              capacity: 1,
              booked: 1,
              status: 'open',
              created_at: startsAt - 30 * 86_400_000,
            })
            .execute();
          const person = {
            givenName: pick(GIVEN),
            familyName: pick(FAMILY),
            birthDate: `19${50 + Math.floor(random() * 50)}-0${1 + Math.floor(random() * 9)}-1${Math.floor(random() * 9)}`,
          };
          // One record per identity (a unique index): a drawn name and birth date already used is someone else,
          // born a year earlier (no extra random draws, so the rest of the history stays the same).
          let identity = identityIndex(deps.cipher, person);
          while (identities.has(identity)) {
            person.birthDate = `${Number(person.birthDate.slice(0, 4)) - 1}${person.birthDate.slice(4)}`;
            identity = identityIndex(deps.cipher, person);
          }
          identities.add(identity);
          const language = random() < 0.35 ? 'es' : 'en';
          const n = siteIndex * 10_000 + back * 10 + v;
          // Most people leave a contact; some come without one (they cannot be offered a survey).
          const contactId =
            random() < 0.85
              ? await createContact(
                  tx,
                  deps.cipher,
                  random() < 0.5
                    ? { email: `visitor${n}@example.com`, locale: language }
                    : { phone: `+1555${String(1_000_000 + n).slice(-7)}`, locale: language },
                  { now: at, defaultTimeZone: site.time_zone },
                )
              : null;
          const personId = randomUUID();
          await tx
            .insertInto('people')
            .values({
              id: personId,
              given_name_enc: deps.cipher.encrypt(person.givenName, 'person.given_name'),
              family_name_enc: deps.cipher.encrypt(person.familyName, 'person.family_name'),
              birth_date_enc: deps.cipher.encrypt(person.birthDate, 'person.birth_date'),
              identity_index: identityIndex(deps.cipher, person),
              contact_id: contactId,
              created_at: startsAt - 7 * 86_400_000,
              updated_at: startsAt - 7 * 86_400_000,
            })
            .execute();
          const bookingId = randomUUID();
          await tx
            .insertInto('bookings')
            .values({
              id: bookingId,
              person_id: personId,
              slot_id: slotId,
              site_id: site.id,
              program_id: o.programId,
              product_id: o.productId,
              dose_number: 1,
              series_id: bookingId,
              channel: pick(CHANNELS),
              status: 'administered',
              confirmation_code: generateConfirmationCode(8),
              manage_token_hash: hashToken(generateToken()),
              starts_at: startsAt,
              revision: 0,
              contact_id: contactId,
              created_at: startsAt - 7 * 86_400_000,
              updated_at: at,
            })
            .execute();
          await tx
            .insertInto('administrations')
            .values({
              booking_id: bookingId,
              site_id: site.id,
              product_id: o.productId,
              dose_number: 1,
              lot: 'DEMO-000',
              expires_on: '2026-12-31',
              staff_user_id: null,
              recorded_by: 'demo',
              vaccinator_name: null,
              injection_site: null,
              administered_at: at,
            })
            .execute();
        }
      }
    }
  });
}

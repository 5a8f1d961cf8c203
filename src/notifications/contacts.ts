/**
 * Contacts: how to reach a person (e-mail and/or mobile), in which language, through which channels. Names,
 * addresses and numbers are encrypted; blind indexes find a contact by number (for inbound SMS) without
 * storing it in the clear.
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { FieldCipher } from '../platform/crypto/index.js';
import type { Queryable } from '../platform/db/index.js';
import { LOCALES, type Locale } from '../platform/i18n/index.js';
import { normalizePhone } from './phone.js';
import * as repo from './repository.js';

export const ContactInputSchema = z
  .object({
    name: z.string().trim().max(200).optional(),
    email: z.email().max(254).optional(),
    phone: z
      .string()
      .transform((v, ctx) => normalizePhone(v) ?? (ctx.addIssue({ code: 'custom', message: 'invalid phone' }), z.NEVER))
      .optional(),
    locale: z.enum(LOCALES),
    channels: z.enum(['email', 'sms', 'both', 'none']).optional(),
    timeZone: z.string().optional(),
  })
  .refine((c) => c.email !== undefined || c.phone !== undefined, {
    message: 'an e-mail address or a phone number is required',
  });
export type ContactInput = z.input<typeof ContactInputSchema>;

/** A contact as the module's code sees it: decrypted. Never log it. */
export interface Contact {
  id: string;
  name: string | null;
  email: string | null;
  phone: string | null;
  locale: Locale;
  channels: repo.ContactRow['channels'];
  emailOptOutAt: number | null;
  smsStoppedAt: number | null;
  timeZone: string;
}

export const phoneIndex = (cipher: FieldCipher, e164: string) => cipher.blindIndex(e164, 'contact.phone');
export const emailIndex = (cipher: FieldCipher, email: string) =>
  cipher.blindIndex(email.toLowerCase(), 'contact.email');

/** Create a contact (inside the caller's transaction). */
export async function createContact(
  db: Queryable,
  cipher: FieldCipher,
  input: ContactInput,
  o: { now: number; defaultTimeZone: string },
): Promise<string> {
  const c = ContactInputSchema.parse(input);
  const id = randomUUID();
  const email = c.email?.toLowerCase();
  await repo.insertContact(db, {
    id,
    name_enc: c.name ? cipher.encrypt(c.name, 'contact.name') : null,
    email_enc: email ? cipher.encrypt(email, 'contact.email') : null,
    email_index: email ? emailIndex(cipher, email) : null,
    phone_enc: c.phone ? cipher.encrypt(c.phone, 'contact.phone') : null,
    phone_index: c.phone ? phoneIndex(cipher, c.phone) : null,
    locale: c.locale,
    channels: c.channels ?? (email && c.phone ? 'both' : email ? 'email' : 'sms'),
    email_opt_out_at: null,
    time_zone: c.timeZone ?? o.defaultTimeZone,
    created_at: o.now,
    updated_at: o.now,
  });
  return id;
}

function decryptContact(
  cipher: FieldCipher,
  row: repo.ContactRow,
  suppression: { created_at: number } | undefined,
): Contact {
  return {
    id: row.id,
    name: row.name_enc ? cipher.decrypt(row.name_enc, 'contact.name') : null,
    email: row.email_enc ? cipher.decrypt(row.email_enc, 'contact.email') : null,
    phone: row.phone_enc ? cipher.decrypt(row.phone_enc, 'contact.phone') : null,
    locale: row.locale === 'es' ? 'es' : 'en',
    channels: row.channels,
    emailOptOutAt: row.email_opt_out_at,
    smsStoppedAt: suppression?.created_at ?? null,
    timeZone: row.time_zone,
  };
}

/** Read and decrypt a contact, with the number's STOP state. */
export async function loadContact(db: Queryable, cipher: FieldCipher, id: string): Promise<Contact | null> {
  const row = await repo.findContact(db, id);
  if (!row) return null;
  const suppression = row.phone_index ? await repo.findSuppression(db, row.phone_index) : undefined;
  return decryptContact(cipher, row, suppression);
}

/** Many contacts at once (bulk messages): a query per 500 ids, and one for their numbers' STOP state. */
export async function loadContacts(db: Queryable, cipher: FieldCipher, ids: string[]): Promise<Map<string, Contact>> {
  const out = new Map<string, Contact>();
  const unique = [...new Set(ids)];
  for (let i = 0; i < unique.length; i += 500) {
    const rows = await repo.findContacts(db, unique.slice(i, i + 500));
    const indexes = rows.flatMap((r) => (r.phone_index ? [r.phone_index] : []));
    const stops = new Map((await repo.findSuppressions(db, indexes)).map((x) => [x.phone_index, x] as const));
    for (const row of rows)
      out.set(row.id, decryptContact(cipher, row, row.phone_index ? stops.get(row.phone_index) : undefined));
  }
  return out;
}

/** The channels a message may use now: chosen by the person and not opted out. */
export function usableChannels(c: Contact): ('email' | 'sms')[] {
  const out: ('email' | 'sms')[] = [];
  if (c.email && (c.channels === 'email' || c.channels === 'both') && c.emailOptOutAt === null) out.push('email');
  if (c.phone && (c.channels === 'sms' || c.channels === 'both') && c.smsStoppedAt === null) out.push('sms');
  return out;
}

/**
 * The notifications module's personal data for the privacy module (ADR 0021): contacts (name, e-mail, phone,
 * encrypted, with blind indexes) and the messages sent to or received from them (recipient and content, encrypted).
 *
 * - Found by e-mail or phone (the contacts' blind indexes) or by contact id; a contact's messages come with it.
 * - Anonymising a contact empties its name, e-mail and phone and their indexes and sets "do not contact"; its row
 *   (language, time zone, dates) stays, so bookings that point at it keep counting under their language. A message
 *   keeps type, channel, direction, status, segments and times; its recipient and content become empty (a message
 *   still queued is suppressed instead of sent). STOP stays with the number (`sms_suppressions`, a keyed hash):
 *   texting someone who said STOP is what the law forbids, so that one fact outlives the contact.
 * - Retention: messages RETENTION_MESSAGES_DAYS after they were written; a contact once it has had no message and no
 *   change for as long and no record of any module that is not anonymised points at it.
 */
import type { Queryable } from '../platform/db/index.js';
import { formatDateTime, LOCALE_NAMES, isLocale, type Locale } from '../platform/i18n/index.js';
import {
  idsOf,
  type CorrectableField,
  type CorrectionOutcome,
  type PersonalDataDeps,
  type PersonalDataSource,
  type PersonalRecord,
  type PersonKeys,
  type PersonPatch,
  type RetentionContext,
} from '../platform/personal-data.js';
import { emailIndex, phoneIndex } from './contacts.js';
import { notificationsMessages, type NotificationsKey } from './messages.js';
import { decryptContent, type StoredContent } from './notify.js';
import { maskEmail, maskPhone, normalizePhone } from './phone.js';
import * as repo from './repository.js';

// Columns added by migration 0023 (declared here, beside the only code that writes them).
declare module './repository.js' {
  interface ContactsTable {
    /** When the contact's personal fields were removed (retention or erasure); null while they are kept. */
    anonymised_at?: number | null;
  }
  interface MessagesTable {
    /** When the message's recipient and content were removed; null while they are kept. */
    anonymised_at?: number | null;
  }
}

const SOURCE = 'notifications';
const KIND = 'contact';
const DAY = 86_400_000;
const ref = (id: string) => `${SOURCE}:${KIND}:${id}`;
const t = (locale: Locale) => notificationsMessages.for(locale);
const CHANNEL_KEYS: Record<repo.ContactRow['channels'], NotificationsKey> = {
  email: 'channels.email',
  sms: 'channels.sms',
  both: 'channels.both',
  none: 'channels.none',
};
const EMPTY: StoredContent = { subject: '', text: '', html: '', bodyHtml: '', sms: '', attachments: [] };

async function matchingContacts(deps: PersonalDataDeps, keys: PersonKeys): Promise<repo.ContactRow[]> {
  const emails = keys.emails.map((e) => emailIndex(deps.cipher, e));
  const phones = keys.phones.flatMap((p) => {
    const e164 = normalizePhone(p);
    return e164 ? [phoneIndex(deps.cipher, e164)] : [];
  });
  if (emails.length + phones.length + keys.contactIds.length === 0) return [];
  return deps.db.kysely
    .selectFrom('contacts')
    .selectAll()
    .where('anonymised_at', 'is', null)
    .where((eb) =>
      eb.or([
        ...(emails.length > 0 ? [eb('email_index', 'in', emails)] : []),
        ...(phones.length > 0 ? [eb('phone_index', 'in', phones)] : []),
        ...(keys.contactIds.length > 0 ? [eb('id', 'in', keys.contactIds)] : []),
      ]),
    )
    .orderBy('created_at')
    .execute();
}

function decrypt(deps: PersonalDataDeps, c: repo.ContactRow) {
  return {
    name: c.name_enc ? deps.cipher.decrypt(c.name_enc, 'contact.name') : null,
    email: c.email_enc ? deps.cipher.decrypt(c.email_enc, 'contact.email') : null,
    phone: c.phone_enc ? deps.cipher.decrypt(c.phone_enc, 'contact.phone') : null,
  };
}

const messagesOf = (db: Queryable, contactId: string) =>
  db
    .selectFrom('messages')
    .selectAll()
    .where('contact_id', '=', contactId)
    .where('anonymised_at', 'is', null)
    .orderBy('created_at')
    .execute();

async function toRecord(deps: PersonalDataDeps, c: repo.ContactRow): Promise<PersonalRecord> {
  const v = decrypt(deps, c);
  const messages = await messagesOf(deps.db.kysely, c.id);
  const last = messages.at(-1)?.created_at;
  const language = isLocale(c.locale) ? LOCALE_NAMES[c.locale] : c.locale;
  return {
    ref: ref(c.id),
    title: (l) =>
      t(l)('personalData.title', { who: v.name ?? (v.email ? maskEmail(v.email) : maskPhone(v.phone ?? '')) }),
    facts: [
      ...(v.name ? [{ label: (l: Locale) => t(l)('contact.name'), value: () => v.name ?? '' }] : []),
      ...(v.email ? [{ label: (l: Locale) => t(l)('contact.email'), value: () => v.email ?? '' }] : []),
      ...(v.phone ? [{ label: (l: Locale) => t(l)('contact.phone'), value: () => v.phone ?? '' }] : []),
      { label: (l) => t(l)('contact.language'), value: () => language },
      { label: (l) => t(l)('contact.channels'), value: (l) => t(l)(CHANNEL_KEYS[c.channels]) },
      {
        label: (l) => t(l)('contact.messages'),
        value: (l) =>
          last === undefined
            ? t(l)('contact.none')
            : t(l)('personalData.messages', {
                count: messages.length,
                last: formatDateTime(last, l, deps.config.agencyTimeZone, 'date'),
              }),
      },
    ],
    links: {
      contactIds: [c.id],
      ...(v.email ? { emails: [v.email] } : {}),
      ...(v.phone ? { phones: [v.phone] } : {}),
    },
    correctable: [...(v.name ? (['givenName', 'familyName'] as const) : []), 'email', 'phone'],
  };
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

async function correct(
  deps: PersonalDataDeps,
  tx: Queryable,
  refs: string[],
  patch: PersonPatch,
): Promise<CorrectionOutcome> {
  const changed: { ref: string; fields: CorrectableField[] }[] = [];
  const ids = idsOf(refs, SOURCE, KIND);
  const rows = ids.length === 0 ? [] : await repo.findContacts(tx, ids);
  for (const c of rows.filter((r) => r.anonymised_at === null || r.anonymised_at === undefined)) {
    const set: Partial<repo.ContactsTable> = {};
    const fields: CorrectableField[] = [];
    if (c.name_enc && patch.givenName !== undefined && patch.familyName !== undefined) {
      set.name_enc = deps.cipher.encrypt(`${patch.givenName} ${patch.familyName}`, 'contact.name');
      fields.push('givenName', 'familyName');
    }
    if (patch.email !== undefined) {
      const email = patch.email.toLowerCase();
      set.email_enc = deps.cipher.encrypt(email, 'contact.email');
      set.email_index = emailIndex(deps.cipher, email);
      fields.push('email');
    }
    const phone = patch.phone === undefined ? null : normalizePhone(patch.phone);
    if (phone) {
      set.phone_enc = deps.cipher.encrypt(phone, 'contact.phone');
      set.phone_index = phoneIndex(deps.cipher, phone);
      fields.push('phone');
    }
    if (fields.length === 0) continue;
    await repo.updateContact(tx, c.id, { ...set, updated_at: deps.now() });
    changed.push({ ref: ref(c.id), fields });
  }
  return { ok: true, changed };
}

/** Empty the recipient and content of these messages; one still queued is suppressed rather than sent. */
async function anonymiseMessages(deps: PersonalDataDeps, tx: Queryable, ids: string[], now: number): Promise<number> {
  if (ids.length === 0) return 0;
  await tx
    .updateTable('messages')
    .set({ status: 'suppressed', last_error: null, updated_at: now })
    .where('id', 'in', ids)
    .where('status', '=', 'queued')
    .execute();
  const r = await tx
    .updateTable('messages')
    .set({
      recipient_enc: deps.cipher.encrypt('', 'message.recipient'),
      content_enc: deps.cipher.encrypt(JSON.stringify(EMPTY), 'message.content'),
      provider_id: null,
      // A provider's error may repeat the address it refused.
      last_error: null,
      anonymised_at: now,
    })
    .where('id', 'in', ids)
    .where('anonymised_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

async function anonymiseContacts(tx: Queryable, ids: string[], now: number): Promise<number> {
  if (ids.length === 0) return 0;
  const r = await tx
    .updateTable('contacts')
    .set({
      name_enc: null,
      email_enc: null,
      email_index: null,
      phone_enc: null,
      phone_index: null,
      channels: 'none',
      anonymised_at: now,
      updated_at: now,
    })
    .where('id', 'in', ids)
    .where('anonymised_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

async function retention(ctx: RetentionContext, tx: Queryable) {
  const cutoff = ctx.now - ctx.deps.config.retention.messagesDays * DAY;
  const old = await tx
    .selectFrom('messages')
    .select('id')
    .where('anonymised_at', 'is', null)
    .where('created_at', '<', cutoff)
    .where('status', 'not in', ['queued', 'sending'])
    .orderBy('created_at')
    .limit(ctx.batch)
    .execute();
  const messages = await anonymiseMessages(
    ctx.deps,
    tx,
    old.map((m) => m.id),
    ctx.now,
  );
  // Contacts quiet for the period, a page after this run's cursor (those still in use are passed over).
  const after = ctx.progress.get('notifications.contacts') ?? '';
  const quiet = await tx
    .selectFrom('contacts as c')
    .select('c.id')
    .where('c.anonymised_at', 'is', null)
    .where('c.updated_at', '<', cutoff)
    .where('c.id', '>', after)
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('messages as m')
            .select('m.id')
            .whereRef('m.contact_id', '=', 'c.id')
            .where('m.created_at', '>=', cutoff),
        ),
      ),
    )
    .orderBy('c.id')
    .limit(ctx.batch)
    .execute();
  const ids = quiet.map((c) => c.id);
  const used = await ctx.contactsInUse(tx, ids);
  const contacts = await anonymiseContacts(
    tx,
    ids.filter((id) => !used.has(id)),
    ctx.now,
  );
  const last = ids.at(-1);
  if (last) ctx.progress.set('notifications.contacts', last);
  return {
    counts: { messages, contacts },
    more: old.length === ctx.batch || quiet.length === ctx.batch,
  };
}

/** Contacts and their messages, as the privacy module sees them. */
export const notificationsPersonalData: PersonalDataSource = {
  name: SOURCE,
  async find(deps, keys) {
    const out = [];
    for (const c of await matchingContacts(deps, keys)) out.push(await toRecord(deps, c));
    return out;
  },
  async export(deps, refs) {
    const ids = idsOf(refs, SOURCE, KIND);
    const rows = ids.length === 0 ? [] : await repo.findContacts(deps.db.kysely, ids);
    const out = [];
    for (const c of rows) {
      if (c.anonymised_at !== null && c.anonymised_at !== undefined) continue;
      const messages = await messagesOf(deps.db.kysely, c.id);
      out.push({
        ref: ref(c.id),
        data: {
          ...decrypt(deps, c),
          language: c.locale,
          contactBy: c.channels,
          timeZone: c.time_zone,
          emailUnsubscribedAt: iso(c.email_opt_out_at),
          createdAt: iso(c.created_at),
          messages: messages.map((m) => {
            const content = decryptContent(deps, m);
            return {
              type: m.type,
              direction: m.direction,
              channel: m.channel,
              status: m.status,
              to: deps.cipher.decrypt(m.recipient_enc, 'message.recipient'),
              createdAt: iso(m.created_at),
              sentAt: iso(m.sent_at),
              ...(m.channel === 'email' ? { subject: content.subject, text: content.text } : { text: content.sms }),
            };
          }),
        },
      });
    }
    return out;
  },
  correct,
  async erase(deps, tx, refs) {
    const ids = idsOf(refs, SOURCE, KIND);
    if (ids.length === 0) return;
    const now = deps.now();
    const messages = await tx.selectFrom('messages').select('id').where('contact_id', 'in', ids).execute();
    await anonymiseMessages(
      deps,
      tx,
      messages.map((m) => m.id),
      now,
    );
    await anonymiseContacts(tx, ids, now);
  },
  retention,
  // Contacts go once nothing else uses them: after every other module's retention in the same run.
  retentionOrder: 90,
};

/**
 * The one entry point for messages: `notify(deps, tx, recipient, template, data, options)`. It renders the
 * message in the recipient's language, records one row per channel and queues its delivery as a durable job —
 * all inside the caller's transaction, so a change and its message commit together or not at all (an outbox).
 */
import { randomUUID } from 'node:crypto';
import type { Queryable } from '../platform/db/index.js';
import { enqueue, enqueueMany } from '../platform/jobs/index.js';
import { callUs, phoneForDisplay } from '../platform/agency/contact.js';
import type {
  MessageAttachment,
  MessageRenderContext,
  MessageTemplate,
  RenderedMessage,
} from '../platform/message-template.js';
import type { ModuleDeps } from '../platform/module.js';
import {
  createContact,
  loadContact,
  loadContacts,
  usableChannels,
  type Contact,
  type ContactInput,
} from './contacts.js';
import { renderEmailDocument } from './email-document.js';
import { preferencesUrl } from './preferences-link.js';
import { nextSendableTime } from './quiet-hours.js';
import * as repo from './repository.js';
import { countSegments } from './sms-segments.js';

export type Recipient = { contactId: string } | { contact: ContactInput };

export interface NotifyOptions {
  /** The same key never sends twice (per channel). */
  idempotencyKey?: string;
  /** Send no earlier than this instant (reminders). */
  sendAt?: number;
  /** Restrict to these channels (still only those the person allows). */
  channels?: ('email' | 'sms')[];
}

/** What is stored (encrypted) for each message: exactly what was sent. */
export interface StoredContent {
  subject: string;
  text: string;
  /** The full e-mail document sent. */
  html: string;
  /** The template's own HTML fragment (for previews inside console pages). */
  bodyHtml: string;
  sms: string;
  attachments: MessageAttachment[];
}

export interface NotifyResult {
  contactId: string;
  messages: { id: string; channel: 'email' | 'sms'; status: repo.MessageStatus }[];
}

async function resolveContact(deps: ModuleDeps, tx: Queryable, r: Recipient): Promise<Contact> {
  const now = deps.now();
  const id =
    'contactId' in r
      ? r.contactId
      : await createContact(tx, deps.cipher, r.contact, { now, defaultTimeZone: deps.config.agencyTimeZone });
  const contact = await loadContact(tx, deps.cipher, id);
  if (!contact) throw new Error(`notify: no contact ${id}`);
  return contact;
}

function wanted(contact: Contact): ('email' | 'sms')[] {
  const out: ('email' | 'sms')[] = [];
  if (contact.email && (contact.channels === 'email' || contact.channels === 'both')) out.push('email');
  if (contact.phone && (contact.channels === 'sms' || contact.channels === 'both')) out.push('sms');
  return out;
}

/** What every template renders with: the agency's name and phone, and the preferences link when there is one. */
export function renderContext(config: ModuleDeps['config'], preferencesUrl?: string): MessageRenderContext {
  return {
    agencyName: config.agencyName,
    agencyPhone: phoneForDisplay(config.agencyContact.phone),
    ...(preferencesUrl ? { preferencesUrl } : {}),
  };
}

function render<D>(deps: ModuleDeps, template: MessageTemplate<D>, data: D, contact: Contact): StoredContent {
  const prefs = template.transactional ? undefined : preferencesUrl(deps.config, contact.id, contact.locale);
  const r: RenderedMessage = template.render(data, contact.locale, renderContext(deps.config, prefs));
  const contactLine = callUs(deps.config.agencyContact, contact.locale);
  return {
    ...r,
    // Every e-mail says how to reach the county by phone (the text part too).
    text: `${r.text.trimEnd()}\n\n${contactLine}\n`,
    bodyHtml: r.html,
    html: renderEmailDocument({
      locale: contact.locale,
      agencyName: deps.config.agencyName,
      agencyContact: deps.config.agencyContact,
      subject: r.subject,
      bodyHtml: r.html,
      preferencesUrl: prefs,
    }),
    attachments: template.attachments?.(data, contact.locale) ?? [],
  };
}

/** The message rows for every channel the person wants (suppressed where they opted out), not yet stored. */
function compose<D>(
  deps: ModuleDeps,
  contact: Contact,
  template: MessageTemplate<D>,
  data: D,
  options: NotifyOptions,
): repo.MessagesTable[] {
  const content = render(deps, template, data, contact);
  const usable = new Set(usableChannels(contact));
  const now = deps.now();
  const sealed = deps.cipher.encrypt(JSON.stringify(content), 'message.content');
  return wanted(contact)
    .filter((c) => !options.channels || options.channels.includes(c))
    .map((channel) => {
      const base = options.sendAt ?? now;
      const status: repo.MessageStatus = usable.has(channel) ? 'queued' : 'suppressed';
      const recipientValue = channel === 'email' ? (contact.email ?? '') : (contact.phone ?? '');
      return {
        id: randomUUID(),
        contact_id: contact.id,
        direction: 'outbound',
        channel,
        type: template.type,
        locale: contact.locale,
        status,
        transactional: template.transactional ? 1 : 0,
        recipient_enc: deps.cipher.encrypt(recipientValue, 'message.recipient'),
        content_enc: sealed,
        segments: channel === 'sms' ? countSegments(content.sms).segments : null,
        provider_id: null,
        idempotency_key: options.idempotencyKey ? `${options.idempotencyKey}:${channel}` : null,
        attempts: 0,
        last_error: status === 'suppressed' ? 'recipient opted out of this channel' : null,
        send_after:
          channel === 'sms' && !template.urgent
            ? nextSendableTime(base, contact.timeZone, deps.config.notify.quietHours)
            : base,
        created_at: now,
        updated_at: now,
        sent_at: null,
      };
    });
}

const DELIVER = { maxAttempts: 12 };

/** Record a message for every channel the person wants and queue its delivery, inside `tx`. */
export async function notify<D>(
  deps: ModuleDeps,
  tx: Queryable,
  recipient: Recipient,
  template: MessageTemplate<D>,
  data: D,
  options: NotifyOptions = {},
): Promise<NotifyResult> {
  const valid = template.schema.parse(data);
  const contact = await resolveContact(deps, tx, recipient);
  const result: NotifyResult = { contactId: contact.id, messages: [] };
  for (const row of compose(deps, contact, template, valid, options)) {
    const inserted = await repo.insertMessage(tx, row);
    if (!inserted && row.idempotency_key) {
      const existing = await repo.findMessageIdByKey(tx, row.idempotency_key);
      if (existing) result.messages.push({ id: existing, channel: row.channel, status: 'queued' });
      continue;
    }
    if (row.status === 'queued') {
      await enqueue(
        tx,
        deps.db.dialect,
        'deliver-message',
        { messageId: row.id },
        { runAt: row.send_after, idempotencyKey: `deliver:${row.id}`, now: row.created_at, ...DELIVER },
      );
    }
    result.messages.push({ id: row.id, channel: row.channel, status: row.status });
  }
  return result;
}

export interface BulkNotice<D> {
  contactId: string;
  data: D;
  /** Required: a bulk run that is retried must never send twice. */
  idempotencyKey: string;
}

/**
 * The same as `notify` for many people at once (a matching run's invitations): contacts read a few hundred at a
 * time, messages and their delivery jobs inserted in multi-row statements, all inside `tx`. Each notice still gets
 * its own rendering in the person's language and its own suppression check. Returns how many messages were queued.
 */
export async function notifyMany<D>(
  deps: ModuleDeps,
  tx: Queryable,
  template: MessageTemplate<D>,
  notices: BulkNotice<D>[],
): Promise<number> {
  const contacts = await loadContacts(
    tx,
    deps.cipher,
    notices.map((n) => n.contactId),
  );
  const rows: repo.MessagesTable[] = [];
  for (const n of notices) {
    const contact = contacts.get(n.contactId);
    if (!contact) throw new Error(`notify: no contact ${n.contactId}`);
    rows.push(...compose(deps, contact, template, template.schema.parse(n.data), { idempotencyKey: n.idempotencyKey }));
  }
  const inserted = await repo.insertMessages(tx, rows);
  const queued = rows.filter((r) => r.status === 'queued' && inserted.has(r.id));
  await enqueueMany(
    tx,
    'deliver-message',
    queued.map((r) => ({ payload: { messageId: r.id }, runAt: r.send_after, idempotencyKey: `deliver:${r.id}` })),
    { now: deps.now(), ...DELIVER },
  );
  return queued.length;
}

export function decryptContent(deps: Pick<ModuleDeps, 'cipher'>, row: repo.MessageRow): StoredContent {
  return JSON.parse(deps.cipher.decrypt(row.content_enc, 'message.content')) as StoredContent;
}

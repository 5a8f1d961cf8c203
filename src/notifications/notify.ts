/**
 * The one entry point for messages: `notify(deps, tx, recipient, template, data, options)`. It renders the
 * message in the recipient's language, records one row per channel and queues its delivery as a durable job —
 * all inside the caller's transaction, so a change and its message commit together or not at all (an outbox).
 */
import { randomUUID } from 'node:crypto';
import type { Queryable } from '../platform/db/index.js';
import { enqueue } from '../platform/jobs/index.js';
import type { MessageTemplate, RenderedMessage, MessageAttachment } from '../platform/message-template.js';
import type { ModuleDeps } from '../platform/module.js';
import { createContact, loadContact, usableChannels, type Contact, type ContactInput } from './contacts.js';
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

function render<D>(deps: ModuleDeps, template: MessageTemplate<D>, data: D, contact: Contact): StoredContent {
  const prefs = template.transactional ? undefined : preferencesUrl(deps.config, contact.id, contact.locale);
  const r: RenderedMessage = template.render(data, contact.locale, {
    agencyName: deps.config.agencyName,
    ...(prefs ? { preferencesUrl: prefs } : {}),
  });
  return {
    ...r,
    bodyHtml: r.html,
    html: renderEmailDocument({
      locale: contact.locale,
      agencyName: deps.config.agencyName,
      subject: r.subject,
      bodyHtml: r.html,
      preferencesUrl: prefs,
    }),
    attachments: template.attachments?.(data, contact.locale) ?? [],
  };
}

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
  const content = render(deps, template, valid, contact);
  const usable = new Set(usableChannels(contact));
  const now = deps.now();
  const result: NotifyResult = { contactId: contact.id, messages: [] };
  for (const channel of wanted(contact).filter((c) => !options.channels || options.channels.includes(c))) {
    const id = randomUUID();
    const key = options.idempotencyKey ? `${options.idempotencyKey}:${channel}` : null;
    const base = options.sendAt ?? now;
    const sendAfter =
      channel === 'sms' && !template.urgent
        ? nextSendableTime(base, contact.timeZone, deps.config.notify.quietHours)
        : base;
    const status: repo.MessageStatus = usable.has(channel) ? 'queued' : 'suppressed';
    const recipientValue = channel === 'email' ? (contact.email ?? '') : (contact.phone ?? '');
    const inserted = await repo.insertMessage(tx, {
      id,
      contact_id: contact.id,
      direction: 'outbound',
      channel,
      type: template.type,
      locale: contact.locale,
      status,
      transactional: template.transactional ? 1 : 0,
      recipient_enc: deps.cipher.encrypt(recipientValue, 'message.recipient'),
      content_enc: deps.cipher.encrypt(JSON.stringify(content), 'message.content'),
      segments: channel === 'sms' ? countSegments(content.sms).segments : null,
      provider_id: null,
      idempotency_key: key,
      attempts: 0,
      last_error: status === 'suppressed' ? 'recipient opted out of this channel' : null,
      send_after: sendAfter,
      created_at: now,
      updated_at: now,
      sent_at: null,
    });
    if (!inserted && key) {
      const existing = await repo.findMessageIdByKey(tx, key);
      if (existing) result.messages.push({ id: existing, channel, status: 'queued' });
      continue;
    }
    if (status === 'queued') {
      await enqueue(
        tx,
        deps.db.dialect,
        'deliver-message',
        { messageId: id },
        { runAt: sendAfter, idempotencyKey: `deliver:${id}`, now, maxAttempts: 12 },
      );
    }
    result.messages.push({ id, channel, status });
  }
  return result;
}

export function decryptContent(deps: Pick<ModuleDeps, 'cipher'>, row: repo.MessageRow): StoredContent {
  return JSON.parse(deps.cipher.decrypt(row.content_enc, 'message.content')) as StoredContent;
}

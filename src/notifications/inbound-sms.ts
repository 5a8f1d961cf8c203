/**
 * Replies to our texts. STOP and START (and their Spanish equivalents) change whether the number gets texts at
 * all; HELP answers with who we are. Anything else goes to the module that owns the conversation (e.g. an
 * invitation waiting for "YES"). Every inbound text is recorded, encrypted. Each provider message id is handled
 * once: it is claimed in the database first (a unique key), so a replayed or retried webhook — even two deliveries
 * at the same moment — is ignored.
 */
import { phoneForDisplay } from '../platform/agency/contact.js';
import { randomUUID } from 'node:crypto';
import { recordAudit } from '../platform/audit/index.js';
import type { Locale } from '../platform/i18n/index.js';
import type { InboundSmsHandler } from '../platform/message-template.js';
import type { ModuleDeps } from '../platform/module.js';
import { phoneIndex } from './contacts.js';
import { notificationsMessages } from './messages.js';
import { normalizePhone } from './phone.js';
import * as repo from './repository.js';

const STOP = new Map<string, Locale>([
  ...['STOP', 'STOPALL', 'UNSUBSCRIBE', 'CANCEL', 'END', 'QUIT', 'REVOKE', 'OPTOUT'].map((k) => [k, 'en'] as const),
  ...['ALTO', 'PARAR', 'DETENER', 'BAJA', 'CANCELAR'].map((k) => [k, 'es'] as const),
]);
const START = new Map<string, Locale>([
  ...['START', 'UNSTOP'].map((k) => [k, 'en'] as const),
  ...['COMENZAR', 'INICIAR', 'ALTA', 'REANUDAR'].map((k) => [k, 'es'] as const),
]);
const HELP = new Map<string, Locale>([
  ...['HELP', 'INFO'].map((k) => [k, 'en'] as const),
  ...['AYUDA'].map((k) => [k, 'es'] as const),
]);

export function keywordOf(body: string): string {
  return body
    .trim()
    .toUpperCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Z]/g, '');
}

export interface InboundResult {
  reply: string | null;
  action: 'stopped' | 'started' | 'help' | 'handled' | 'unhandled' | 'duplicate';
}

async function localeOf(deps: ModuleDeps, index: string): Promise<Locale> {
  const [c] = await repo.findContactsByPhoneIndex(deps.db.kysely, index);
  return c?.locale === 'es' ? 'es' : deps.config.defaultLocale;
}

async function record(
  deps: ModuleDeps,
  from: string,
  body: string,
  providerId: string | null,
  contactId: string | null,
): Promise<void> {
  const now = deps.now();
  await repo.insertMessage(deps.db.kysely, {
    id: randomUUID(),
    contact_id: contactId,
    direction: 'inbound',
    channel: 'sms',
    type: 'inbound',
    locale: 'en',
    status: 'received',
    transactional: 1,
    recipient_enc: deps.cipher.encrypt(from, 'message.recipient'),
    content_enc: deps.cipher.encrypt(
      JSON.stringify({ subject: '', text: body, html: '', bodyHtml: '', sms: body, attachments: [] }),
      'message.content',
    ),
    segments: null,
    provider_id: providerId,
    idempotency_key: providerId ? `inbound:${providerId}` : null,
    attempts: 0,
    last_error: null,
    send_after: now,
    created_at: now,
    updated_at: now,
    sent_at: now,
  });
}

/** Handle one inbound text once per provider id; returns the reply to send back (or null). */
export async function handleInboundSms(
  deps: ModuleDeps,
  handlers: InboundSmsHandler[],
  msg: { from: string; body: string; providerId: string | null },
): Promise<InboundResult> {
  const from = normalizePhone(msg.from);
  if (!from) return { reply: null, action: 'unhandled' };
  const id = msg.providerId;
  if (id !== null && !(await repo.claimInboundSms(deps.db.kysely, id, deps.now())))
    return { reply: null, action: 'duplicate' };
  try {
    return await handleOnce(deps, handlers, { ...msg, from });
  } catch (err) {
    // Not handled after all: let the provider's retry in.
    if (id !== null) await repo.releaseInboundSms(deps.db.kysely, id);
    throw err;
  }
}

async function handleOnce(
  deps: ModuleDeps,
  handlers: InboundSmsHandler[],
  msg: { from: string; body: string; providerId: string | null },
): Promise<InboundResult> {
  const from = msg.from;
  const index = phoneIndex(deps.cipher, from);
  const contacts = await repo.findContactsByPhoneIndex(deps.db.kysely, index);
  await record(deps, from, msg.body, msg.providerId, contacts[0]?.id ?? null);
  const word = keywordOf(msg.body);
  const now = deps.now();
  const agency = deps.config.agencyName;
  const audit = (action: string) =>
    recordAudit(
      deps.db.kysely,
      { type: 'resident', label: 'sms' },
      { action, subjectType: 'contact', subjectId: contacts[0]?.id },
      now,
    );

  const stopLocale = STOP.get(word);
  if (stopLocale) {
    await repo.insertSuppression(deps.db.kysely, { phone_index: index, keyword: word, created_at: now });
    await audit('notifications.sms.stopped');
    return { reply: notificationsMessages.for(stopLocale)('sms.stopped', { agency }), action: 'stopped' };
  }
  const startLocale = START.get(word);
  if (startLocale) {
    await repo.deleteSuppression(deps.db.kysely, index);
    await audit('notifications.sms.started');
    return { reply: notificationsMessages.for(startLocale)('sms.started', { agency }), action: 'started' };
  }
  const helpLocale = HELP.get(word);
  if (helpLocale) {
    const phone = phoneForDisplay(deps.config.agencyContact.phone);
    return { reply: notificationsMessages.for(helpLocale)('sms.help', { agency, phone }), action: 'help' };
  }

  for (const h of handlers) {
    const reply = await h.handle({ from, body: msg.body, keyword: word, contactIds: contacts.map((c) => c.id) });
    if (reply !== undefined) return { reply, action: 'handled' };
  }
  const locale = await localeOf(deps, index);
  return { reply: notificationsMessages.for(locale)('sms.unknown', { agency }), action: 'unhandled' };
}

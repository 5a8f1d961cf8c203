/** All SQL of the notifications module. Personal data arrives and leaves encrypted; no rules here. */
import type { Selectable } from 'kysely';
import type { Queryable } from '../platform/db/index.js';

export interface ContactsTable {
  id: string;
  name_enc: string | null;
  email_enc: string | null;
  email_index: string | null;
  phone_enc: string | null;
  phone_index: string | null;
  locale: string;
  channels: 'email' | 'sms' | 'both' | 'none';
  email_opt_out_at: number | null;
  time_zone: string;
  created_at: number;
  updated_at: number;
}

export type MessageStatus =
  'queued' | 'sending' | 'sent' | 'delivered' | 'failed' | 'bounced' | 'suppressed' | 'received';

export interface MessagesTable {
  id: string;
  contact_id: string | null;
  direction: 'outbound' | 'inbound';
  channel: 'email' | 'sms';
  type: string;
  locale: string;
  status: MessageStatus;
  transactional: number;
  recipient_enc: string;
  content_enc: string;
  segments: number | null;
  provider_id: string | null;
  idempotency_key: string | null;
  attempts: number;
  last_error: string | null;
  send_after: number;
  created_at: number;
  updated_at: number;
  sent_at: number | null;
}

export interface SmsSuppressionsTable {
  phone_index: string;
  keyword: string;
  created_at: number;
}

/** Provider message ids of inbound texts already taken in (migration 0024). */
export interface SmsInboundReceiptsTable {
  provider_id: string;
  received_at: number;
}

declare module '../platform/db/schema.js' {
  interface Database {
    sms_inbound_receipts: SmsInboundReceiptsTable;
    sms_suppressions: SmsSuppressionsTable;
    contacts: ContactsTable;
    messages: MessagesTable;
  }
}

export type ContactRow = Selectable<ContactsTable>;
export type MessageRow = Selectable<MessagesTable>;

export async function insertContact(db: Queryable, c: ContactsTable): Promise<void> {
  await db.insertInto('contacts').values(c).execute();
}

export async function updateContact(
  db: Queryable,
  id: string,
  patch: Partial<Omit<ContactsTable, 'id' | 'created_at'>>,
): Promise<void> {
  await db.updateTable('contacts').set(patch).where('id', '=', id).execute();
}

export async function findContact(db: Queryable, id: string): Promise<ContactRow | undefined> {
  return db.selectFrom('contacts').selectAll().where('id', '=', id).executeTakeFirst();
}

export const findContacts = (db: Queryable, ids: string[]) =>
  ids.length === 0 ? Promise.resolve([]) : db.selectFrom('contacts').selectAll().where('id', 'in', ids).execute();

export async function findContactsByPhoneIndex(db: Queryable, index: string): Promise<ContactRow[]> {
  return db.selectFrom('contacts').selectAll().where('phone_index', '=', index).execute();
}

export async function insertMessage(db: Queryable, m: MessagesTable): Promise<boolean> {
  const r = await db
    .insertInto('messages')
    .values(m)
    .onConflict((oc) => oc.column('idempotency_key').doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) === 1;
}

/** Insert many messages; returns the ids actually inserted (an idempotency key already used inserts nothing). */
export async function insertMessages(db: Queryable, rows: MessagesTable[]): Promise<Set<string>> {
  const out = new Set<string>();
  for (let i = 0; i < rows.length; i += 500) {
    const inserted = await db
      .insertInto('messages')
      .values(rows.slice(i, i + 500))
      .onConflict((oc) => oc.column('idempotency_key').doNothing())
      .returning('id')
      .execute();
    for (const r of inserted) out.add(r.id);
  }
  return out;
}

export async function findMessage(db: Queryable, id: string): Promise<MessageRow | undefined> {
  return db.selectFrom('messages').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findMessageIdByKey(db: Queryable, key: string): Promise<string | undefined> {
  const r = await db.selectFrom('messages').select('id').where('idempotency_key', '=', key).executeTakeFirst();
  return r?.id;
}

/** The columns a status change may write. */
export type MessagePatch = Partial<Omit<MessagesTable, 'id'>>;

/**
 * Move a message from one of `from` only if nobody else did first. With `attempts`, also only while the row still
 * carries that many attempts — i.e. no newer delivery run has claimed it since this run read (or claimed) it.
 * Returns false if the row moved on.
 */
export async function transitionMessage(
  db: Queryable,
  id: string,
  from: MessageStatus[],
  patch: MessagePatch,
  o: { attempts?: number } = {},
): Promise<boolean> {
  let q = db.updateTable('messages').set(patch).where('id', '=', id).where('status', 'in', from);
  if (o.attempts !== undefined) q = q.where('attempts', '=', o.attempts);
  const r = await q.executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/**
 * Claim a message for one delivery run (compare-and-set): it becomes `sending` with one more attempt only if
 * `attempts` still holds the value this run read, and only if it is `queued` or its last claim is older than
 * `staleBefore` (a younger claim may belong to a run that is still handing it over). Of several runs that read the
 * same row, at most one wins; the others get false and must not hand the message over.
 */
export async function claimMessageForDelivery(
  db: Queryable,
  id: string,
  readAttempts: number,
  now: number,
  staleBefore: number,
): Promise<boolean> {
  const r = await db
    .updateTable('messages')
    .set({ status: 'sending', attempts: readAttempts + 1, updated_at: now })
    .where('id', '=', id)
    .where('attempts', '=', readAttempts)
    .where((eb) =>
      eb.or([eb('status', '=', 'queued'), eb.and([eb('status', '=', 'sending'), eb('updated_at', '<=', staleBefore)])]),
    )
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function findMessageByProviderId(db: Queryable, providerId: string): Promise<MessageRow | undefined> {
  return db.selectFrom('messages').selectAll().where('provider_id', '=', providerId).executeTakeFirst();
}

export interface MessageFilter {
  status?: MessageStatus | undefined;
  channel?: 'email' | 'sms' | undefined;
  contactId?: string | undefined;
  beforeCreatedAt?: number | undefined;
  limit: number;
}

export async function listMessages(db: Queryable, f: MessageFilter): Promise<MessageRow[]> {
  let q = db.selectFrom('messages').selectAll();
  if (f.status) q = q.where('status', '=', f.status);
  if (f.channel) q = q.where('channel', '=', f.channel);
  if (f.contactId) q = q.where('contact_id', '=', f.contactId);
  if (f.beforeCreatedAt !== undefined) q = q.where('created_at', '<', f.beforeCreatedAt);
  return q.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(f.limit).execute();
}

export async function findSuppression(db: Queryable, phoneIndex: string) {
  return db.selectFrom('sms_suppressions').selectAll().where('phone_index', '=', phoneIndex).executeTakeFirst();
}

export const findSuppressions = (db: Queryable, phoneIndexes: string[]) =>
  phoneIndexes.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom('sms_suppressions')
        .selectAll()
        .where('phone_index', 'in', [...new Set(phoneIndexes)])
        .execute();

/** Claim an inbound text's provider id; false when it was claimed before (a replay or a retry). */
export async function claimInboundSms(db: Queryable, providerId: string, now: number): Promise<boolean> {
  const r = await db
    .insertInto('sms_inbound_receipts')
    .values({ provider_id: providerId, received_at: now })
    .onConflict((oc) => oc.column('provider_id').doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) === 1;
}

/** Give a claim back (handling the text failed, so a retry may handle it). */
export async function releaseInboundSms(db: Queryable, providerId: string): Promise<void> {
  await db.deleteFrom('sms_inbound_receipts').where('provider_id', '=', providerId).execute();
}

export async function insertSuppression(db: Queryable, row: SmsSuppressionsTable): Promise<void> {
  await db
    .insertInto('sms_suppressions')
    .values(row)
    .onConflict((oc) => oc.column('phone_index').doNothing())
    .execute();
}

export async function deleteSuppression(db: Queryable, phoneIndex: string): Promise<void> {
  await db.deleteFrom('sms_suppressions').where('phone_index', '=', phoneIndex).execute();
}

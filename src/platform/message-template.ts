/**
 * The shape of a message type as its owning module defines it. The notifications module renders, sends and
 * previews them; the platform only names the shape so modules need not import each other.
 */
import type { z } from 'zod';
import type { Locale } from './i18n/index.js';

export interface RenderedMessage {
  subject: string;
  /** Plain-text e-mail body. */
  text: string;
  /** Accessible HTML e-mail body (a fragment; the notifications module wraps it). */
  html: string;
  /** The SMS text (aim for ≤ 2 segments). */
  sms: string;
}

export interface MessageAttachment {
  filename: string;
  contentType: string;
  content: string;
}

export interface MessageRenderContext {
  agencyName: string;
  /** The county's phone line as people read it, e.g. `(555) 010-0100`, for messages that say "call us". */
  agencyPhone: string;
  /** Link to the recipient's preferences page (present for non-transactional messages). */
  preferencesUrl?: string;
}

export interface MessageTemplate<D = unknown> {
  /** Stable name, e.g. `appointments.confirmation`. */
  type: string;
  /** Transactional messages (confirmations, links asked for) carry no unsubscribe link. */
  transactional: boolean;
  /** Urgent SMS ignore quiet hours (e.g. a site closing today). */
  urgent?: boolean;
  schema: z.ZodType<D>;
  /** Data used by the staff preview page. */
  example: D;
  render: (data: D, locale: Locale, ctx: MessageRenderContext) => RenderedMessage;
  attachments?: (data: D, locale: Locale) => MessageAttachment[];
}

/** A template of any data type, as registries hold them (each validates its own data). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyMessageTemplate = MessageTemplate<any>;

/** Helper that keeps a template's data type. */
export function defineMessageTemplate<D>(t: MessageTemplate<D>): MessageTemplate<D> {
  return t;
}

/** A module that owns SMS conversations (e.g. invitations answered "YES") handles replies it recognises. */
export interface InboundSmsHandler {
  /** Return the reply text (or null for no reply) when handled; undefined to let the next handler try. */
  handle: (msg: {
    from: string;
    body: string;
    keyword: string;
    contactIds: string[];
  }) => Promise<string | null | undefined>;
}

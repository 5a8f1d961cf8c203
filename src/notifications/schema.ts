/** Inputs of the notifications module. */
import { z } from 'zod';
import { LOCALES } from '../platform/i18n/index.js';
import { normalizePhone } from './phone.js';

export const MessageFilterSchema = z.object({
  status: z
    .enum(['queued', 'sending', 'sent', 'delivered', 'failed', 'bounced', 'suppressed', 'received'])
    .optional()
    .or(z.literal('').transform(() => undefined)),
  channel: z
    .enum(['email', 'sms'])
    .optional()
    .or(z.literal('').transform(() => undefined)),
  before: z.coerce.number().int().positive().optional(),
});

export const TestSendSchema = z
  .object({
    email: z
      .string()
      .trim()
      .toLowerCase()
      .pipe(z.email({ error: 'preview.testBadEmail' }))
      .optional()
      .or(z.literal('').transform(() => undefined)),
    phone: z
      .string()
      .trim()
      .transform((v, ctx) =>
        v === ''
          ? undefined
          : (normalizePhone(v) ?? (ctx.addIssue({ code: 'custom', message: 'preview.testBadPhone' }), z.NEVER)),
      )
      .optional(),
    language: z.enum(LOCALES).default('en'),
  })
  .refine((v) => v.email !== undefined || v.phone !== undefined, { message: 'preview.testNeedOne', path: ['email'] });

export const PreferencesSchema = z.object({
  channels: z.enum(['email', 'sms', 'both', 'none'], { error: 'prefs.error.channels' }),
  locale: z.enum(LOCALES),
  emailOptOut: z.literal('yes').optional(),
});

/** Twilio-style inbound message and status callback fields (others are ignored). */
export const InboundSmsSchema = z.object({
  From: z.string().min(3).max(32),
  Body: z.string().max(1600).default(''),
  MessageSid: z.string().max(64).optional(),
});
export const StatusCallbackSchema = z.object({
  MessageSid: z.string().min(1).max(64),
  MessageStatus: z.string().min(1).max(32),
  ErrorCode: z.string().max(16).optional(),
});

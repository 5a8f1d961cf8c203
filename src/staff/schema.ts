/** Input schemas of the staff module. Error messages are message keys (see messages/en.json). */
import { z } from 'zod';
import { ROLES } from '../platform/auth/index.js';
import { isCalendarDate, personNameSchema } from '../platform/input/index.js';

const email = (key: string) =>
  z
    .string()
    .trim()
    .toLowerCase()
    .pipe(z.email({ error: key }))
    .pipe(z.string().max(254, { error: key }));

export const SignInSchema = z.object({
  email: z
    .string({ error: 'signIn.emailRequired' })
    .trim()
    .min(1, { error: 'signIn.emailRequired' })
    .max(254, { error: 'signIn.invalid' }),
  password: z
    .string({ error: 'signIn.passwordRequired' })
    .min(1, { error: 'signIn.passwordRequired' })
    .max(1024, { error: 'signIn.invalid' }),
  next: z.string().optional(),
});
export type SignInInput = z.infer<typeof SignInSchema>;

export const ForgotPasswordSchema = z.object({
  email: z
    .string({ error: 'signIn.emailRequired' })
    .trim()
    .min(1, { error: 'signIn.emailRequired' })
    .max(254, { error: 'signIn.emailRequired' }),
});

export const SetPasswordSchema = z.object({
  password: z.string({ error: 'password.error.tooShort' }).max(1024, { error: 'password.error.tooLong' }),
  confirm: z.string({ error: 'password.error.mismatch' }).max(1024, { error: 'password.error.tooLong' }),
});

export const ChangePasswordSchema = SetPasswordSchema.extend({
  current: z
    .string({ error: 'password.error.wrongCurrent' })
    .min(1, { error: 'password.error.wrongCurrent' })
    .max(1024, { error: 'password.error.wrongCurrent' }),
});

/** Site checkboxes arrive as one string or several; absent means none. Ids are checked against the sites module. */
const siteIds = z.preprocess(
  (v: unknown): unknown[] =>
    v === undefined || v === '' ? [] : Array.isArray(v) ? (v as unknown[]) /* isArray types it any[] */ : [v],
  z.array(z.string({ error: 'sites.error.unknown' }).max(100, { error: 'sites.error.unknown' })).max(500),
);

export const InviteSchema = z.object({
  displayName: personNameSchema({ required: 'invite.error.name', characters: 'invite.error.nameCharacters', max: 120 }),
  email: email('invite.error.email'),
  role: z.enum(ROLES, { error: 'invite.error.role' }),
  sites: siteIds,
});
export type InviteInput = z.infer<typeof InviteSchema>;

export const SetSitesSchema = z.object({ sites: siteIds });

export const ChangeRoleSchema = z.object({ role: z.enum(ROLES, { error: 'invite.error.role' }) });
export const SetStatusSchema = z.object({ active: z.enum(['true', 'false']).transform((v) => v === 'true') });

export const CreateTokenSchema = z.object({
  name: z
    .string({ error: 'tokens.error.name' })
    .trim()
    .min(1, { error: 'tokens.error.name' })
    .max(80, { error: 'tokens.error.name' }),
  role: z.enum(ROLES, { error: 'tokens.error.role' }),
  sites: siteIds,
});

const isoDate = z.string().refine(isCalendarDate);
export const AuditFilterSchema = z.object({
  actor: z.string().trim().max(254).optional(),
  action: z.string().trim().max(100).optional(),
  from: isoDate.optional().or(z.literal('')),
  to: isoDate.optional().or(z.literal('')),
  before: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
});
export type AuditFilterInput = z.infer<typeof AuditFilterSchema>;

export const JobFilterSchema = z.object({
  status: z.enum(['queued', 'running', 'succeeded', 'failed', 'cancelled']).default('failed'),
});

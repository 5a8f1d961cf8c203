/** Form and API inputs of pre-registration (error messages are keys of this module's catalog). */
import { z } from 'zod';

const isoDate = z
  .string({ error: 'form.error.birthDate' })
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'form.error.birthDate' })
  .refine((s) => !Number.isNaN(Date.parse(s)), { error: 'form.error.birthDate' });
const zip = z
  .string({ error: 'form.error.zip' })
  .trim()
  .regex(/^\d{5}$/, { error: 'form.error.zip' });
const list = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : v.split(',')).filter((x) => x !== ''));
const optional = (s: z.ZodType<string>) => s.optional().or(z.literal('').transform(() => undefined));

export const NEEDS = ['wheelchair', 'asl', 'parking', 'drive-through'] as const;
export const UNAVAILABLE = ['weekday-am', 'weekday-pm', 'weekend'] as const;

export const ScreenSchema = z.object({
  birthDate: isoDate,
  zip,
  county: optional(z.string().trim().max(80)),
  yes: list,
});
export type ScreenInput = z.infer<typeof ScreenSchema>;

export const RegisterSchema = ScreenSchema.extend({
  forWhom: z.enum(['self', 'other']).default('self'),
  givenName: z.string({ error: 'form.error.givenName' }).trim().min(1, { error: 'form.error.givenName' }).max(100),
  familyName: z.string({ error: 'form.error.familyName' }).trim().min(1, { error: 'form.error.familyName' }).max(100),
  email: optional(z.email({ error: 'form.error.email' }).max(254)),
  phone: optional(
    z
      .string()
      .trim()
      .regex(/^(\+?1[ .-]?)?\(?\d{3}\)?[ .-]?\d{3}[ .-]?\d{4}$/, { error: 'form.error.phone' }),
  ),
  callMe: z
    .string()
    .optional()
    .transform((v) => v === 'yes'),
  /** "yes": can come on short notice (same-day standby texts). Optional so callers that predate it still fit. */
  standby: z.string().optional(),
  language: z.enum(['en', 'es'], { error: 'form.error.language' }),
  needs: list.pipe(z.array(z.enum(NEEDS, { error: 'form.error.needs' }))),
  languageNeed: optional(z.string().trim().max(40)),
  maxMiles: z.coerce
    .number({ error: 'form.error.maxMiles' })
    .int({ error: 'form.error.maxMiles' })
    .min(1, { error: 'form.error.maxMiles' })
    .max(500, { error: 'form.error.maxMiles' }),
  preferredSites: list,
  unavailable: list.pipe(z.array(z.enum(UNAVAILABLE, { error: 'form.error.unavailable' }))),
}).refine((r) => r.email !== undefined || r.phone !== undefined, {
  error: 'form.error.contact',
  path: ['email'],
});
export type RegisterInput = z.infer<typeof RegisterSchema>;

export const BirthDateSchema = z.object({ birthDate: isoDate });

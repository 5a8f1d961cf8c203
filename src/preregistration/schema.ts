/** Form and API inputs of pre-registration (error messages are keys of this module's catalog). */
import { z } from 'zod';
import { birthDateSchema, personNameSchema } from '../platform/input/index.js';

/** A birth date (the memorable date's fields joined by `withBirthDate`): real, from 1900 to `today()`. */
export const birthDate = (today: () => string) =>
  birthDateSchema({ today, invalid: 'form.error.birthDate', range: 'form.error.birthDateRange' });
const name = (key: 'form.error.givenName' | 'form.error.familyName') =>
  personNameSchema({ required: key, characters: 'form.error.nameCharacters' });
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

/** The screener; `today()` bounds the birth date (see platform/input's latestDateAt). */
export const screenSchema = (today: () => string) =>
  z.object({
    birthDate: birthDate(today),
    zip,
    county: optional(z.string().trim().max(80)),
    yes: list,
  });
export type ScreenInput = z.infer<ReturnType<typeof screenSchema>>;

/** Pre-registration (resident or staff for a caller). */
export const registerSchema = (today: () => string) =>
  screenSchema(today)
    .extend({
      forWhom: z.enum(['self', 'other']).default('self'),
      givenName: name('form.error.givenName'),
      familyName: name('form.error.familyName'),
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
    })
    .refine((r) => r.email !== undefined || r.phone !== undefined, {
      error: 'form.error.contact',
      path: ['email'],
    });
export type RegisterInput = z.infer<ReturnType<typeof registerSchema>>;

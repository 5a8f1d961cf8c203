/**
 * The booking pages' inputs. Error messages are keys of this folder's catalog (translated by the views). Every
 * step parses its input again on the server: nothing the browser carries between steps is trusted.
 */
import { z } from 'zod';
import { normalizePhone } from '../../notifications/index.js';
import { parseForm } from '../../platform/http/forms.js';
import { LOCALES } from '../../platform/i18n/index.js';
import { birthDateProblem, isCalendarDate, personNameSchema } from '../../platform/input/index.js';
import { ACCESSIBILITY_FEATURES } from '../../sites/index.js';

/** One value or several (checkboxes and repeated query parameters); absent means none. */
const many = <T extends z.ZodType>(item: T) =>
  z.preprocess(
    (v: unknown): unknown[] =>
      v === undefined || v === '' ? [] : Array.isArray(v) ? (v as unknown[]) /* isArray types it any[] */ : [v],
    z.array(item).max(10),
  );

const optionalText = z
  .string()
  .trim()
  .optional()
  .transform((v) => (v ? v : undefined));

/** Find a site: ZIP code and filters (a GET form, so the results can be bookmarked and shared). */
export const SiteSearchQuery = z.object({
  zip: optionalText.pipe(
    z
      .string()
      .regex(/^\d{5}(-\d{4})?$/, { error: 'search.error.zipFormat' })
      .optional(),
  ),
  access: many(z.enum(ACCESSIBILITY_FEATURES)).catch([]),
  speaks: optionalText.pipe(
    z
      .string()
      .regex(/^[a-z]{2,3}$/)
      .optional(),
  ),
  walkIns: z.preprocess((v) => v === 'yes', z.boolean()),
});
export type SiteSearch = z.infer<typeof SiteSearchQuery>;

/** The day-and-time step: the day shown and the product chosen (both optional: sensible defaults). */
export const TimesQuery = z.object({
  date: z.string().refine(isCalendarDate).optional().catch(undefined),
  product: z.string().min(1).max(64).optional().catch(undefined),
});

/** The product a seat link carries. */
export const ProductQuery = z.object({ product: z.string().min(1).max(64) });

const name = (key: 'details.error.givenName' | 'details.error.familyName') =>
  personNameSchema({ required: key, characters: 'details.error.nameCharacters' });

const DetailsFields = z.object({
  forWhom: z.enum(['self', 'other'], { error: 'details.error.forWhom' }),
  givenName: name('details.error.givenName'),
  familyName: name('details.error.familyName'),
  birthMonth: z
    .string({ error: 'details.error.birthDate' })
    .trim()
    .regex(/^\d{1,2}$/, { error: 'details.error.birthDate' }),
  birthDay: z
    .string({ error: 'details.error.birthDate' })
    .trim()
    .regex(/^\d{1,2}$/, { error: 'details.error.birthDate' }),
  birthYear: z
    .string({ error: 'details.error.birthDate' })
    .trim()
    .regex(/^\d{4}$/, { error: 'details.error.birthDate' }),
  email: optionalText.pipe(z.email({ error: 'details.error.email' }).max(254).optional()),
  phone: optionalText.pipe(
    z
      .string()
      .max(32, { error: 'details.error.phone' })
      .transform((v, ctx) => {
        const e164 = normalizePhone(v);
        if (!e164) ctx.addIssue({ code: 'custom', message: 'details.error.phone' });
        return e164 ?? v;
      })
      .optional(),
  ),
  language: z.enum(LOCALES, { error: 'details.error.language' }),
});

/** The person's details, checked and normalised (birth date as YYYY-MM-DD, phone in E.164). */
export interface Details {
  forWhom: 'self' | 'other';
  givenName: string;
  familyName: string;
  birthDate: string;
  email?: string | undefined;
  phone?: string | undefined;
  language: (typeof LOCALES)[number];
}

export type DetailsResult =
  | { ok: true; value: Details; values: Record<string, string> }
  | { ok: false; errors: Record<string, DetailsErrorKey>; values: Record<string, string> };
export type DetailsErrorKey =
  | 'details.error.forWhom'
  | 'details.error.givenName'
  | 'details.error.familyName'
  | 'details.error.nameCharacters'
  | 'details.error.birthDate'
  | 'details.error.birthDateRange'
  | 'details.error.email'
  | 'details.error.phone'
  | 'details.error.language'
  | 'details.error.contactNeeded';

const ERROR_KEYS = new Set<string>([
  'details.error.forWhom',
  'details.error.givenName',
  'details.error.familyName',
  'details.error.nameCharacters',
  'details.error.birthDate',
  'details.error.birthDateRange',
  'details.error.email',
  'details.error.phone',
  'details.error.language',
  'details.error.contactNeeded',
]);
const isErrorKey = (k: string): k is DetailsErrorKey => ERROR_KEYS.has(k);

/**
 * Parse the details form and report every problem at once (field checks, then the birth date as a real date
 * from 1900 to `today`, then "an e-mail or a mobile" when `contactRequired`).
 */
export function parseDetails(body: unknown, o: { contactRequired: boolean; today: string }): DetailsResult {
  const form = parseForm(DetailsFields, body);
  const errors: Record<string, DetailsErrorKey> = {};
  if (!form.ok)
    for (const [field, key] of Object.entries(form.errors)) {
      const f = field.startsWith('birth') ? 'birthDate' : field;
      errors[f] ??= isErrorKey(key) ? key : 'details.error.givenName';
    }
  const v = form.values;
  const [y, m, d] = [Number(v.birthYear), Number(v.birthMonth), Number(v.birthDay)];
  const birthDate = `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  const birthProblem = errors.birthDate ? null : birthDateProblem(birthDate, o.today);
  if (birthProblem)
    errors.birthDate = birthProblem === 'range' ? 'details.error.birthDateRange' : 'details.error.birthDate';
  if (o.contactRequired && !errors.email && !errors.phone && !v.email?.trim() && !v.phone?.trim())
    errors.email = 'details.error.contactNeeded';
  if (!form.ok || Object.keys(errors).length > 0) return { ok: false, errors, values: form.values };
  const f = form.value;
  return {
    ok: true,
    values: form.values,
    value: {
      forWhom: f.forWhom,
      givenName: f.givenName,
      familyName: f.familyName,
      birthDate,
      email: f.email,
      phone: f.phone,
      language: f.language,
    },
  };
}

/** The confirm button's form: the product and a one-time key against double submits. */
export const ConfirmForm = z.object({
  product: z.string().min(1).max(64),
  bookingKey: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/),
});

/** The reschedule confirm form. */
export const RescheduleForm = z.object({ bookingKey: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/) });

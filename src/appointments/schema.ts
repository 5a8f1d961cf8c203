/** API inputs of the appointments module (JSON). */
import { z } from 'zod';
import { LOCALES } from '../platform/i18n/index.js';
import { birthDateSchema, calendarDateSchema, personNameSchema } from '../platform/input/index.js';
import { INJECTION_SITES } from './repository.js';

/** Why staff or the person changed a booking; the notice says it in plain words. */
export const CHANGE_REASONS = ['requested', 'site-change', 'shortage'] as const;
export type ChangeReason = (typeof CHANGE_REASONS)[number];

const text = (max: number) => z.string().trim().min(1).max(max);
const isoDate = calendarDateSchema('must be a real date YYYY-MM-DD');
const instant = z.iso.datetime({ offset: true }).transform((s) => Date.parse(s));

export const ProgramSchema = z.object({
  name: z.union([text(200), z.object({ en: text(200), es: text(200) })]),
  description: z.object({ en: z.string().max(4000), es: z.string().max(4000) }).optional(),
  preparation: z.object({ en: z.string().max(2000), es: z.string().max(2000) }).optional(),
  bookingMode: z.enum(['open', 'invitation']),
});

export const ProductSchema = z
  .object({
    programId: z.string().min(1),
    name: text(200),
    manufacturer: text(200).optional(),
    cvxCode: z
      .string()
      .regex(/^\d{1,3}$/)
      .optional(),
    doses: z.number().int().min(1).max(5),
    minDaysBetweenDoses: z.number().int().min(0).max(365).default(0),
    maxDaysBetweenDoses: z.number().int().min(0).max(365).optional(),
    minAgeYears: z.number().int().min(0).max(120).default(0),
  })
  .refine((p) => p.doses === 1 || (p.maxDaysBetweenDoses ?? p.minDaysBetweenDoses) >= p.minDaysBetweenDoses, {
    message: 'maxDaysBetweenDoses must be at least minDaysBetweenDoses',
    path: ['maxDaysBetweenDoses'],
  });

export const InventorySchema = z.object({
  productId: z.string().min(1),
  doses: z.number().int().min(1).max(1_000_000),
  lot: text(64),
  expiresOn: isoDate,
});

export const SlotSchema = z.object({
  startsAt: instant,
  durationMinutes: z
    .number()
    .int()
    .min(1)
    .max(24 * 60),
  capacity: z.number().int().min(0).max(100_000),
  programId: z.string().min(1),
});

export const AvailabilityQuery = z.object({
  siteId: z.string().min(1).optional(),
  programId: z.string().min(1).optional(),
  productId: z.string().min(1).optional(),
  dose: z.coerce.number().int().min(1).max(5).default(1),
  from: instant.optional(),
  to: instant.optional(),
});

// Messages of the booking body's person are keys of the appointments catalog (translated by the route).
const personName = personNameSchema({ required: 'error.name', characters: 'error.nameCharacters' });

/** A booking through the API; the birth date may not be after `today()` (see platform/input's latestDateAt). */
export const bookingSchema = (today: () => string) =>
  z.object({
    slotId: z.string().min(1),
    productId: z.string().min(1),
    dose: z.number().int().min(1).max(5),
    person: z
      .object({
        givenName: personName,
        familyName: personName,
        birthDate: birthDateSchema({ today, invalid: 'error.birthDate', range: 'error.birthDateRange' }),
        email: z.email().max(254).optional(),
        phone: z.string().max(32).optional(),
        language: z.enum(LOCALES),
      })
      .refine((p) => !p.phone || /\d{7,}/.test(p.phone.replace(/\D/g, '')), {
        message: 'phone is not a phone number',
        path: ['phone'],
      }),
  });
export type BookingInputBody = z.infer<ReturnType<typeof bookingSchema>>;

/** Move a booking: the new slot; staff may say why (shown to the person). */
export const RescheduleSchema = z.object({
  slotId: z.string().trim().min(1).max(64),
  reason: z.enum(CHANGE_REASONS).optional(),
});

export const AdministerSchema = z.object({
  lot: z.string().trim().min(1).max(64),
  vaccinatorName: personNameSchema({ required: 'error.name', characters: 'error.nameCharacters', max: 200 }).optional(),
  injectionSite: z.enum(INJECTION_SITES).optional(),
});

/** Form inputs of the clinic pages; error messages are keys of the clinic catalog. */
import { z } from 'zod';
import {
  birthDateSchema,
  isCalendarDate,
  latestDateAt,
  normaliseName,
  personNameSchema,
} from '../../platform/input/index.js';
import { INJECTION_SITES } from '../repository.js';

export const CodeForm = z.object({
  code: z.string({ error: 'error.code' }).trim().min(1, 'error.code').max(40, 'error.code'),
});

const name = (key: 'error.givenName' | 'error.familyName') =>
  personNameSchema({ required: key, characters: 'error.nameCharacters' });

/** A search by name and birth date (a birth date after today, anywhere, is refused: `now` is the clock). */
export const personSearchForm = (now: () => number) =>
  z.object({
    givenName: name('error.givenName'),
    familyName: name('error.familyName'),
    birthDate: birthDateSchema({
      today: () => latestDateAt(now()),
      invalid: 'error.birthDate',
      range: 'error.birthDateRange',
    }),
  });

export const AdministerForm = z.object({
  lot: z.string({ error: 'error.lot' }).trim().min(1, 'error.lot').max(64, 'error.lot'),
  dose: z.coerce.number({ error: 'error.dose' }).int('error.dose').min(1, 'error.dose').max(5, 'error.dose'),
  vaccinatorName: z
    .string()
    .optional()
    .transform((v) => (v === undefined || normaliseName(v) === '' ? undefined : v))
    .pipe(
      personNameSchema({ required: 'error.vaccinatorName', characters: 'error.nameCharacters', max: 200 }).optional(),
    ),
  injectionSite: z
    .enum(['', ...INJECTION_SITES], { error: 'error.injectionSite' })
    .optional()
    .transform((v) => (v ? v : undefined)),
});

/** The booking ids shown on the no-show confirmation step (one or many hidden fields). */
export const NoShowForm = z.object({
  date: z.string().refine(isCalendarDate),
  id: z
    .union([z.string(), z.array(z.string())])
    .optional()
    .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v])),
});

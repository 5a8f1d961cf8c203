/** Form inputs of the clinic pages; error messages are keys of the clinic catalog. */
import { DateTime } from 'luxon';
import { z } from 'zod';
import { INJECTION_SITES } from '../repository.js';

const realDate = (s: string) => /^\d{4}-\d{2}-\d{2}$/.test(s) && DateTime.fromISO(s).isValid;

export const CodeForm = z.object({
  code: z.string({ error: 'error.code' }).trim().min(1, 'error.code').max(40, 'error.code'),
});

export const PersonSearchForm = z.object({
  givenName: z.string({ error: 'error.givenName' }).trim().min(1, 'error.givenName').max(100, 'error.givenName'),
  familyName: z.string({ error: 'error.familyName' }).trim().min(1, 'error.familyName').max(100, 'error.familyName'),
  birthDate: z.string({ error: 'error.birthDate' }).trim().refine(realDate, 'error.birthDate'),
});

const optionalText = (max: number, key: string) =>
  z
    .string()
    .trim()
    .max(max, key)
    .optional()
    .transform((v) => (v ? v : undefined));

export const AdministerForm = z.object({
  lot: z.string({ error: 'error.lot' }).trim().min(1, 'error.lot').max(64, 'error.lot'),
  dose: z.coerce.number({ error: 'error.dose' }).int('error.dose').min(1, 'error.dose').max(5, 'error.dose'),
  vaccinatorName: optionalText(200, 'error.vaccinatorName'),
  injectionSite: z
    .enum(['', ...INJECTION_SITES], { error: 'error.injectionSite' })
    .optional()
    .transform((v) => (v ? v : undefined)),
});

/** The booking ids shown on the no-show confirmation step (one or many hidden fields). */
export const NoShowForm = z.object({
  date: z.string().refine(realDate),
  id: z
    .union([z.string(), z.array(z.string())])
    .optional()
    .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v])),
});

/** The staff's settings form. Error messages are keys of this module's catalog. */
import { z } from 'zod';

const MAX = 1_000_000;

export const SettingsSchema = z.object({
  mode: z.enum(['auto', 'on', 'off'], { error: 'settings.error.mode' }),
  capacity: z
    .string({ error: 'settings.error.capacity' })
    .trim()
    .regex(/^\d{1,7}$/, 'settings.error.capacity')
    .transform(Number)
    .refine((n) => n >= 1 && n <= MAX, 'settings.error.capacity'),
  ratePerMinute: z
    .string({ error: 'settings.error.rate' })
    .trim()
    .regex(/^\d{0,7}$/, 'settings.error.rate')
    .transform((v) => (v === '' ? null : Number(v)))
    .refine((n) => n === null || (n >= 1 && n <= MAX), 'settings.error.rate')
    .default(null),
});
export type SettingsInput = z.infer<typeof SettingsSchema>;

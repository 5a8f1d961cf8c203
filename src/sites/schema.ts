/** Site input. Error messages are keys of this module's catalog. */
import { z } from 'zod';

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return zone.includes('/') || zone === 'UTC';
  } catch {
    return false;
  }
}

export const SiteSchema = z.object({
  name: z
    .string({ error: 'sites.error.name' })
    .trim()
    .min(2, { error: 'sites.error.name' })
    .max(120, { error: 'sites.error.name' }),
  address: z
    .string({ error: 'sites.error.address' })
    .trim()
    .min(5, { error: 'sites.error.address' })
    .max(300, { error: 'sites.error.address' }),
  postalCode: z
    .string({ error: 'sites.error.postalCode' })
    .trim()
    .regex(/^\d{5}(-\d{4})?$/, { error: 'sites.error.postalCode' }),
  timeZone: z.string({ error: 'sites.error.timeZone' }).trim().refine(isTimeZone, { error: 'sites.error.timeZone' }),
  phone: z
    .string()
    .trim()
    .regex(/^(\+?1[ .-]?)?\(?\d{3}\)?[ .-]?\d{3}[ .-]?\d{4}$/, { error: 'sites.error.phone' })
    .optional()
    .or(z.literal('').transform(() => undefined)),
  latitude: z.coerce
    .number({ error: 'sites.error.latitude' })
    .min(-90, { error: 'sites.error.latitude' })
    .max(90, { error: 'sites.error.latitude' })
    .optional()
    .or(z.literal('').transform(() => undefined)),
  longitude: z.coerce
    .number({ error: 'sites.error.longitude' })
    .min(-180, { error: 'sites.error.longitude' })
    .max(180, { error: 'sites.error.longitude' })
    .optional()
    .or(z.literal('').transform(() => undefined)),
  status: z.enum(['active', 'inactive'], { error: 'sites.error.status' }).default('active'),
});

/** The API takes JSON numbers for coordinates. */
export const SiteApiSchema = SiteSchema.extend({
  latitude: z.number().min(-90).max(90).optional(),
  longitude: z.number().min(-180).max(180).optional(),
  phone: z
    .string()
    .trim()
    .regex(/^(\+?1[ .-]?)?\(?\d{3}\)?[ .-]?\d{3}[ .-]?\d{4}$/)
    .optional(),
});
export type SiteInput = z.infer<typeof SiteSchema>;

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
  status: z.enum(['active', 'inactive'], { error: 'sites.error.status' }).default('active'),
});
export type SiteInput = z.infer<typeof SiteSchema>;

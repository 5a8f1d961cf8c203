/** The staff form that opens a standby offer (error messages are keys of the standby catalog). */
import { z } from 'zod';

export const OfferSchema = z.object({
  siteId: z.string({ error: 'staff.error.site' }).trim().min(1, { error: 'staff.error.site' }),
  doses: z.coerce
    .number({ error: 'staff.error.doses' })
    .int({ error: 'staff.error.doses' })
    .min(1, { error: 'staff.error.doses' })
    .max(50, { error: 'staff.error.doses' }),
  arriveBy: z
    .string({ error: 'staff.error.arriveBy' })
    .trim()
    .regex(/^([01]?\d|2[0-3]):[0-5]\d$/, { error: 'staff.error.arriveBy' }),
  multiplier: z.coerce
    .number({ error: 'staff.error.multiplier' })
    .int({ error: 'staff.error.multiplier' })
    .min(1, { error: 'staff.error.multiplier' })
    .max(10, { error: 'staff.error.multiplier' })
    .default(3),
});
export type OfferInput = z.infer<typeof OfferSchema>;

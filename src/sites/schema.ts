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

/** Access features a resident may filter on. */
export const ACCESSIBILITY_FEATURES = ['wheelchair', 'asl', 'parking', 'drive-through'] as const;
export type AccessibilityFeature = (typeof ACCESSIBILITY_FEATURES)[number];

/** Form checkboxes arrive as one string or several; absent means none. */
const list = <T extends z.ZodType>(item: T) =>
  z.preprocess(
    (v: unknown): unknown[] =>
      v === undefined || v === '' ? [] : Array.isArray(v) ? (v as unknown[]) /* isArray types it any[] */ : [v],
    z.array(item).max(20),
  );

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
  accessibility: list(z.enum(ACCESSIBILITY_FEATURES, { error: 'sites.error.accessibility' })).default([]),
  languages: z
    .preprocess(
      (v) =>
        typeof v === 'string'
          ? v
              .split(',')
              .map((x) => x.trim().toLowerCase())
              .filter(Boolean)
          : v,
      z
        .array(z.string().regex(/^[a-z]{2,3}$/, { error: 'sites.error.languages' }))
        .min(1, { error: 'sites.error.languages' })
        .max(30),
    )
    .default(['en']),
  walkIns: z.preprocess((v) => v === 'yes' || v === true, z.boolean()).default(false),
  vtrcksPin: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9]{4,20}$/, { error: 'sites.error.vtrcksPin' })
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

/** Inputs of the inventory forms and API. Error messages are keys of the inventory catalog; views translate them. */
import { z } from 'zod';
import { calendarDateSchema } from '../../platform/input/index.js';

const product = z.string({ error: 'inventory.error.product' }).trim().min(1, { error: 'inventory.error.product' });
const lot = z
  .string({ error: 'inventory.error.lot' })
  .trim()
  .min(1, { error: 'inventory.error.lot' })
  .max(64, { error: 'inventory.error.lot' });
const positiveDoses = z.coerce
  .number({ error: 'inventory.error.doses' })
  .int({ error: 'inventory.error.doses' })
  .min(1, { error: 'inventory.error.doses' })
  .max(1_000_000, { error: 'inventory.error.doses' });

export const ReceiveFormSchema = z.object({
  productId: product,
  lot,
  doses: positiveDoses,
  expiresOn: calendarDateSchema('inventory.error.expiresOn'),
});
export type ReceiveInput = z.infer<typeof ReceiveFormSchema>;

export const AdjustSchema = z.object({
  productId: product,
  lot,
  doses: z.coerce
    .number({ error: 'inventory.error.adjustDoses' })
    .int({ error: 'inventory.error.adjustDoses' })
    .min(-1_000_000, { error: 'inventory.error.adjustDoses' })
    .max(1_000_000, { error: 'inventory.error.adjustDoses' })
    .refine((n) => n !== 0, { error: 'inventory.error.adjustDoses' }),
  reason: z
    .string({ error: 'inventory.error.reason' })
    .trim()
    .min(3, { error: 'inventory.error.reason' })
    .max(200, { error: 'inventory.error.reason' }),
});
export type AdjustInput = z.infer<typeof AdjustSchema>;

export const WASTE_REASONS = ['expired', 'damaged', 'temperature', 'other'] as const;
export type WasteReason = (typeof WASTE_REASONS)[number];

export const WasteSchema = z.object({
  productId: product,
  lot,
  doses: positiveDoses,
  reason: z.enum(WASTE_REASONS, { error: 'inventory.error.wasteReason' }),
});
export type WasteInput = z.infer<typeof WasteSchema>;

export const TransferSchema = z.object({
  productId: product,
  lot,
  doses: positiveDoses,
  toSiteId: z.string({ error: 'inventory.error.toSite' }).trim().min(1, { error: 'inventory.error.toSite' }),
});
export type TransferInput = z.infer<typeof TransferSchema>;

/** An entry waiting on a shortage decision, carried through the review form. */
export const PendingEntrySchema = z.discriminatedUnion('kind', [
  AdjustSchema.extend({ kind: z.literal('adjust') }),
  WasteSchema.extend({ kind: z.literal('waste') }),
  TransferSchema.extend({ kind: z.literal('transfer') }),
]);
export type PendingEntry = z.infer<typeof PendingEntrySchema>;

export const LedgerQuery = z.object({
  before: z.coerce.number().int().positive().optional().catch(undefined),
  done: z.string().optional(),
  cancelled: z.coerce.number().int().min(0).optional().catch(undefined),
  moved: z.coerce.number().int().min(0).optional().catch(undefined),
});

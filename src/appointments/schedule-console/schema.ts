/**
 * Inputs of the schedule console: console forms (errors are message keys of this folder's catalog) and the JSON
 * API (plain messages). Both produce the same typed values for the use cases.
 */
import { DateTime } from 'luxon';
import { z } from 'zod';
import { isCalendarDate } from '../../platform/input/index.js';
import type { ScheduleKey } from './messages.js';

const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;
const key = (k: ScheduleKey) => k;

/** A break in local time. */
export interface Break {
  from: string;
  to: string;
}

export interface TemplateInput {
  name: string;
  programId: string;
  weekdays: number[];
  opens: string;
  closes: string;
  breaks: Break[];
  slotMinutes: number;
  capacity: number;
  validFrom: string;
  validTo: string;
}

/** '12:00-13:00, 15:00-15:15' → breaks; null when any part is not a range of two times in order. */
export function parseBreaks(text: string): Break[] | null {
  const parts = text
    .split(/[,;\n]/)
    .map((p) => p.trim())
    .filter(Boolean);
  const out: Break[] = [];
  for (const p of parts) {
    const m = /^(\d{1,2}:\d{2})\s*[-–]\s*(\d{1,2}:\d{2})$/.exec(p);
    const from = m?.[1]?.padStart(5, '0') ?? '';
    const to = m?.[2]?.padStart(5, '0') ?? '';
    if (!HHMM.test(from) || !HHMM.test(to) || from >= to) return null;
    out.push({ from, to });
  }
  return out;
}

export const formatBreaks = (breaks: Break[]) => breaks.map((b) => `${b.from}-${b.to}`).join(', ');

const rules = (t: TemplateInput, ctx: z.RefinementCtx, msg: (k: ScheduleKey, plain: string) => string) => {
  if (t.opens >= t.closes)
    ctx.addIssue({
      code: 'custom',
      path: ['closes'],
      message: msg('form.error.closesAfterOpens', 'closes must be after opens'),
    });
  if (t.validFrom > t.validTo)
    ctx.addIssue({
      code: 'custom',
      path: ['validTo'],
      message: msg('form.error.validTo', 'validTo must not be before validFrom'),
    });
  if (t.breaks.some((b) => b.from < t.opens || b.to > t.closes))
    ctx.addIssue({
      code: 'custom',
      path: ['breaks'],
      message: msg('form.error.breaks', 'breaks must be inside opening hours'),
    });
};

/** The console's template form (checkbox weekdays, breaks as text). */
export const TemplateFormSchema = z
  .object({
    name: z.string().trim().min(1, key('form.error.name')).max(120, key('form.error.name')),
    programId: z.string().min(1, key('form.error.program')),
    weekdays: z
      .union([z.string(), z.array(z.string())], { error: key('form.error.weekdays') })
      .transform((v) => [...new Set((Array.isArray(v) ? v : [v]).map(Number))].sort())
      .refine(
        (v) => v.length > 0 && v.every((d) => Number.isInteger(d) && d >= 1 && d <= 7),
        key('form.error.weekdays'),
      ),
    opens: z.string().regex(HHMM, key('form.error.time')),
    closes: z.string().regex(HHMM, key('form.error.time')),
    breaks: z
      .string()
      .default('')
      .transform((s, ctx) => {
        const b = parseBreaks(s);
        if (b) return b;
        ctx.addIssue({ code: 'custom', message: key('form.error.breaks') });
        return z.NEVER;
      }),
    slotMinutes: z.coerce
      .number({ error: key('form.error.slotMinutes') })
      .int(key('form.error.slotMinutes'))
      .min(5, key('form.error.slotMinutes'))
      .max(480, key('form.error.slotMinutes')),
    capacity: z.coerce
      .number({ error: key('form.error.lanes') })
      .int(key('form.error.lanes'))
      .min(1, key('form.error.lanes'))
      .max(1000, key('form.error.lanes')),
    validFrom: z.string().refine(isCalendarDate, key('form.error.date')),
    validTo: z.string().refine(isCalendarDate, key('form.error.date')),
  })
  .superRefine((t, ctx) => rules(t, ctx, (k) => k));

/** The API's template body. */
export const TemplateApiSchema = z
  .object({
    name: z.string().trim().min(1).max(120),
    programId: z.string().min(1),
    weekdays: z.array(z.number().int().min(1).max(7)).min(1).describe('ISO weekdays: 1 = Monday … 7 = Sunday'),
    opens: z.string().regex(HHMM).describe('Local opening time, HH:mm'),
    closes: z.string().regex(HHMM).describe('Local closing time, HH:mm'),
    breaks: z.array(z.object({ from: z.string().regex(HHMM), to: z.string().regex(HHMM) })).default([]),
    slotMinutes: z.number().int().min(5).max(480),
    capacity: z.number().int().min(1).max(1000).describe('Lanes: people seen at the same time'),
    validFrom: z.string().refine(isCalendarDate, 'must be a date YYYY-MM-DD'),
    validTo: z.string().refine(isCalendarDate, 'must be a date YYYY-MM-DD'),
  })
  .superRefine((t, ctx) => rules(t, ctx, (_k, plain) => plain));

/** At most a year and a day is published at once. */
export const MAX_PUBLISH_DAYS = 366;
const range = (date: z.ZodString, tooLong: string, order: string) =>
  z.object({ from: date, to: date }).superRefine((r, ctx) => {
    const a = DateTime.fromISO(r.from);
    const b = DateTime.fromISO(r.to);
    if (!a.isValid || !b.isValid) return;
    if (b < a) ctx.addIssue({ code: 'custom', path: ['to'], message: order });
    else if (b.diff(a, 'days').days >= MAX_PUBLISH_DAYS)
      ctx.addIssue({ code: 'custom', path: ['to'], message: tooLong });
  });

export const PublishFormSchema = range(
  z.string().refine(isCalendarDate, key('form.error.date')),
  key('form.error.rangeTooLong'),
  key('form.error.rangeOrder'),
);
export const PublishApiSchema = range(
  z.string().refine(isCalendarDate, 'must be a date YYYY-MM-DD'),
  'at most 366 days at once',
  'to must not be before from',
);

export interface ClosureInput {
  date: string;
  /** Both null: the whole day. */
  fromTime: string | null;
  toTime: string | null;
  reason: string;
}

export const ClosureFormSchema = z
  .object({
    date: z.string().refine(isCalendarDate, key('form.error.date')),
    wholeDay: z.enum(['yes', 'no'], { error: key('form.error.wholeDay') }),
    fromTime: z.string().default(''),
    toTime: z.string().default(''),
    reason: z.string().trim().min(1, key('form.error.reason')).max(200, key('form.error.reason')),
  })
  .superRefine((c, ctx) => {
    if (c.wholeDay === 'yes') return;
    if (!HHMM.test(c.fromTime)) ctx.addIssue({ code: 'custom', path: ['fromTime'], message: key('form.error.time') });
    else if (!HHMM.test(c.toTime) || c.toTime <= c.fromTime)
      ctx.addIssue({ code: 'custom', path: ['toTime'], message: key('form.error.closesAfterOpens') });
  })
  .transform((c): ClosureInput => ({
    date: c.date,
    fromTime: c.wholeDay === 'yes' ? null : c.fromTime,
    toTime: c.wholeDay === 'yes' ? null : c.toTime,
    reason: c.reason,
  }));

export const Resolve = z.enum(['move', 'cancel']);
export type Resolve = z.infer<typeof Resolve>;

export const ClosureApiSchema = z
  .object({
    date: z.string().refine(isCalendarDate, 'must be a date YYYY-MM-DD'),
    fromTime: z
      .string()
      .regex(HHMM)
      .optional()
      .describe('Local start of a partial closure (omit both for the whole day)'),
    toTime: z.string().regex(HHMM).optional(),
    reason: z.string().trim().min(1).max(200),
    resolve: Resolve.optional().describe(
      'What to do with booked people: move each to the nearest open seat, or cancel',
    ),
  })
  .refine((c) => (c.fromTime === undefined) === (c.toTime === undefined), {
    path: ['toTime'],
    message: 'give both times or neither',
  })
  .refine((c) => !c.fromTime || !c.toTime || c.fromTime < c.toTime, {
    path: ['toTime'],
    message: 'toTime must be after fromTime',
  });

export const SlotFormSchema = z.object({
  programId: z.string().min(1, key('form.error.program')),
  date: z.string().refine(isCalendarDate, key('form.error.date')),
  time: z.string().regex(HHMM, key('form.error.time')),
  minutes: z.coerce
    .number({ error: key('form.error.slotMinutes') })
    .int(key('form.error.slotMinutes'))
    .min(5, key('form.error.slotMinutes'))
    .max(480, key('form.error.slotMinutes')),
  capacity: z.coerce
    .number({ error: key('form.error.capacity') })
    .int(key('form.error.capacity'))
    .min(1, key('form.error.capacity'))
    .max(1000, key('form.error.capacity')),
});

export const CapacityFormSchema = z.object({
  capacity: z.coerce
    .number({ error: key('form.error.capacity') })
    .int(key('form.error.capacity'))
    .min(0, key('form.error.capacity'))
    .max(1000, key('form.error.capacity')),
});

export const SlotPatchSchema = z.object({
  capacity: z.number().int().min(0).max(1000),
  resolve: Resolve.optional().describe('Needed when the new capacity is below the seats booked'),
});

/** The review page's confirmation: how to resolve, and the bookings the reviewer saw (so a changed list is shown again). */
export const ConfirmFormSchema = z.object({
  resolve: Resolve.optional().default('move'),
  expected: z.string().max(20_000).default(''),
});

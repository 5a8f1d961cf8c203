/** Inputs of the feedback module. Error messages are keys of this module's catalog. */
import { z } from 'zod';
import { normalizePhone } from '../notifications/index.js';
import { A11_DRIVERS, FORMS, LIKERT_ITEMS, type A11Driver, type LikertItem, type SurveyForm } from './drivers.js';
import type { QuestionRow } from './repository.js';

/** Checkbox groups arrive as a string (one ticked) or an array (several). */
const ticks = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]))
  .pipe(z.array(z.enum(A11_DRIVERS)));

/** An optional 1–5 answer (an empty radio group is no answer). */
const score = (message: string) =>
  z
    .string()
    .optional()
    .refine((v) => v === undefined || v === '' || /^[1-5]$/.test(v), message)
    .transform((v) => (v === undefined || v === '' ? undefined : Number(v)));

const text = z
  .string()
  .trim()
  .max(2000, 'survey.error.tooLong')
  .optional()
  .transform((v) => (v ? v : null));

/** One answered survey, as stored (the context is added from the link). */
export interface SurveyAnswers {
  trust: number;
  likert: Partial<Record<Exclude<LikertItem, 'trust'>, number>>;
  wentWell: A11Driver[];
  notWell: A11Driver[];
  comment: string | null;
  commentWell: string | null;
  custom: Record<string, number | string>;
  /** Only when the person ticked "you may contact me": stored encrypted, apart from the answers' analysis. */
  contact: SurveyContact | null;
}
export interface SurveyContact {
  kind: 'email' | 'phone';
  value: string;
}

const Email = z.email().max(254);

/**
 * The optional contact choice: nothing unless the box is ticked. A contact typed without ticking the box is not
 * kept silently — the person is asked to tick it or clear the field, so consent is explicit.
 */
function parseContact(
  input: Record<string, unknown>,
): { ok: true; value: SurveyContact | null } | { ok: false; error: string } {
  const ticked = input.contactOk === 'yes';
  const raw = typeof input.contact === 'string' ? input.contact.trim() : '';
  if (!ticked) return raw === '' ? { ok: true, value: null } : { ok: false, error: 'survey.error.contactUnticked' };
  if (raw.includes('@')) {
    const email = Email.safeParse(raw);
    return email.success
      ? { ok: true, value: { kind: 'email', value: email.data } }
      : { ok: false, error: 'survey.error.contact' };
  }
  const phone = normalizePhone(raw);
  return phone ? { ok: true, value: { kind: 'phone', value: phone } } : { ok: false, error: 'survey.error.contact' };
}

const Base = z.object({
  trust: z
    .string({ error: 'survey.error.trust' })
    .regex(/^[1-5]$/, 'survey.error.trust')
    .transform(Number),
  comment: text,
  commentWell: text,
});

/** Answers to staff's own questions (fields `q_{id}`, all optional); problems go into `errors`. */
export function parseCustomAnswers(
  questions: readonly QuestionRow[],
  input: Record<string, unknown>,
  errors: Record<string, string>,
): Record<string, number | string> {
  const custom: Record<string, number | string> = {};
  for (const q of questions) {
    const field = `q_${q.id}`;
    const r = (q.kind === 'scale' ? score('survey.error.scale') : text).safeParse(input[field]);
    if (!r.success) errors[field] = q.kind === 'scale' ? 'survey.error.scale' : 'survey.error.tooLong';
    else if (r.data !== undefined && r.data !== null) custom[q.id] = r.data;
  }
  return custom;
}

/** Parse a survey form post for the given form and custom questions. */
export function parseSurveyAnswers(
  form: SurveyForm,
  questions: QuestionRow[],
  body: unknown,
): { ok: true; value: SurveyAnswers } | { ok: false; errors: Record<string, string> } {
  const input = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  const errors: Record<string, string> = {};
  const base = Base.safeParse(input);
  if (!base.success) for (const i of base.error.issues) errors[String(i.path[0] ?? 'trust')] ??= i.message;
  const likert: SurveyAnswers['likert'] = {};
  if (form === 'likert')
    for (const item of LIKERT_ITEMS) {
      if (item === 'trust') continue;
      const r = score('survey.error.scale').safeParse(input[item]);
      if (!r.success) errors[item] = 'survey.error.scale';
      else if (r.data !== undefined) likert[item] = r.data;
    }
  const wentWell = ticks.safeParse(input.wentWell);
  const notWell = ticks.safeParse(input.notWell);
  if (!wentWell.success) errors.wentWell = 'survey.error.driver';
  if (!notWell.success) errors.notWell = 'survey.error.driver';
  const custom = parseCustomAnswers(questions, input, errors);
  const contact = parseContact(input);
  if (!contact.ok) errors.contact = contact.error;
  if (!base.success || !contact.ok || Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    value: {
      trust: base.data.trust,
      likert,
      wentWell: form === 'a11' ? (wentWell.data ?? []) : [],
      notWell: form === 'a11' ? (notWell.data ?? []) : [],
      comment: base.data.comment,
      commentWell: form === 'likert' ? base.data.commentWell : null,
      custom,
      contact: contact.value,
    },
  };
}

/** A program's survey settings from the console form. */
export const SettingsSchema = z.object({
  form: z.enum(FORMS, 'settings.error.form'),
  trustWordingEn: z
    .string()
    .trim()
    .max(300, 'settings.error.wording')
    .optional()
    .transform((v) => v || null),
  trustWordingEs: z
    .string()
    .trim()
    .max(300, 'settings.error.wording')
    .optional()
    .transform((v) => v || null),
  triggerVisit: z.literal('on').optional().transform(Boolean),
  triggerCancellation: z.literal('on').optional().transform(Boolean),
  triggerBooking: z.literal('on').optional().transform(Boolean),
});
export type SettingsInput = z.infer<typeof SettingsSchema>;

/** A custom question from the console form. */
export const QuestionSchema = z.object({
  programId: z
    .string()
    .optional()
    .transform((v) => v || null),
  kind: z.enum(['scale', 'text'], 'questions.error.kind'),
  promptEn: z.string().trim().min(3, 'questions.error.prompt').max(300, 'questions.error.prompt'),
  promptEs: z.string().trim().min(3, 'questions.error.prompt').max(300, 'questions.error.prompt'),
});
export type QuestionInput = z.infer<typeof QuestionSchema>;

/** A custom question's new wording (its kind, audience and program stay, so past answers keep their meaning). */
export const QuestionEditSchema = QuestionSchema.pick({ promptEn: true, promptEs: true });
export type QuestionEditInput = z.infer<typeof QuestionEditSchema>;

/** How often the staff pulse runs. */
export const PULSE_FREQUENCIES = ['weekly', 'fortnightly', 'monthly', 'off'] as const;
export const PulseSettingsSchema = z.object({ frequency: z.enum(PULSE_FREQUENCIES, 'pulse.error.frequency') });

/** The staff pulse form. */
export const PulseSchema = z.object({
  workload: z
    .string({ error: 'pulse.error.scale' })
    .regex(/^[1-5]$/, 'pulse.error.scale')
    .transform(Number),
  tools: z
    .string({ error: 'pulse.error.scale' })
    .regex(/^[1-5]$/, 'pulse.error.scale')
    .transform(Number),
  help: text,
});
export type PulseInput = z.infer<typeof PulseSchema>;

/** A quarter as `YYYY-Qn`. */
export const QuarterSchema = z.string().regex(/^\d{4}-Q[1-4]$/, 'export.error.quarter');

/** Form inputs of the personal data pages (error messages are keys of this module's catalog). */
import { DateTime } from 'luxon';
import { z } from 'zod';
import { normalizePhone } from '../notifications/index.js';
import { parseRef, type PersonKeys, type PersonPatch } from '../platform/personal-data.js';

/** A real calendar date (no 1971-02-30), YYYY-MM-DD, from 1900 on. */
export const isRealDate = (s: string) =>
  /^\d{4}-\d{2}-\d{2}$/.test(s) && s >= '1900-01-01' && DateTime.fromISO(s, { zone: 'utc' }).isValid;

const optionalText = (max: number, key: string) =>
  z
    .string()
    .trim()
    .max(max, key)
    .optional()
    .transform((v) => (v ? v : undefined));
const optionalDate = (key: string) => optionalText(10, key).refine((v) => v === undefined || isRealDate(v), key);
const optionalEmail = (key: string) =>
  optionalText(254, key)
    .refine((v) => v === undefined || z.email().safeParse(v).success, key)
    .transform((v) => v?.toLowerCase());
const optionalPhone = (key: string) =>
  optionalText(40, key)
    .refine((v) => v === undefined || normalizePhone(v) !== null, key)
    .transform((v) => (v === undefined ? undefined : (normalizePhone(v) ?? undefined)));

/** What staff search with: a name and birth date (all three), an e-mail address, a phone number or a code. */
const Terms = z.object({
  givenName: optionalText(100, 'error.givenName'),
  familyName: optionalText(100, 'error.familyName'),
  birthDate: optionalDate('error.birthDate'),
  email: optionalEmail('error.email'),
  phone: optionalPhone('error.phone'),
  code: optionalText(40, 'error.code'),
});
export type SearchTerms = z.infer<typeof Terms>;

function checkTerms(t: SearchTerms, ctx: z.RefinementCtx): void {
  const name = [t.givenName, t.familyName, t.birthDate];
  if (name.some((v) => v !== undefined) && name.some((v) => v === undefined))
    for (const f of ['givenName', 'familyName', 'birthDate'] as const)
      if (t[f] === undefined) ctx.addIssue({ code: 'custom', path: [f], message: 'error.identityIncomplete' });
  if (name.every((v) => v === undefined) && !t.email && !t.phone && !t.code)
    ctx.addIssue({ code: 'custom', path: ['givenName'], message: 'error.nothing' });
}

const Reason = z.string({ error: 'error.reason' }).trim().min(5, 'error.reason').max(500, 'error.reason');

/** The search terms alone (to find the records again when an action's form comes back with a problem). */
export const TermsSchema = Terms.superRefine(checkTerms);

export const SearchSchema = Terms.extend({ reason: Reason }).superRefine(checkTerms);

const Refs = z
  .union([z.string(), z.array(z.string())], { error: 'error.refs' })
  .transform((v) => (Array.isArray(v) ? v : [v]))
  .pipe(z.array(z.string().refine((r) => parseRef(r) !== null, 'error.refs')).min(1, 'error.refs'));

/** An action on the records a search found: the search again (hidden fields), the records ticked, the reason. */
export const ActionSchema = Terms.extend({ reason: Reason, ref: Refs }).superRefine(checkTerms);
export type ActionInput = z.infer<typeof ActionSchema>;

/** A correction: the new values (only those given change; both names together). */
export const CorrectionSchema = Terms.extend({
  reason: Reason,
  ref: Refs,
  newGivenName: optionalText(100, 'error.givenName'),
  newFamilyName: optionalText(100, 'error.familyName'),
  newBirthDate: optionalDate('error.birthDate'),
  newEmail: optionalEmail('error.email'),
  newPhone: optionalPhone('error.phone'),
}).superRefine((v, ctx) => {
  checkTerms(v, ctx);
  if ((v.newGivenName === undefined) !== (v.newFamilyName === undefined))
    ctx.addIssue({
      code: 'custom',
      path: [v.newGivenName === undefined ? 'newGivenName' : 'newFamilyName'],
      message: 'error.namesTogether',
    });
  if ([v.newGivenName, v.newFamilyName, v.newBirthDate, v.newEmail, v.newPhone].every((x) => x === undefined))
    ctx.addIssue({ code: 'custom', path: ['newGivenName'], message: 'error.nothingToCorrect' });
});

export const ErasureSchema = Terms.extend({
  reason: Reason,
  ref: Refs,
  confirm: z.literal('yes', { error: 'error.confirm' }),
}).superRefine(checkTerms);

/** The search keys of the terms (plain values, for this request only). */
export function keysOf(t: SearchTerms): PersonKeys {
  return {
    identities:
      t.givenName && t.familyName && t.birthDate
        ? [{ givenName: t.givenName, familyName: t.familyName, birthDate: t.birthDate }]
        : [],
    emails: t.email ? [t.email] : [],
    phones: t.phone ? [t.phone] : [],
    codes: t.code ? [t.code] : [],
    contactIds: [],
  };
}

/** Which kinds of key a search used (for the audit entry; never the values). */
export function searchedBy(t: SearchTerms): string[] {
  return [
    ...(t.givenName ? ['name-and-birth-date'] : []),
    ...(t.email ? ['email'] : []),
    ...(t.phone ? ['phone'] : []),
    ...(t.code ? ['code'] : []),
  ];
}

/** The correction's patch. */
export function patchOf(v: z.infer<typeof CorrectionSchema>): PersonPatch {
  return {
    ...(v.newGivenName !== undefined ? { givenName: v.newGivenName } : {}),
    ...(v.newFamilyName !== undefined ? { familyName: v.newFamilyName } : {}),
    ...(v.newBirthDate !== undefined ? { birthDate: v.newBirthDate } : {}),
    ...(v.newEmail !== undefined ? { email: v.newEmail } : {}),
    ...(v.newPhone !== undefined ? { phone: v.newPhone } : {}),
  };
}

/** The search terms as form fields (carried in hidden inputs from page to page). */
export function termFields(t: SearchTerms): Record<string, string> {
  return Object.fromEntries(
    (['givenName', 'familyName', 'birthDate', 'email', 'phone', 'code'] as const).flatMap((k) => {
      const v = t[k];
      return v ? [[k, v]] : [];
    }),
  );
}

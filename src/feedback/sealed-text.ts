/**
 * Free text in answers is encrypted at field level (ADR 0020): a resident's comments and answers to the program's
 * own questions, a staff member's "what would help" and answers to the pulse's own questions can name people. Each
 * column's name is bound as the context. Counts, means and drivers stay in the clear: they are what the dashboard
 * computes on, and they name no one. Decryption happens only where the text is shown or sent: the comments view
 * and its CSV, the raw export, the webhook, the pulse results.
 */
import type { FieldCipher } from '../platform/crypto/index.js';
import { sealMarkedPlain } from '../platform/db/index.js';
import type { ModuleDeps } from '../platform/module.js';
import type { PulseRow, ResponseRow } from './repository.js';

const FIELDS = {
  comment: 'feedback_responses.comment',
  commentWell: 'feedback_responses.comment_well',
  custom: 'feedback_responses.custom_answers',
  help: 'pulse_responses.help_text',
  pulseCustom: 'pulse_responses.custom_answers',
} as const;

type SealedResponse = 'comment_enc' | 'comment_well_enc' | 'custom_answers_enc';
type SealedPulse = 'help_text_enc' | 'custom_answers_enc';

/** A response's free text in the clear (`custom_answers` is JSON). */
export interface ResponseText {
  comment: string | null;
  comment_well: string | null;
  custom_answers: string;
}
export type OpenResponseRow = Omit<ResponseRow, SealedResponse> & ResponseText;

/** A pulse answer's free text in the clear (`custom_answers` is JSON). */
export interface PulseText {
  help_text: string | null;
  custom_answers: string;
}
export type OpenPulseRow = Omit<PulseRow, SealedPulse> & PulseText;

const seal = (cipher: FieldCipher, v: string | null, field: string) => (v === null ? null : cipher.encrypt(v, field));
const open = (cipher: FieldCipher, v: string | null, field: string) => (v === null ? null : cipher.decrypt(v, field));

export function sealResponseText(cipher: FieldCipher, t: ResponseText): Pick<ResponseRow, SealedResponse> {
  return {
    comment_enc: seal(cipher, t.comment, FIELDS.comment),
    comment_well_enc: seal(cipher, t.comment_well, FIELDS.commentWell),
    custom_answers_enc: cipher.encrypt(t.custom_answers, FIELDS.custom),
  };
}

/** The row with its free text decrypted (under the plain column names). */
export function openResponse<R extends Pick<ResponseRow, SealedResponse>>(
  cipher: FieldCipher,
  r: R,
): Omit<R, SealedResponse> & ResponseText {
  const { comment_enc, comment_well_enc, custom_answers_enc, ...rest } = r;
  return {
    ...rest,
    comment: open(cipher, comment_enc, FIELDS.comment),
    comment_well: open(cipher, comment_well_enc, FIELDS.commentWell),
    custom_answers: cipher.decrypt(custom_answers_enc, FIELDS.custom),
  };
}

/** A response's custom answers (JSON) in the clear. */
export const openCustomAnswers = (cipher: FieldCipher, sealed: string): string => cipher.decrypt(sealed, FIELDS.custom);

export function sealPulseText(cipher: FieldCipher, t: PulseText): Pick<PulseRow, SealedPulse> {
  return {
    help_text_enc: seal(cipher, t.help_text, FIELDS.help),
    custom_answers_enc: cipher.encrypt(t.custom_answers, FIELDS.pulseCustom),
  };
}

export function openPulse(cipher: FieldCipher, r: PulseRow): OpenPulseRow {
  const { help_text_enc, custom_answers_enc, ...rest } = r;
  return {
    ...rest,
    help_text: open(cipher, help_text_enc, FIELDS.help),
    custom_answers: cipher.decrypt(custom_answers_enc, FIELDS.pulseCustom),
  };
}

/** At start: encrypt the free text migration 0022 marked as still plain (nothing once done). */
export async function sealMarkedFeedbackText(deps: Pick<ModuleDeps, 'db' | 'cipher'>): Promise<number> {
  const responses = await sealMarkedPlain(deps.db, deps.cipher, {
    table: 'feedback_responses',
    key: 'id',
    columns: {
      comment_enc: FIELDS.comment,
      comment_well_enc: FIELDS.commentWell,
      custom_answers_enc: FIELDS.custom,
    },
  });
  const pulse = await sealMarkedPlain(deps.db, deps.cipher, {
    table: 'pulse_responses',
    key: 'id',
    columns: { help_text_enc: FIELDS.help, custom_answers_enc: FIELDS.pulseCustom },
  });
  return responses + pulse;
}

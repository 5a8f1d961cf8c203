/** Survey links: a random single-use token (only its hash is stored) and the URL sent to the person. */
import { calendarDateIn } from '../platform/i18n/index.js';
import type { Config } from '../config/env.js';
import { generateToken, hashToken, hmacSign } from '../platform/crypto/index.js';
import type { Queryable } from '../platform/db/index.js';
import { randomUUID } from 'node:crypto';
import type { SurveyForm, SurveyOrigin } from './drivers.js';
import * as repo from './repository.js';

/** A link stays answerable for 30 days. */
export const LINK_LIFETIME_MS = 30 * 86_400_000;

/** The context a response keeps: the transaction's, never the person's. */
export interface TransactionContext {
  programId: string;
  siteId: string | null;
  channel: string;
  language: 'en' | 'es';
  /** The transaction's calendar date in the site's zone. */
  transactionDate: string;
}

export function surveyUrl(config: Pick<Config, 'publicUrl'>, token: string, language: 'en' | 'es'): string {
  return `${config.publicUrl}/feedback/s/${token}?lang=${language}`;
}

/** The local calendar date of an instant in a zone (the UTC date when the zone is unknown). */
export function localDate(at: number, zone: string): string {
  try {
    return calendarDateIn(at, zone);
  } catch {
    return new Date(at).toISOString().slice(0, 10);
  }
}

/**
 * Create a survey link for one transaction. Returns the token, or null when this transaction (its trigger key)
 * already has one. `token` may be given for a link that must be the same each time it is shown.
 */
export async function createInvitation(
  db: Queryable,
  o: {
    origin: SurveyOrigin;
    triggerKey: string;
    form: SurveyForm;
    context: TransactionContext;
    now: number;
    token?: string;
  },
): Promise<{ id: string; token: string } | null> {
  const token = o.token ?? generateToken();
  const id = randomUUID();
  const inserted = await repo.insertInvitation(db, {
    id,
    token_hash: hashToken(token),
    trigger_key: o.triggerKey,
    origin: o.origin,
    status: 'offered',
    form: o.form,
    program_id: o.context.programId,
    site_id: o.context.siteId,
    channel: o.context.channel,
    language: o.context.language,
    transaction_date: o.context.transactionDate,
    answered: 0,
    expires_at: o.now + LINK_LIFETIME_MS,
    created_at: o.now,
  });
  return inserted ? { id, token } : null;
}

/** The on-page link after booking: derived from the booking id with the server's secret, so it is stable. */
export function bookingLinkToken(secretKey: string, bookingId: string): string {
  return hmacSign(secretKey, `feedback-booking:${bookingId}`);
}

/** True when the link exists, is unanswered and has not expired. */
export async function checkLinkToken(db: Queryable, token: string, now: number): Promise<boolean> {
  const inv = await repo.findInvitationByTokenHash(db, hashToken(token));
  return inv !== undefined && inv.answered === 0 && inv.expires_at > now;
}

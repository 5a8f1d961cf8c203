/**
 * The details a person typed, carried between the details, review and confirm steps without JavaScript and
 * without putting personal data in a URL: an encrypted (AES-GCM, so also tamper-proof), HttpOnly, SameSite=Lax
 * cookie scoped to the flow's path that lives 30 minutes. It holds only what the details step already checked,
 * and the confirm step checks everything again.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { FieldCipher } from '../../platform/crypto/index.js';
import { LOCALES } from '../../platform/i18n/index.js';
import type { Details } from './schema.js';

const COOKIE = 'fd_booking';
const CONTEXT = 'booking-pages.draft';
const LIFETIME_MS = 30 * 60_000;

const Stored = z.object({
  exp: z.number(),
  forWhom: z.enum(['self', 'other']),
  givenName: z.string().min(1).max(100),
  familyName: z.string().min(1).max(100),
  birthDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  email: z.string().max(254).optional(),
  phone: z.string().max(32).optional(),
  language: z.enum(LOCALES),
});

export interface DraftCookieOptions {
  cipher: FieldCipher;
  /** The flow's base path (`/book`, `/staff/book`): the cookie is sent only there. */
  path: string;
  secure: boolean;
  now: number;
}

/** Remember the checked details for the next steps. */
export function saveDraft(reply: FastifyReply, details: Details, o: DraftCookieOptions): void {
  const value = o.cipher.encrypt(JSON.stringify({ ...details, exp: o.now + LIFETIME_MS }), CONTEXT);
  reply.setCookie(COOKIE, value, {
    path: o.path,
    httpOnly: true,
    sameSite: 'lax',
    secure: o.secure,
    maxAge: LIFETIME_MS / 1000,
  });
}

/** The details saved by this browser, or null when there are none, they expired or were tampered with. */
export function readDraft(request: FastifyRequest, o: Pick<DraftCookieOptions, 'cipher' | 'now'>): Details | null {
  const raw = request.cookies[COOKIE];
  if (!raw) return null;
  try {
    const parsed = Stored.safeParse(JSON.parse(o.cipher.decrypt(raw, CONTEXT)));
    if (!parsed.success || parsed.data.exp < o.now) return null;
    const { exp: _exp, ...details } = parsed.data;
    return details;
  } catch {
    return null;
  }
}

/** Forget the details (after booking). */
export function clearDraft(reply: FastifyReply, o: Pick<DraftCookieOptions, 'path' | 'secure'>): void {
  reply.clearCookie(COOKIE, { path: o.path, httpOnly: true, sameSite: 'lax', secure: o.secure });
}

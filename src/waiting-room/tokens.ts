/**
 * The waiting room's cookies. A place in line and a pass are signed (HMAC with the app's secret) together with the
 * browser's own random id, which lives in a separate HttpOnly cookie: a token copied into another browser does not
 * verify there. Each token carries its expiry, so checking one needs no database.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { generateToken, hashToken, hmacSign, hmacVerify } from '../platform/crypto/index.js';

export const BROWSER_COOKIE = 'fd_wr_browser';
export const TICKET_COOKIE = 'fd_wr_ticket';
export const PASS_COOKIE = 'fd_wr_pass';
export const NEXT_COOKIE = 'fd_wr_next';
/**
 * Set for a few seconds when the waiting page sends someone on. Another process whose one-second view is older may
 * still see them in line: seeing this cookie, it reads the room again instead of sending them back.
 */
export const GO_COOKIE = 'fd_wr_go';

/** How long a place in line is valid at most (it is also skipped much sooner when its page stops asking). */
export const TICKET_LIFETIME_MS = 12 * 3_600_000;

export interface Ticket {
  position: number;
  expiresAt: number;
}

function sign(secret: string, kind: 'ticket' | 'pass', browserId: string, payload: string): string {
  return hmacSign(secret, `waiting-room:${kind}:${browserId}:${payload}`);
}

export function ticketToken(secret: string, browserId: string, t: Ticket): string {
  const payload = `${t.position}.${t.expiresAt}`;
  return `${payload}.${sign(secret, 'ticket', browserId, payload)}`;
}

/** The place in line a token carries, when it was signed for this browser and has not expired. */
export function verifyTicket(
  secret: string,
  browserId: string | undefined,
  token: string | undefined,
  now: number,
): Ticket | null {
  if (!browserId || !token) return null;
  const m = /^(\d{1,15})\.(\d{1,15})\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (!m?.[1] || !m[2] || !m[3]) return null;
  if (!hmacVerify(secret, `waiting-room:ticket:${browserId}:${m[1]}.${m[2]}`, m[3])) return null;
  const t = { position: Number(m[1]), expiresAt: Number(m[2]) };
  return t.expiresAt > now ? t : null;
}

export function passToken(secret: string, browserId: string, expiresAt: number): string {
  return `${expiresAt}.${sign(secret, 'pass', browserId, String(expiresAt))}`;
}

/** True when the pass was signed for this browser and is still valid. */
export function verifyPass(
  secret: string,
  browserId: string | undefined,
  token: string | undefined,
  now: number,
): boolean {
  if (!browserId || !token) return false;
  const m = /^(\d{1,15})\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (!m?.[1] || !m[2]) return false;
  return hmacVerify(secret, `waiting-room:pass:${browserId}:${m[1]}`, m[2]) && Number(m[1]) > now;
}

/** What the database keeps of a browser id: its hash, so a database reader cannot forge cookies. */
export const browserHash = (browserId: string): string => hashToken(browserId);

const BROWSER_ID = /^[A-Za-z0-9_-]{22}$/;

type CookieOptions = { secure: boolean };
const base = (o: CookieOptions) => ({ path: '/', httpOnly: true, sameSite: 'lax' as const, secure: o.secure });

/** This browser's id; a new one is made (and set) when it has none. */
export function browserIdOf(request: FastifyRequest, reply: FastifyReply, o: CookieOptions): string {
  const existing = request.cookies[BROWSER_COOKIE];
  if (existing && BROWSER_ID.test(existing)) return existing;
  const id = generateToken(16);
  reply.setCookie(BROWSER_COOKIE, id, { ...base(o), maxAge: TICKET_LIFETIME_MS / 1000 });
  // Later reads in this request see it too.
  request.cookies[BROWSER_COOKIE] = id;
  return id;
}

export function setTicketCookie(reply: FastifyReply, token: string, o: CookieOptions): void {
  reply.setCookie(TICKET_COOKIE, token, { ...base(o), maxAge: TICKET_LIFETIME_MS / 1000 });
}

export function setPassCookie(reply: FastifyReply, token: string, maxAgeMs: number, o: CookieOptions): void {
  reply.setCookie(PASS_COOKIE, token, { ...base(o), maxAge: Math.max(1, Math.floor(maxAgeMs / 1000)) });
  reply.clearCookie(TICKET_COOKIE, base(o));
}

/** The page asked for (it may hold an invitation's token): sent only to the waiting room's own addresses. */
export function setNextCookie(reply: FastifyReply, next: string, o: CookieOptions): void {
  reply.setCookie(NEXT_COOKIE, next, { ...base(o), path: '/waiting-room', maxAge: TICKET_LIFETIME_MS / 1000 });
}

/** "Sent on a moment ago": lives 10 seconds. */
export const goCookieOptions = (o: CookieOptions) => ({ ...base(o), maxAge: 10 });

export function setGoCookie(reply: FastifyReply, o: CookieOptions): void {
  reply.setCookie(GO_COOKIE, '1', goCookieOptions(o));
}

/**
 * The API's token (request and answer header `Waiting-Room-Token`): a client id, then a place in line or a pass
 * signed with it. An API client has no cookies, so the id travels with the token: the token is a bearer credential
 * for one place or one pass, as the cookie pair is for a browser.
 */
export const API_TOKEN_HEADER = 'waiting-room-token';

/** The API token for a client id and a signed place or pass. */
export const apiToken = (clientId: string, signed: string): string => `${clientId}.${signed}`;

/** The client id and signed part of an API token, or null when it is not one. */
export function readApiToken(header: unknown): { clientId: string; signed: string } | null {
  if (typeof header !== 'string' || header.length > 200) return null;
  const m = /^([A-Za-z0-9_-]{22})\.([0-9.A-Za-z_-]+)$/.exec(header);
  return m?.[1] && m[2] ? { clientId: m[1], signed: m[2] } : null;
}

/** A new client id (for an API client that has no token yet). */
export const newClientId = (): string => generateToken(16);

/**
 * The status and invitation links carry a secret token in their path. Opening one moves the token into an
 * HttpOnly, SameSite=Lax cookie scoped to those pages and redirects to the address without it, so the token leaves
 * the address bar, the history and any Referer (the pages also send `Referrer-Policy: no-referrer`).
 */
import type { FastifyReply, FastifyRequest } from 'fastify';

export const STATUS_COOKIE = 'fd_prereg';
export const INVITE_COOKIE = 'fd_invite';
const PATHS = { [STATUS_COOKIE]: '/preregister', [INVITE_COOKIE]: '/invite' } as const;

export function rememberToken(
  reply: FastifyReply,
  name: typeof STATUS_COOKIE | typeof INVITE_COOKIE,
  token: string,
  secure: boolean,
) {
  reply.setCookie(name, token, { path: PATHS[name], httpOnly: true, sameSite: 'lax', secure, maxAge: 180 * 86_400 });
}

export const tokenFrom = (request: FastifyRequest, name: typeof STATUS_COOKIE | typeof INVITE_COOKIE) =>
  request.cookies[name];

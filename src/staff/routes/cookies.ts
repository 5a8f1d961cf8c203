import type { FastifyReply } from 'fastify';
import type { ModuleDeps } from '../../platform/module.js';

/** `__Host-` prefixed when served over HTTPS: the browser then refuses it from any other path or domain. */
export function sessionCookieName(deps: ModuleDeps): string {
  return deps.config.publicUrl.startsWith('https://') ? '__Host-fd_staff' : 'fd_staff';
}

/**
 * The session cookie's attributes, for setting and for clearing alike: a browser keeps a `__Host-` cookie whose
 * clearing lacks `Secure` (and treats a clearing with another path or SameSite as another cookie).
 */
const sessionCookieOptions = (deps: ModuleDeps) => ({
  path: '/',
  httpOnly: true,
  sameSite: 'lax' as const,
  secure: deps.config.publicUrl.startsWith('https://'),
});

export function setSessionCookie(reply: FastifyReply, token: string, deps: ModuleDeps): void {
  reply.setCookie(sessionCookieName(deps), token, {
    ...sessionCookieOptions(deps),
    maxAge: deps.config.sessions.maxHours * 3600,
  });
}

export function clearSessionCookie(reply: FastifyReply, deps: ModuleDeps): void {
  reply.clearCookie(sessionCookieName(deps), sessionCookieOptions(deps));
}

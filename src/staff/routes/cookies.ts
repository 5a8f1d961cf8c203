import type { FastifyReply } from 'fastify';
import type { ModuleDeps } from '../../platform/module.js';

/** `__Host-` prefixed when served over HTTPS: the browser then refuses it from any other path or domain. */
export function sessionCookieName(deps: ModuleDeps): string {
  return deps.config.publicUrl.startsWith('https://') ? '__Host-fd_staff' : 'fd_staff';
}

export function setSessionCookie(reply: FastifyReply, token: string, deps: ModuleDeps): void {
  reply.setCookie(sessionCookieName(deps), token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: deps.config.publicUrl.startsWith('https://'),
    maxAge: deps.config.sessions.maxHours * 3600,
  });
}

export function clearSessionCookie(reply: FastifyReply, deps: ModuleDeps): void {
  reply.clearCookie(sessionCookieName(deps), { path: '/' });
}

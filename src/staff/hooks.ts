/**
 * Who is asking: a Bearer API token on /api, a session cookie elsewhere. Cookies never authenticate /api
 * (so the API needs no CSRF token), and bearer tokens never open pages.
 */
import type { FastifyInstance } from 'fastify';
import { isUnder, requestPath } from '../platform/http/request-path.js';
import type { ModuleDeps } from '../platform/module.js';
import { resolveApiToken } from './api-tokens.js';
import { sessionCookieName } from './routes/cookies.js';
import { resolveSession } from './sessions.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** Hash of the staff session behind this request, to keep it when other sessions are ended. */
    staffSessionHash: string | null;
  }
}

export function registerPrincipalHook(app: FastifyInstance, deps: ModuleDeps): void {
  app.decorateRequest('staffSessionHash', null);
  const cookieName = sessionCookieName(deps);
  app.addHook('onRequest', async (request) => {
    // The path the router matched (ADR 0018): `/%61pi/…` is the API too, so cookies never authenticate it.
    const path = requestPath(request);
    if (isUnder(path, '/assets')) return;
    if (isUnder(path, '/api')) {
      const header = request.headers.authorization;
      if (header?.startsWith('Bearer ')) {
        request.principal = await resolveApiToken(deps.db, header.slice(7).trim(), deps.now());
      }
      return;
    }
    const token = request.cookies[cookieName];
    if (!token) return;
    const session = await resolveSession(deps.db.kysely, token, deps.now(), deps.config.sessions);
    if (session) {
      const { sessionHash, ...principal } = session;
      request.principal = principal;
      request.staffSessionHash = sessionHash;
    }
  });
}

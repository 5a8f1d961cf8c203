/**
 * Who is asking, and the one helper every staff route uses to decide whether they may.
 * The platform defines roles and the mechanism; each module's `policy.ts` says who may do what.
 */
import type { FastifyReply, FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import { HttpError } from '../http/errors.js';
import { isUnder, requestPath } from '../http/request-path.js';

/** Staff roles. Order is not a hierarchy: each module's policy lists the roles it allows. */
export const ROLES = ['admin', 'site-manager', 'site-staff', 'call-agent', 'analyst', 'content-editor'] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/** A signed-in staff member (browser session) or an integration (API token). */
export interface Principal {
  kind: 'staff' | 'token';
  /** Staff user id or API token id. */
  id: string;
  role: Role;
  /** What the audit log shows: the staff member's e-mail or the token's name. */
  label: string;
  /** Display name for pages. */
  name: string;
  mustChangePassword: boolean;
}

/** A policy check: given who is asking (at least their role), may they? */
export type PolicyCheck = (principal: Pick<Principal, 'role'>) => boolean;

/** Build a check that allows the listed roles. */
export function allowRoles(...roles: Role[]): PolicyCheck {
  return (p) => roles.includes(p.role);
}

function isApiRequest(request: FastifyRequest): boolean {
  return isUnder(requestPath(request), '/api');
}

/**
 * A preHandler for staff routes: anonymous browsers go to sign-in (and come back), anonymous API calls get
 * 401, a principal that fails the policy gets 403 — never the page.
 */
export function authorize(check: PolicyCheck): preHandlerAsyncHookHandler {
  return async function authorizeHook(request: FastifyRequest, reply: FastifyReply) {
    const p = request.principal;
    if (!p) {
      if (isApiRequest(request)) throw new HttpError(401, 'unauthorized');
      const next = encodeURIComponent(request.url);
      return reply.redirect(`/staff/sign-in?next=${next}`, 303);
    }
    if (p.kind === 'staff' && p.mustChangePassword && !isUnder(requestPath(request), '/staff/account/password')) {
      return reply.redirect('/staff/account/password', 303);
    }
    if (!check(p)) throw new HttpError(403, 'forbidden');
    return undefined;
  };
}

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by the staff module's request hook; null for residents and anonymous callers. */
    principal: Principal | null;
  }
}

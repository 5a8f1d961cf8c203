/**
 * Who is asking, and the one helper every staff route uses to decide whether they may.
 * The platform defines roles, site scope and the mechanism; each module's `policy.ts` says who may do what.
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

/**
 * Where a principal may act: every site (`'all'`), or only the listed site ids (possibly none). Site-bound data
 * (rosters, bookings, doses, schedules, offers) of any other site behaves as if it did not exist (ADR 0019).
 */
export type SiteScope = 'all' | readonly string[];

/**
 * Roles that work at sites and reach only the sites assigned to them. Every other role is county-wide: admins and
 * analysts by design, call agents because they book for callers anywhere, content editors because none of their
 * pages is site-bound.
 */
export const SITE_SCOPED_ROLES: readonly Role[] = ['site-manager', 'site-staff'];

/** The scope a role has with these assigned sites (assignments matter only for site-scoped roles). */
export function siteScopeOf(role: Role, assigned: readonly string[]): SiteScope {
  return SITE_SCOPED_ROLES.includes(role) ? [...new Set(assigned)].sort() : 'all';
}

/** A signed-in staff member (browser session) or an integration (API token). */
export interface Principal {
  kind: 'staff' | 'token';
  /** Staff user id or API token id. */
  id: string;
  role: Role;
  /** Where they may act, loaded with the session or token (checks cost no query). */
  sites: SiteScope;
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

type Scoped = Pick<Principal, 'sites'> | null | undefined;

/** May this principal act at (see anything of) this site? Nobody may when there is no principal. */
export function mayActAtSite(p: Scoped, siteId: string): boolean {
  if (!p) return false;
  return p.sites === 'all' || p.sites.includes(siteId);
}

/** True when the principal reaches every site. */
export function isCountyWide(p: Scoped): boolean {
  return p?.sites === 'all';
}

/** True when the principal works at assigned sites and has none (pages say so instead of listing nothing). */
export function hasNoSites(p: Scoped): boolean {
  return p !== null && p !== undefined && p.sites !== 'all' && p.sites.length === 0;
}

/** The items of a list that belong to sites the principal may act at (for lists, pickers and search results). */
export function withinSites<T>(p: Scoped, items: readonly T[], siteOf: (item: T) => string): T[] {
  return items.filter((item) => mayActAtSite(p, siteOf(item)));
}

/**
 * Answer 404 (as if it did not exist) unless the request's principal may act at the site an object belongs to.
 * Call it right after loading a site-bound object by id (a booking, a slot, an offer), before anything else.
 */
export function requireSite(request: FastifyRequest, siteId: string | null | undefined): void {
  if (siteId === null || siteId === undefined || !mayActAtSite(request.principal, siteId))
    throw new HttpError(404, 'not_found');
}

function isApiRequest(request: FastifyRequest): boolean {
  return isUnder(requestPath(request), '/api');
}

/** The `:siteId` of a route's path, when it has one. */
function siteInPath(request: FastifyRequest): string | undefined {
  const params = request.params;
  if (typeof params !== 'object' || params === null || !('siteId' in params)) return undefined;
  return typeof params.siteId === 'string' ? params.siteId : undefined;
}

/**
 * A preHandler for staff routes: anonymous browsers go to sign-in (and come back), anonymous API calls get
 * 401, a principal that fails the policy gets 403 — never the page. A route whose path names a site (`:siteId`)
 * answers 404 to a principal who may not act at that site, exactly as for a site that does not exist.
 */
export function authorize(check: PolicyCheck): preHandlerAsyncHookHandler & { policy: PolicyCheck } {
  const hook = async function authorizeHook(request: FastifyRequest, reply: FastifyReply) {
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
    const siteId = siteInPath(request);
    if (siteId !== undefined) requireSite(request, siteId);
    return undefined;
  };
  // The policy stays readable on the hook, so a test can tell which roles a registered route allows.
  return Object.assign(hook, { policy: check });
}

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by the staff module's request hook; null for residents and anonymous callers. */
    principal: Principal | null;
  }
}

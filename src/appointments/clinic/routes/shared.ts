/**
 * What every clinic route needs: the deps of a request's staff actor (with the sites they may act at), the site
 * from the path, the booking in the path checked against those sites, `?done=` notices.
 */
import type { FastifyRequest } from 'fastify';
import { actorFromRequest } from '../../../platform/audit/index.js';
import { mayActAtSite, requireSite } from '../../../platform/auth/index.js';
import { HttpError } from '../../../platform/http/errors.js';
import type { ModuleDeps } from '../../../platform/module.js';
import { findSiteById, type Site } from '../../../sites/index.js';
import { findBooking } from '../../repository.js';
import type { LookupDeps } from '../find-booking.js';

export function clinicDeps(deps: ModuleDeps, request: FastifyRequest): LookupDeps & ModuleDeps {
  return {
    ...deps,
    actor: actorFromRequest(request),
    mayActAt: (siteId) => mayActAtSite(request.principal, siteId),
  };
}

/** 404 unless the booking exists at a site the principal may act at (reads no personal data, audits nothing). */
export async function requireOwnBooking(deps: ModuleDeps, request: FastifyRequest, bookingId: string): Promise<void> {
  const b = await findBooking(deps.db.kysely, bookingId);
  requireSite(request, b?.site_id);
}

export async function siteFromPath(deps: ModuleDeps, id: string): Promise<Site> {
  const site = await findSiteById(deps.db.kysely, id);
  if (!site) throw new HttpError(404, 'not_found');
  return site;
}

export function query(request: FastifyRequest): Record<string, string | undefined> {
  const q = request.query;
  if (typeof q !== 'object' || q === null) return {};
  return Object.fromEntries(Object.entries(q).map(([k, v]) => [k, typeof v === 'string' ? v : undefined]));
}

/** What every clinic route needs: the deps of a request's staff actor, the site from the path, `?done=` notices. */
import type { FastifyRequest } from 'fastify';
import { actorFromRequest } from '../../../platform/audit/index.js';
import { HttpError } from '../../../platform/http/errors.js';
import type { ModuleDeps } from '../../../platform/module.js';
import { findSiteById, type Site } from '../../../sites/index.js';
import type { ClinicDeps } from '../roster.js';

export function clinicDeps(deps: ModuleDeps, request: FastifyRequest): ClinicDeps & ModuleDeps {
  return { ...deps, actor: actorFromRequest(request) };
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

/** Admins create (shown once) and revoke API tokens. */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { actorFromRequest } from '../../platform/audit/index.js';
import { authorize } from '../../platform/auth/index.js';
import { parseForm } from '../../platform/http/forms.js';
import { pageContext } from '../../platform/http/page.js';
import type { ModuleDeps } from '../../platform/module.js';
import { sendPage } from '../../platform/views/index.js';
import { createApiToken, revokeApiToken, UnknownSiteError } from '../api-tokens.js';
import { translateFormErrors } from '../messages.js';
import { canManageTokens } from '../policy.js';
import * as repo from '../repository.js';
import { CreateTokenSchema } from '../schema.js';
import { siteChoices } from '../site-assignments.js';
import { TokenCreatedPage, TokensPage } from '../views/tokens-pages.js';
import type { NavFor } from '../../platform/http/page.js';

export function registerTokenRoutes(app: FastifyInstance, deps: ModuleDeps, nav: NavFor): void {
  const opts = { preHandler: authorize(canManageTokens) };
  const tz = deps.config.agencyTimeZone;
  const list = async (request: FastifyRequest) => {
    const assigned = new Map<string, string[]>();
    for (const a of await repo.listAssignments(deps.db.kysely, 'token'))
      assigned.set(a.holder, [...(assigned.get(a.holder) ?? []), a.site_id]);
    return {
      nav: nav(request, '/staff/tokens'),
      tokens: await repo.listApiTokens(deps.db.kysely),
      sites: await siteChoices(deps.db.kysely),
      assigned,
      tz,
    };
  };

  app.get('/staff/tokens', opts, async (request, reply) => {
    const done =
      (request.query as Record<string, string | undefined>).done === 'revoked' ? 'tokens.done.revoked' : undefined;
    return sendPage(
      reply,
      <TokensPage ctx={pageContext(request, reply)} {...await list(request)} errors={{}} values={{}} notice={done} />,
    );
  });
  app.post('/staff/tokens', opts, async (request, reply) => {
    const form = parseForm(CreateTokenSchema, request.body);
    const refuse = async (keys: Record<string, string>) =>
      sendPage(
        reply,
        <TokensPage
          ctx={pageContext(request, reply)}
          {...await list(request)}
          errors={translateFormErrors(request.locale, keys)}
          values={form.values}
        />,
        400,
      );
    if (!form.ok) return refuse(form.errors);
    const created = await createApiToken(form.value, {
      db: deps.db,
      now: deps.now,
      actor: actorFromRequest(request),
    }).catch((err: unknown) => {
      if (err instanceof UnknownSiteError) return null;
      throw err;
    });
    if (!created) return refuse({ sites: 'sites.error.unknown' });
    // Shown once in this answer (no-store); the database keeps only its hash.
    const page = (
      <TokenCreatedPage
        ctx={pageContext(request, reply)}
        nav={nav(request, '/staff/tokens')}
        token={created.token}
        name={form.value.name}
      />
    );
    return sendPage(reply, page, 201);
  });
  app.post<{ Params: { id: string } }>('/staff/tokens/:id/revoke', opts, async (request, reply) => {
    await revokeApiToken({ id: request.params.id }, { db: deps.db, now: deps.now, actor: actorFromRequest(request) });
    return reply.redirect('/staff/tokens?done=revoked', 303);
  });
}

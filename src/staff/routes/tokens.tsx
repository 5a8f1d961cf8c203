/** Admins create (shown once) and revoke API tokens. */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { actorFromRequest } from '../../platform/audit/index.js';
import { authorize } from '../../platform/auth/index.js';
import { parseForm } from '../../platform/http/forms.js';
import { pageContext } from '../../platform/http/page.js';
import type { ModuleDeps } from '../../platform/module.js';
import { sendPage } from '../../platform/views/index.js';
import { createApiToken, revokeApiToken } from '../api-tokens.js';
import { translateFormErrors } from '../messages.js';
import { canManageTokens } from '../policy.js';
import * as repo from '../repository.js';
import { CreateTokenSchema } from '../schema.js';
import { TokenCreatedPage, TokensPage } from '../views/tokens-pages.js';
import type { NavFor } from '../../platform/http/page.js';

export function registerTokenRoutes(app: FastifyInstance, deps: ModuleDeps, nav: NavFor): void {
  const opts = { preHandler: authorize(canManageTokens) };
  const tz = deps.config.agencyTimeZone;
  const list = async (request: FastifyRequest) => ({
    nav: nav(request, '/staff/tokens'),
    tokens: await repo.listApiTokens(deps.db.kysely),
    tz,
  });

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
    if (!form.ok) {
      const errors = translateFormErrors(request.locale, form.errors);
      return sendPage(
        reply,
        <TokensPage ctx={pageContext(request, reply)} {...await list(request)} errors={errors} values={form.values} />,
        400,
      );
    }
    const created = await createApiToken(form.value, { db: deps.db, now: deps.now, actor: actorFromRequest(request) });
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

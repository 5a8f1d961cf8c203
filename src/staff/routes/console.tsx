/** The console overview and the staff API endpoints that describe accounts. */
import type { FastifyInstance } from 'fastify';
import { authorize } from '../../platform/auth/index.js';
import { pageContext } from '../../platform/http/page.js';
import type { ModuleDeps } from '../../platform/module.js';
import { sendPage } from '../../platform/views/index.js';
import { canManageStaff, canUseConsole } from '../policy.js';
import * as repo from '../repository.js';
import { siteChoices } from '../site-assignments.js';
import { ConsoleHomePage } from '../views/console-home-page.js';
import type { NavFor } from '../../platform/http/page.js';

export function registerConsoleRoutes(app: FastifyInstance, deps: ModuleDeps, nav: NavFor): void {
  app.get('/staff', { preHandler: authorize(canUseConsole) }, async (request, reply) => {
    const scope = request.principal?.sites ?? [];
    const names = new Map((await siteChoices(deps.db.kysely)).map((s) => [s.id, s.name]));
    // The sites a site-scoped reader works at, by name ('all' for county-wide roles).
    const sites = scope === 'all' ? 'all' : scope.flatMap((id) => names.get(id) ?? []);
    return sendPage(
      reply,
      <ConsoleHomePage ctx={pageContext(request, reply)} nav={nav(request, '/staff')} sites={sites} />,
    );
  });

  /** Who the token belongs to, and where it may act: lets an integrator check a token works. */
  app.get('/api/v1/me', { preHandler: authorize(canUseConsole) }, async (request) => {
    const p = request.principal;
    return { kind: p?.kind, id: p?.id, name: p?.name, role: p?.role, sites: p?.sites };
  });

  app.get('/api/v1/staff/users', { preHandler: authorize(canManageStaff) }, async () => {
    const users = await repo.listUsers(deps.db.kysely);
    return {
      users: users.map((u) => ({
        id: u.id,
        email: u.email,
        displayName: u.display_name,
        role: u.role,
        status: u.status,
        lastSignInAt: u.last_login_at ? new Date(u.last_login_at).toISOString() : null,
      })),
    };
  });
}

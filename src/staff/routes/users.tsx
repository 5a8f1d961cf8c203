/** Admins invite staff, change roles and sites, deactivate and reactivate accounts. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { actorFromRequest } from '../../platform/audit/index.js';
import { authorize } from '../../platform/auth/index.js';
import { HttpError } from '../../platform/http/errors.js';
import { parseForm } from '../../platform/http/forms.js';
import { pageContext } from '../../platform/http/page.js';
import type { ModuleDeps } from '../../platform/module.js';
import { sendPage } from '../../platform/views/index.js';
import { translateFormErrors, type StaffKey } from '../messages.js';
import { canManageStaff } from '../policy.js';
import * as repo from '../repository.js';
import { ChangeRoleSchema, InviteSchema, SetSitesSchema, SetStatusSchema } from '../schema.js';
import { setUserSites, siteChoices } from '../site-assignments.js';
import { changeRole, inviteUser, setUserActive, type ManageResult } from '../users.js';
import { InvitePage, UserSitesPage, UsersPage } from '../views/users-pages.js';
import type { NavFor } from '../../platform/http/page.js';

const NOTICES: Record<string, StaffKey> = {
  invited: 'users.done.invited',
  'role-changed': 'users.done.roleChanged',
  deactivated: 'users.done.deactivated',
  reactivated: 'users.done.reactivated',
  'sites-changed': 'users.done.sitesChanged',
};
const ERRORS: Record<string, StaffKey> = {
  self: 'users.error.self',
  last_admin: 'users.error.lastAdmin',
  not_found: 'users.error.notFound',
};

function resultRedirect(r: ManageResult, done: string): string {
  return r.ok ? `/staff/users?done=${done}` : `/staff/users?error=${r.error}`;
}

/** Each holder's site ids. */
function bySiteHolder(rows: { holder: string; site_id: string }[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const r of rows) out.set(r.holder, [...(out.get(r.holder) ?? []), r.site_id]);
  return out;
}

export function registerUserRoutes(app: FastifyInstance, deps: ModuleDeps, nav: NavFor): void {
  const opts = { preHandler: authorize(canManageStaff) };
  const ctxDeps = (request: FastifyRequest) => ({ db: deps.db, now: deps.now, actor: actorFromRequest(request) });

  app.get('/staff/users', opts, async (request, reply) => {
    const q = request.query as Record<string, string | undefined>;
    const db = deps.db.kysely;
    const [users, sites, assigned] = await Promise.all([
      repo.listUsers(db),
      siteChoices(db),
      repo.listAssignments(db, 'user'),
    ]);
    const page = (
      <UsersPage
        ctx={pageContext(request, reply)}
        nav={nav(request, '/staff/users')}
        users={users}
        siteNames={new Map(sites.map((s) => [s.id, s.name]))}
        assigned={bySiteHolder(assigned)}
        notice={NOTICES[q.done ?? '']}
        error={ERRORS[q.error ?? '']}
        tz={deps.config.agencyTimeZone}
        selfId={request.principal?.id ?? ''}
      />
    );
    return sendPage(reply, page);
  });
  app.get('/staff/users/invite', opts, async (request, reply) =>
    sendPage(
      reply,
      <InvitePage
        ctx={pageContext(request, reply)}
        nav={nav(request, '/staff/users')}
        sites={await siteChoices(deps.db.kysely)}
        errors={{}}
        values={{}}
      />,
    ),
  );
  app.post('/staff/users/invite', opts, async (request, reply) => {
    const form = parseForm(InviteSchema, request.body);
    const result = form.ok ? await inviteUser({ ...form.value, locale: request.locale }, ctxDeps(request)) : null;
    if (result?.ok) return reply.redirect('/staff/users?done=invited', 303);
    const errors = form.ok
      ? result?.error === 'unknown_site'
        ? { sites: 'sites.error.unknown' }
        : { email: 'invite.error.emailTaken' }
      : form.errors;
    return sendPage(
      reply,
      <InvitePage
        ctx={pageContext(request, reply)}
        nav={nav(request, '/staff/users')}
        sites={await siteChoices(deps.db.kysely)}
        errors={translateFormErrors(request.locale, errors)}
        values={form.values}
      />,
      400,
    );
  });
  app.post<{ Params: { id: string } }>('/staff/users/:id/role', opts, async (request, reply) => {
    const form = parseForm(ChangeRoleSchema, request.body);
    if (!form.ok) throw new HttpError(400, 'bad_request');
    const r = await changeRole({ userId: request.params.id, role: form.value.role }, ctxDeps(request));
    return reply.redirect(resultRedirect(r, 'role-changed'), 303);
  });
  app.post<{ Params: { id: string } }>('/staff/users/:id/status', opts, async (request, reply) => {
    const form = parseForm(SetStatusSchema, request.body);
    if (!form.ok) throw new HttpError(400, 'bad_request');
    const r = await setUserActive({ userId: request.params.id, active: form.value.active }, ctxDeps(request));
    return reply.redirect(resultRedirect(r, form.value.active ? 'reactivated' : 'deactivated'), 303);
  });

  const showSites = async (
    request: FastifyRequest<{ Params: { id: string } }>,
    reply: FastifyReply,
    o: { chosen: readonly string[]; error?: string | undefined; status: number },
  ) => {
    const user = await repo.findUserById(deps.db.kysely, request.params.id);
    if (!user) throw new HttpError(404, 'not_found');
    return sendPage(
      reply,
      <UserSitesPage
        ctx={pageContext(request, reply)}
        nav={nav(request, '/staff/users')}
        user={user}
        sites={await siteChoices(deps.db.kysely)}
        chosen={o.chosen}
        error={o.error}
      />,
      o.status,
    );
  };
  app.get<{ Params: { id: string } }>('/staff/users/:id/sites', opts, async (request, reply) =>
    showSites(request, reply, {
      chosen: await repo.findAssignedSites(deps.db.kysely, { user: request.params.id }),
      status: 200,
    }),
  );
  app.post<{ Params: { id: string } }>('/staff/users/:id/sites', opts, async (request, reply) => {
    const form = parseForm(SetSitesSchema, request.body);
    const r = form.ok
      ? await setUserSites({ userId: request.params.id, siteIds: form.value.sites }, ctxDeps(request))
      : null;
    if (r?.ok) return reply.redirect('/staff/users?done=sites-changed', 303);
    if (r?.error === 'not_found') throw new HttpError(404, 'not_found');
    const error = translateFormErrors(request.locale, { sites: 'sites.error.unknown' }).sites;
    return showSites(request, reply, { chosen: form.ok ? form.value.sites : [], error, status: 400 });
  });
}

/**
 * The two audiences of the same pages. Residents get the public layout; staff booking for a caller get the console
 * frame, their role checked on every step, and channel `phone` with their name in the audit log.
 */
import { phoneForDisplay } from '../../platform/agency/contact.js';
import type { FastifyReply, FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import type { VNode } from 'preact';
import { actorFromRequest, type AuditActor } from '../../platform/audit/index.js';
import { authorize, mayActAtSite } from '../../platform/auth/index.js';
import { sendConsolePage } from '../../platform/http/console-page.js';
import { navBuilder, pageContext, type NavFor } from '../../platform/http/page.js';
import type { ModuleDeps } from '../../platform/module.js';
import { Layout, sendPage, type PageContext } from '../../platform/views/index.js';
import { canManageBookings } from '../policy.js';
import { bookingPagesMessages } from './messages.js';
import { MessagePage } from './views/refused-pages.js';

export interface Audience {
  staff: boolean;
  channel: 'web' | 'phone';
  /** Where the booking flow lives. */
  base: string;
  routeOptions: { preHandler?: preHandlerAsyncHookHandler };
  /** Who is acting, for the audit log (staff only: residents' own bookings are theirs). */
  actor: (request: FastifyRequest) => AuditActor | undefined;
  /** Sites this request may book at, be offered and manage bookings of: staff only their own (ADR 0019). */
  siteAllowed: (request: FastifyRequest) => (siteId: string) => boolean;
  render: (
    request: FastifyRequest,
    reply: FastifyReply,
    o: { title: string; status?: number },
    body: (ctx: PageContext) => VNode,
  ) => FastifyReply;
}

export const STAFF_BOOK = '/staff/book';

export function residentAudience(): Audience {
  return {
    staff: false,
    channel: 'web',
    base: '/book',
    routeOptions: {},
    actor: () => undefined,
    siteAllowed: () => () => true,
    render: (request, reply, o, body) => {
      const ctx = pageContext(request, reply);
      return sendPage(
        reply,
        <Layout ctx={ctx} title={o.title}>
          {body(ctx)}
        </Layout>,
        o.status ?? 200,
      );
    },
  };
}

export function staffAudience(deps: ModuleDeps): Audience {
  const nav: NavFor = navBuilder(deps.consoleLinks);
  return {
    staff: true,
    channel: 'phone',
    base: STAFF_BOOK,
    routeOptions: { preHandler: authorize(canManageBookings) },
    actor: (request) => actorFromRequest(request),
    siteAllowed: (request) => (siteId) => mayActAtSite(request.principal, siteId),
    render: (request, reply, o, body) =>
      sendConsolePage(
        request,
        reply,
        { nav, current: STAFF_BOOK, title: o.title, ...(o.status === undefined ? {} : { status: o.status }) },
        body,
      ),
  };
}

/** A translated page with a status (bad manage link, unknown booking) — never a stack trace. */
export function sendMessage(
  audience: Audience,
  request: FastifyRequest,
  reply: FastifyReply,
  o: { status: number; title: 'manage.forbidden.title' | 'manage.notFound.title' },
) {
  const t = bookingPagesMessages.for(request.locale);
  const bodyKey = (
    { 'manage.forbidden.title': 'manage.forbidden.body', 'manage.notFound.title': 'manage.notFound.body' } as const
  )[o.title];
  const title = t(o.title);
  return audience.render(request, reply, { title, status: o.status }, (ctx) => (
    <MessagePage ctx={ctx} title={title} body={t(bodyKey, { phone: phoneForDisplay(ctx.agencyContact.phone) })} />
  ));
}

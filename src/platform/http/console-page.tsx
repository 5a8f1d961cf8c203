import type { FastifyReply, FastifyRequest } from 'fastify';
import type { VNode } from 'preact';
import { ConsoleLayout, sendPage, type PageContext } from '../views/index.js';
import { pageContext, type NavFor } from './page.js';

/** Render a staff console page: the console frame (who is signed in, the menu) around a module's content. */
export function sendConsolePage(
  request: FastifyRequest,
  reply: FastifyReply,
  o: { nav: NavFor; current: string; title: string; status?: number },
  body: (ctx: PageContext) => VNode,
): FastifyReply {
  const ctx = pageContext(request, reply);
  return sendPage(
    reply,
    <ConsoleLayout ctx={ctx} title={o.title} nav={o.nav(request, o.current)}>
      {body(ctx)}
    </ConsoleLayout>,
    o.status ?? 200,
  );
}

import type { FastifyReply } from 'fastify';
import type { VNode } from 'preact';
import { renderToString } from 'preact-render-to-string';

/** Render a full page (escaped by default) and send it as HTML. Pages are never cached by shared caches. */
export function sendPage(reply: FastifyReply, page: VNode, status = 200): FastifyReply {
  return reply
    .status(status)
    .header('cache-control', 'no-store')
    .type('text/html; charset=utf-8')
    .send(`<!doctype html>${renderToString(page)}`);
}

/** Render a fragment to an HTML string (for e-mail bodies and tests). */
export function renderHtml(node: VNode): string {
  return renderToString(node);
}

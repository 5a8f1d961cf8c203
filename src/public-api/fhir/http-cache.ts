/** Conditional GET for published files: strong ETags, If-None-Match → 304, and a max-age polling hint. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Representation } from './publication.js';

/** Whether an If-None-Match header matches the tag (weak comparison, as RFC 9110 asks for this header). */
export function ifNoneMatch(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  return header
    .split(',')
    .map((t) => t.trim().replace(/^W\//, ''))
    .includes(etag);
}

/** Send a representation (or 304 when the client has it), with its ETag and Cache-Control. */
export function sendRepresentation(
  request: FastifyRequest,
  reply: FastifyReply,
  r: Representation,
  o: { contentType: string; maxAgeSeconds: number },
): FastifyReply {
  reply
    .header('cache-control', `public, max-age=${o.maxAgeSeconds}`)
    .header('etag', r.etag)
    // Open public data (no cookies, no personal data): any web client may read it.
    .header('access-control-allow-origin', '*');
  if (ifNoneMatch(request.headers['if-none-match'], r.etag)) return reply.code(304).send();
  return reply.type(o.contentType).send(r.body);
}

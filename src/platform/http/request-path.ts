/**
 * One spelling per path (ADR 0018). The router decodes percent-encodings before it matches a route, so `/%62ook`
 * reaches `/book`'s handler; a hook that compared the raw URL with `/book` would not see it. Every decision made by
 * path (the waiting room's guard, "is this the API?", CSRF, the staff hook) therefore reads `requestPath(request)`,
 * and every request whose target is not already in its canonical spelling is answered before any module sees it:
 * GET and HEAD with a 308 to the canonical spelling, other methods with a 404. Targets that cannot be decoded (bad
 * or overlong escapes, control characters once decoded, fragments, anything outside printable ASCII) get the
 * translated 404, never the router's raw 400 or a 500 from code that trusted the path.
 *
 * The canonical spelling of a path is the router's reading of it, written with the fewest escapes: each segment is
 * percent-decoded once (UTF-8) except for the escapes the router keeps (`%2F`, `%3F`, `%25` …, in upper-case hex),
 * then escaped again where it must be (RFC 3986 `pchar`: letters, digits, `-._~!$&'()*+,;=:@` stay literal);
 * `.` and `..` segments are resolved and empty segments (`//`) dropped. A trailing slash stays (the router ignores
 * it, and so does `isUnder`). Case is kept: the router is case-sensitive, so `/BOOK` is simply not found. The query
 * string is kept as it came.
 */
import type { IncomingMessage } from 'node:http';
import type { FastifyReply, FastifyRequest } from 'fastify';

export type RequestTarget =
  /** `path` and `search` are what was sent. */
  | { kind: 'canonical'; path: string; search: string }
  /** `path` is the canonical spelling of what was sent; `search` the query as sent. */
  | { kind: 'other-spelling'; path: string; search: string }
  /**
   * Cannot be decoded. `path` is the raw path as sent, never to be trusted: it is only used to choose the form of
   * the 404 (JSON under /api/).
   */
  | { kind: 'malformed'; path: string; search: string };

/** Longest path accepted (the query is bounded by the server's header size). */
export const MAX_PATH_LENGTH = 2048;

/** Where a malformed target is routed (no route has this path: the 404 handler answers). */
const MALFORMED_ROUTE = '/.malformed';

const PRINTABLE_ASCII = /^[\x21-\x7e]*$/;
/** A path already canonical at a glance (most requests): non-empty, non-dot segments of literal pchar only. */
const PLAIN_PATH = /^(?:\/(?!\.{1,2}(?:\/|$))[A-Za-z0-9\-._~!$&'()*+,;=:@]+)*\/?$/;
const BAD_ESCAPE = /%(?![0-9A-Fa-f]{2})/;
// C0 and C1 control characters and DEL: never part of a path we serve.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
/**
 * Escapes the router leaves as they are when it matches a path (find-my-way decodes with `decodeURI`, which keeps
 * `# $ & + , / : ; = ? @` escaped, and it keeps `%25` too): they stay escaped here, so `/book%2Fx` is not `/book/x`
 * for us either. Every other escape is decoded.
 */
const KEPT = new Set(['23', '24', '25', '26', '2B', '2C', '2F', '3A', '3B', '3D', '3F', '40']);
// Sub-delimiters, ':' and '@' may stand in a path segment as they are (RFC 3986 pchar); encodeURIComponent escapes them.
const PCHAR_ESCAPES = /%(24|26|2B|2C|3B|3D|3A|40)/g;

/** Decode a run of a segment (no kept escapes in it) and escape it again with the fewest escapes; null if bad. */
function respell(run: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(run);
  } catch {
    return null; // invalid or overlong UTF-8
  }
  if (CONTROL.test(decoded)) return null;
  return encodeURIComponent(decoded).replace(PCHAR_ESCAPES, (e) => decodeURIComponent(e));
}

/** A segment's canonical spelling ('.' and '..' as such), or null when it cannot be decoded. */
function respellSegment(segment: string): string | null {
  let out = '';
  let run = '';
  for (const piece of segment.split(/(%[0-9A-Fa-f]{2})/)) {
    const hex = piece.startsWith('%') ? piece.slice(1).toUpperCase() : '';
    if (!KEPT.has(hex)) {
      run += piece;
      continue;
    }
    const spelled = respell(run);
    if (spelled === null) return null;
    out += `${spelled}%${hex}`;
    run = '';
  }
  const spelled = respell(run);
  return spelled === null ? null : out + spelled;
}

/** The origin-form of an absolute-form target (`http://host/path?q` → `/path?q`), or null when it is not one. */
function originForm(url: string): string | null {
  const m = /^https?:\/\/[^/?#]*/i.exec(url);
  if (!m) return null;
  const rest = url.slice(m[0].length);
  return rest.startsWith('/') ? rest : `/${rest}`;
}

/** Read a request target (origin-form, as `request.url` holds it). */
export function readRequestTarget(url: string): RequestTarget {
  const q = url.indexOf('?');
  const rawPath = q === -1 ? url : url.slice(0, q);
  const search = q === -1 ? '' : url.slice(q);
  const malformed: RequestTarget = { kind: 'malformed', path: rawPath, search: '' };
  if (!rawPath.startsWith('/') || rawPath.length > MAX_PATH_LENGTH) return malformed;
  // Printable ASCII only (browsers escape the rest); a fragment is never part of a request.
  if (!PRINTABLE_ASCII.test(search) || search.includes('#')) return malformed;
  if (PLAIN_PATH.test(rawPath)) return { kind: 'canonical', path: rawPath, search };
  if (!PRINTABLE_ASCII.test(rawPath) || rawPath.includes('#') || BAD_ESCAPE.test(rawPath)) return malformed;
  const out: string[] = [];
  let trailing = false;
  for (const segment of rawPath.split('/').slice(1)) {
    const spelled = respellSegment(segment);
    if (spelled === null) return malformed;
    // Empty segments (`//`, a trailing slash) and dot-segments leave the path ending in a slash (RFC 3986 5.2.4).
    trailing = spelled === '' || spelled === '.' || spelled === '..';
    if (spelled === '..') out.pop();
    else if (!trailing) out.push(spelled);
  }
  const path = `/${out.join('/')}${trailing && out.length > 0 ? '/' : ''}`;
  return { kind: path === rawPath ? 'canonical' : 'other-spelling', path, search };
}

/** The canonical spelling of a path (a query, if any, is dropped), or null when it cannot be decoded. */
export function canonicalPath(url: string): string | null {
  const t = readRequestTarget(url);
  return t.kind === 'malformed' ? null : t.path;
}

const targets = new WeakMap<IncomingMessage, RequestTarget>();

/**
 * Fastify's `rewriteUrl`: runs before the router. An absolute-form target is read as its origin-form; the router
 * then gets the canonical spelling (so it matches exactly what `requestPath` says), or, for a malformed target, a
 * path no route has, so the 404 handler answers instead of the router's raw 400.
 */
export function rewriteToCanonical(req: IncomingMessage): string {
  const url = req.url ?? '/';
  const target = readRequestTarget(url.startsWith('/') ? url : (originForm(url) ?? url));
  targets.set(req, target);
  if (target.kind === 'malformed') return MALFORMED_ROUTE;
  return target.kind === 'canonical' && url.startsWith('/') ? url : `${target.path}${target.search}`;
}

function targetOf(request: FastifyRequest): RequestTarget {
  let t = targets.get(request.raw);
  if (!t) {
    t = readRequestTarget(request.url);
    targets.set(request.raw, t);
  }
  return t;
}

/**
 * The canonical path of this request (no query): what the router matched. Decide everything by path with this,
 * never with `request.url`.
 */
export function requestPath(request: FastifyRequest): string {
  return targetOf(request).path;
}

/** True when `path` is `prefix` or below it (`/api` covers `/api`, `/api/` and `/api/v1`; not `/apis`). */
export function isUnder(path: string, prefix: string): boolean {
  const p = prefix.length > 1 && prefix.endsWith('/') ? prefix.slice(0, -1) : prefix;
  return p === '/' || path === p || path.startsWith(`${p}/`);
}

/**
 * The gate, as an onRequest hook registered before any module's hooks: a target spelled otherwise is redirected
 * (GET, HEAD) or not found (other methods); a malformed one is not found. `notFound` sends the translated 404.
 */
export function canonicalPathGate(notFound: (request: FastifyRequest, reply: FastifyReply) => FastifyReply) {
  return async function canonicalPathHook(request: FastifyRequest, reply: FastifyReply) {
    const t = targetOf(request);
    if (t.kind === 'canonical') return undefined;
    if (t.kind === 'other-spelling' && (request.method === 'GET' || request.method === 'HEAD'))
      return reply.redirect(`${t.path}${t.search}`, 308);
    return notFound(request, reply);
  };
}

/**
 * Fast lanes: a few GET answers that very many clients poll (the waiting room's status: every visitor in line asks
 * every few seconds) are answered straight from node:http, before Fastify's request pipeline, so that a surge of
 * polls costs little more than a bare server's answer (ADR 0017). A lane's handler gets the cookies, the negotiated
 * locale and the query, may set cookies, and returns a JSON body. It must not need the database on every call.
 *
 * The same handler is also registered as an ordinary Fastify route, so `app.inject` and HEAD requests get the
 * same answer through the full pipeline. What a lane skips, and does itself instead: security headers (a fixed set
 * for JSON answers, below), metrics (the same request histogram), error answers (a JSON 500, logged), draining
 * (`Connection: close` once the server is closing). It skips request ids and the per-request log line.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { FastifyBaseLogger, FastifyInstance, FastifyServerFactory } from 'fastify';
import { negotiateLocale, type Locale } from '../i18n/index.js';
import type { Metrics } from '../metrics/index.js';

export interface LaneCookieOptions {
  path: string;
  httpOnly: boolean;
  sameSite: 'lax' | 'strict';
  secure: boolean;
  maxAge: number;
}

export interface LaneRequest {
  /** The request's cookies, as sent (unsigned values). */
  cookies: Record<string, string | undefined>;
  locale: Locale;
  query: URLSearchParams;
  setCookie(name: string, value: string, options: LaneCookieOptions): void;
}

export interface LaneAnswer {
  status?: number;
  body: unknown;
}

export type LaneHandler = (request: LaneRequest) => LaneAnswer | Promise<LaneAnswer>;

declare module 'fastify' {
  interface FastifyInstance {
    /** Answer GET `path` from a fast lane (and, for inject and HEAD, from an ordinary route). */
    fastLane(path: string, handler: LaneHandler): void;
  }
}

export interface FastLaneOptions {
  defaultLocale: Locale;
  secureCookies: boolean;
  metrics: Metrics;
  logger: FastifyBaseLogger;
}

/** What a fast lane needs from the app: set once Fastify (and its cookie plugin) exist. */
interface LaneContext {
  parseCookie(header: string): Record<string, string | undefined>;
  serializeCookie(name: string, value: string, options: LaneCookieOptions): string;
  closing: boolean;
}

/** The security headers of a JSON answer: nothing may be framed, sniffed, cached or run from it. */
function laneHeaders(secure: boolean): Record<string, string> {
  return {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
    'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
    'cross-origin-opener-policy': 'same-origin',
    'cross-origin-resource-policy': 'same-origin',
    'referrer-policy': 'strict-origin-when-cross-origin',
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'SAMEORIGIN',
    ...(secure ? { 'strict-transport-security': 'max-age=31536000; includeSubDomains' } : {}),
  };
}

/** The query string of a request URL, parsed. */
function queryOf(url: string): URLSearchParams {
  const q = url.indexOf('?');
  return new URLSearchParams(q === -1 ? '' : url.slice(q + 1));
}

/**
 * The lanes of one app: `serverFactory` for Fastify's options (lanes first, everything else to Fastify), and
 * `install` to add `app.fastLane` once the app's cookie plugin is registered.
 */
export function fastLanes(o: FastLaneOptions): {
  serverFactory: FastifyServerFactory;
  install(app: FastifyInstance): void;
} {
  const lanes = new Map<string, LaneHandler>();
  const headers = laneHeaders(o.secureCookies);
  let context: LaneContext | null = null;

  const requestOf = (
    cookieHeader: string | undefined,
    query: URLSearchParams,
    acceptLanguage: string | undefined,
    setCookie: LaneRequest['setCookie'],
    ctx: LaneContext,
  ): LaneRequest => {
    const cookies = cookieHeader ? ctx.parseCookie(cookieHeader) : {};
    const locale = negotiateLocale({
      query: query.get('lang') ?? undefined,
      cookie: cookies.fd_lang,
      acceptLanguage,
      fallback: o.defaultLocale,
    });
    return { cookies, locale, query, setCookie };
  };

  const answer = async (handler: LaneHandler, path: string, req: IncomingMessage, res: ServerResponse) => {
    const started = performance.now();
    const ctx = context;
    if (!ctx) throw new Error('fast lanes used before install');
    const url = req.url ?? '/';
    const query = queryOf(url);
    const setCookies: string[] = [];
    let status = 200;
    let body: string;
    try {
      const lane = requestOf(
        req.headers.cookie,
        query,
        req.headers['accept-language'],
        (name, value, options) => setCookies.push(ctx.serializeCookie(name, value, options)),
        ctx,
      );
      const a = await handler(lane);
      status = a.status ?? 200;
      body = JSON.stringify(a.body);
    } catch (err) {
      o.logger.error({ err: err instanceof Error ? err.message : String(err), route: path }, 'fast lane failed');
      status = 500;
      body = JSON.stringify({ error: { code: 'internal', message: 'Something went wrong. Please try again.' } });
    }
    res.statusCode = status;
    for (const [k, v] of Object.entries(headers)) res.setHeader(k, v);
    if (setCookies.length > 0) res.setHeader('set-cookie', setCookies);
    if (ctx.closing) res.setHeader('connection', 'close');
    res.setHeader('content-length', Buffer.byteLength(body));
    res.end(body);
    o.metrics.httpDuration.observe(
      { method: 'GET', route: path, status: String(status) },
      (performance.now() - started) / 1000,
    );
  };

  const serverFactory: FastifyServerFactory = (handler, options) => {
    const server = createServer((req, res) => {
      if (req.method === 'GET' && lanes.size > 0 && context) {
        const url = req.url ?? '/';
        const end = url.indexOf('?');
        let path = end === -1 ? url : url.slice(0, end);
        if (path.length > 1 && path.endsWith('/')) path = path.slice(0, -1);
        const lane = lanes.get(path);
        if (lane) {
          void answer(lane, path, req, res);
          return;
        }
      }
      handler(req, res);
    });
    // What Fastify sets on the servers it makes itself: idle keep-alive connections live 72 s (longer than a
    // proxy's upstream keep-alive, so the proxy closes first), no limit on a request's time unless configured.
    const o = options as { keepAliveTimeout?: number; requestTimeout?: number; connectionTimeout?: number };
    server.keepAliveTimeout = o.keepAliveTimeout ?? 72_000;
    server.requestTimeout = o.requestTimeout ?? 0;
    if (o.connectionTimeout) server.setTimeout(o.connectionTimeout);
    return server;
  };

  const install = (app: FastifyInstance) => {
    const ctx: LaneContext = {
      parseCookie: (header) => app.parseCookie(header),
      serializeCookie: (name, value, options) => app.serializeCookie(name, value, options),
      closing: false,
    };
    context = ctx;
    app.addHook('preClose', async () => {
      ctx.closing = true;
    });
    app.decorate('fastLane', (path: string, handler: LaneHandler) => {
      lanes.set(path, handler);
      app.get(path, async (request, reply) => {
        const a = await handler({
          cookies: request.cookies,
          locale: request.locale,
          query: queryOf(request.url),
          setCookie: (name, value, options) => void reply.setCookie(name, value, options),
        });
        reply.header('cache-control', 'no-store');
        return reply.status(a.status ?? 200).send(a.body);
      });
    });
  };

  return { serverFactory, install };
}

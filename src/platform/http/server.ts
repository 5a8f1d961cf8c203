/**
 * The Fastify instance every module registers on: security headers with a strict CSP, signed cookies, CSRF on
 * every form POST, body limits, request ids, locale negotiation, compression, content-hashed USWDS and app assets
 * from our own origin (assets.ts), per-address and per-person request limits (rate-limits.ts),
 * translated error pages and JSON errors, health, readiness and metrics.
 */
import { randomUUID } from 'node:crypto';
import fastifyCookie from '@fastify/cookie';
import fastifyCsrf from '@fastify/csrf-protection';
import fastifyFormbody from '@fastify/formbody';
import fastifyMultipart from '@fastify/multipart';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifyCompress from '@fastify/compress';
import helmet from 'helmet';
import Fastify, {
  LogController,
  type FastifyBaseLogger,
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
} from 'fastify';
import type { AgencyContact } from '../agency/contact.js';
import { migrationStatus, pingDatabase, type Db } from '../db/index.js';
import { negotiateLocale, type Locale } from '../i18n/index.js';
import type { Metrics } from '../metrics/index.js';
import { registerAssets } from './assets.js';
import { registerErrorHandlers, sendNotFound } from './error-handlers.js';
import { fastLanes } from './fast-lanes.js';
import { registerRequestLimits } from './rate-limits.js';
import { canonicalPathGate, isUnder, requestPath, rewriteToCanonical } from './request-path.js';

export interface HttpOptions {
  db: Db;
  logger: FastifyBaseLogger;
  metrics: Metrics;
  secretKey: string;
  agencyName: string;
  agencyContact: AgencyContact;
  defaultLocale: Locale;
  secureCookies: boolean;
  trustProxy: boolean;
  bodyLimitBytes: number;
  /** When false, routes' `config.rateLimit` settings are ignored. */
  rateLimits: boolean;
  /** Called on every /metrics scrape before the registry is serialised (e.g. job queue depth). */
  beforeMetrics?: () => Promise<void>;
}

const REQUEST_ID = /^[A-Za-z0-9._-]{8,64}$/;

declare module 'fastify' {
  interface FastifyRequest {
    locale: Locale;
  }
  interface FastifyInstance {
    frontdoor: { agencyName: string; agencyContact: AgencyContact; defaultLocale: Locale; secureCookies: boolean };
  }
}

/** Unsafe methods on pages need a CSRF token. /api is authenticated by bearer tokens, never cookies. */
function needsCsrf(request: FastifyRequest): boolean {
  if (request.method === 'GET' || request.method === 'HEAD' || request.method === 'OPTIONS') return false;
  const path = requestPath(request);
  return !isUnder(path, '/api') && !isUnder(path, '/webhooks');
}

async function registerSecurity(app: FastifyInstance, o: HttpOptions): Promise<void> {
  // Security headers by helmet, its middleware built once: @fastify/helmet rebuilds it (parsing every option and
  // CSP directive) on every request, which cost more than the rest of the request pipeline together (ADR 0017).
  const securityHeaders = helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        baseUri: ["'none'"],
        objectSrc: ["'none'"],
        upgradeInsecureRequests: o.secureCookies ? [] : null,
      },
    },
    strictTransportSecurity: o.secureCookies ? { maxAge: 31536000, includeSubDomains: true } : false,
    referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
    crossOriginEmbedderPolicy: false,
  });
  app.addHook('onRequest', (request, reply, done) => {
    securityHeaders(request.raw, reply.raw, () => done());
  });
  await app.register(fastifyCookie, { secret: o.secretKey, hook: 'onRequest' });
  await app.register(fastifyCsrf, {
    sessionPlugin: '@fastify/cookie',
    cookieKey: o.secureCookies ? '__Host-fd_csrf' : 'fd_csrf',
    cookieOpts: { path: '/', sameSite: 'lax', httpOnly: true, secure: o.secureCookies, signed: true },
  });
  await app.register(fastifyFormbody, { bodyLimit: o.bodyLimitBytes });
  // File uploads (CSV imports): one file, held in memory up to the body limit, fields beside it as plain values.
  await app.register(fastifyMultipart, {
    attachFieldsToBody: 'keyValues',
    limits: { fileSize: o.bodyLimitBytes, files: 1, fields: 20 },
  });
  app.addHook('preHandler', (request, reply, done) => {
    if (needsCsrf(request)) app.csrfProtection(request, reply, done);
    else done();
  });
}

function registerLocale(app: FastifyInstance, o: HttpOptions): void {
  app.decorateRequest('locale', o.defaultLocale);
  app.addHook('onRequest', async (request, reply) => {
    const query = (request.query as Record<string, unknown> | undefined)?.lang;
    request.locale = negotiateLocale({
      query,
      cookie: request.cookies.fd_lang,
      acceptLanguage: request.headers['accept-language'],
      fallback: o.defaultLocale,
    });
    if (query === request.locale && request.cookies.fd_lang !== request.locale) {
      reply.setCookie('fd_lang', request.locale, {
        path: '/',
        sameSite: 'lax',
        httpOnly: true,
        secure: o.secureCookies,
        maxAge: 60 * 60 * 24 * 365,
      });
    }
  });
}

function registerObservability(app: FastifyInstance, o: HttpOptions): void {
  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });
  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unmatched';
    const seconds = reply.elapsedTime / 1000;
    o.metrics.httpDuration.observe({ method: request.method, route, status: String(reply.statusCode) }, seconds);
    // The route pattern only: never the query string, body or headers (they may hold personal data).
    request.log.info(
      { method: request.method, route, status: reply.statusCode, ms: Math.round(reply.elapsedTime) },
      'request',
    );
  });

  app.get('/healthz', { logLevel: 'warn' }, async () => ({ status: 'ok' }));
  app.get('/readyz', { logLevel: 'warn' }, async (_request, reply) => {
    try {
      await pingDatabase(o.db);
      const status = await migrationStatus(o.db);
      if (status.pending.length > 0) {
        return reply.status(503).send({ status: 'migrations-pending', pending: status.pending });
      }
      return { status: 'ready', database: o.db.dialect, migrations: status.applied.length };
    } catch (err) {
      app.log.warn({ err: err instanceof Error ? err.message : String(err) }, 'readiness check failed');
      return reply.status(503).send({ status: 'database-unreachable' });
    }
  });
  app.get('/metrics', { logLevel: 'warn' }, async (_request, reply) => {
    if (o.beforeMetrics) await o.beforeMetrics();
    return reply.type(o.metrics.registry.contentType).send(await o.metrics.registry.metrics());
  });
}

/**
 * Every answer says how it may be cached. Routes that choose (assets, the FHIR publication, the waiting room's
 * script) set their own Cache-Control; everything else — API JSON, staff pages and downloads, redirects, errors —
 * may carry personal data or a secret link, so no browser or shared cache keeps it.
 */
function registerCacheDefault(app: FastifyInstance): void {
  app.addHook('onSend', async (_request, reply, payload) => {
    if (!reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
    return payload;
  });
}

/**
 * Graceful shutdown: once closing starts, answers to requests still in flight carry `Connection: close`, so
 * keep-alive sockets end with their last answer instead of holding the process open.
 */
function registerDraining(app: FastifyInstance): void {
  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
  });
  app.addHook('onSend', async (_request, reply) => {
    if (closing) reply.header('connection', 'close');
  });
}

/** Build the HTTP server with the platform's plugins. Modules add their routes afterwards. */
export async function createHttpServer(o: HttpOptions): Promise<FastifyInstance> {
  // The few answers polled by very many clients skip the pipeline below (fast-lanes.ts, ADR 0017).
  const lanes = fastLanes({
    defaultLocale: o.defaultLocale,
    secureCookies: o.secureCookies,
    metrics: o.metrics,
    logger: o.logger,
  });
  const app: FastifyInstance = Fastify({
    serverFactory: lanes.serverFactory,
    loggerInstance: o.logger,
    // Our onResponse hook logs one line per request with the route pattern only.
    logController: new LogController({ disableRequestLogging: true, requestIdLogLabel: 'reqId' }),
    bodyLimit: o.bodyLimitBytes,
    trustProxy: o.trustProxy,
    genReqId: (req) => {
      const incoming = req.headers['x-request-id'];
      return o.trustProxy && typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
    },
    return503OnClosing: true,
    forceCloseConnections: 'idle',
    routerOptions: { ignoreTrailingSlash: true },
    // The router matches the canonical spelling of each path; the gate below answers any other spelling (ADR 0018).
    rewriteUrl: rewriteToCanonical,
  });
  app.decorate('frontdoor', {
    agencyName: o.agencyName,
    agencyContact: o.agencyContact,
    defaultLocale: o.defaultLocale,
    secureCookies: o.secureCookies,
  });
  app.decorateRequest('principal', null);
  registerDraining(app);
  registerCacheDefault(app);
  // Pages and API answers in brotli or gzip as the client accepts (assets carry their own, compressed once).
  await app.register(fastifyCompress, { encodings: ['br', 'gzip'], threshold: 1024 });
  await registerSecurity(app, o);
  lanes.install(app);
  // Limits are declared per route (`config: { rateLimit: { max, timeWindow } }`, or `app.limitRequests(…)` for
  // per-address and per-person limits); nothing is limited globally.
  await app.register(fastifyRateLimit, {
    global: false,
    enableDraftSpec: true,
    ...(o.rateLimits ? {} : { allowList: () => true }),
  });
  registerRequestLimits(app, { enabled: o.rateLimits, secretKey: o.secretKey });
  registerAssets(app);
  registerLocale(app, o);
  // Before any module's hooks: what they decide by path, they decide on the spelling the router matched.
  app.addHook('onRequest', canonicalPathGate(sendNotFound));
  registerObservability(app, o);
  registerErrorHandlers(app);
  return app;
}

/** Reply helper for Post/Redirect/Get. */
export function seeOther(reply: FastifyReply, location: string): FastifyReply {
  return reply.redirect(location, 303);
}

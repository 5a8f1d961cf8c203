import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { platformMessages, type PlatformKey } from '../i18n/messages.js';
import { ErrorPage } from '../views/error-page.js';
import { sendPage } from '../views/render.js';
import { HttpError } from './errors.js';
import { pageContext } from './page.js';
import { isUnder, requestPath } from './request-path.js';

interface Classified {
  status: number;
  code: string;
  apiKey: PlatformKey;
  page: { title: PlatformKey; body: PlatformKey };
  message?: string | undefined;
  /** Field-level problems for API clients (path → problem). */
  fields?: Record<string, string> | undefined;
}

const PAGES = {
  notFound: { title: 'errors.notFound.title', body: 'errors.notFound.body' },
  forbidden: { title: 'errors.forbidden.title', body: 'errors.forbidden.body' },
  csrf: { title: 'errors.csrf.title', body: 'errors.csrf.body' },
  tooLarge: { title: 'errors.tooLarge.title', body: 'errors.tooLarge.body' },
  badRequest: { title: 'errors.badRequest.title', body: 'errors.badRequest.body' },
  tooMany: { title: 'errors.tooMany.title', body: 'errors.tooMany.body' },
  server: { title: 'errors.server.title', body: 'errors.server.body' },
} as const satisfies Record<string, { title: PlatformKey; body: PlatformKey }>;

function classifyHttpError(err: HttpError): Classified {
  const c = classifyHttpStatus(err);
  const fields = err.details?.fields;
  return fields && typeof fields === 'object' ? { ...c, fields: fields as Record<string, string> } : c;
}

function classifyHttpStatus(err: HttpError): Classified {
  const message = err.hasMessage ? err.message : undefined;
  switch (err.statusCode) {
    case 401:
      return { status: 401, code: err.code, apiKey: 'api.unauthorized', page: PAGES.forbidden, message };
    case 403:
      return { status: 403, code: err.code, apiKey: 'api.forbidden', page: PAGES.forbidden, message };
    case 404:
      return { status: 404, code: err.code, apiKey: 'api.notFound', page: PAGES.notFound, message };
    case 409:
      return { status: 409, code: err.code, apiKey: 'api.conflict', page: PAGES.badRequest, message };
    case 429:
      return { status: 429, code: err.code, apiKey: 'api.tooManyRequests', page: PAGES.tooMany, message };
    default:
      return { status: err.statusCode, code: err.code, apiKey: 'api.badRequest', page: PAGES.badRequest, message };
  }
}

function classify(err: FastifyError | HttpError): Classified {
  if (err instanceof HttpError) return classifyHttpError(err);
  if (err.code?.startsWith('FST_CSRF_')) return { status: 403, code: 'csrf', apiKey: 'api.csrf', page: PAGES.csrf };
  if (err.code === 'FST_ERR_CTP_BODY_TOO_LARGE' || err.statusCode === 413)
    return { status: 413, code: 'too_large', apiKey: 'api.tooLarge', page: PAGES.tooLarge };
  if (err.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' || err.statusCode === 415)
    return { status: 415, code: 'unsupported_media_type', apiKey: 'api.unsupportedMediaType', page: PAGES.badRequest };
  if (err.statusCode === 429)
    return { status: 429, code: 'too_many_requests', apiKey: 'api.tooManyRequests', page: PAGES.tooMany };
  if (err.validation || (err.statusCode !== undefined && err.statusCode >= 400 && err.statusCode < 500))
    return { status: err.statusCode ?? 400, code: 'bad_request', apiKey: 'api.badRequest', page: PAGES.badRequest };
  return { status: 500, code: 'internal', apiKey: 'api.server', page: PAGES.server };
}

function isApi(request: FastifyRequest): boolean {
  const path = requestPath(request);
  return isUnder(path, '/api') || isUnder(path, '/fhir');
}

/** The page's text; "too many tries" says how long to wait (from the Retry-After the limit set). */
function pageBody(t: ReturnType<typeof platformMessages.for>, c: Classified, reply: FastifyReply): string {
  if (c.page !== PAGES.tooMany) return t(c.page.body);
  const seconds = Number(reply.getHeader('retry-after') ?? 60);
  return t('errors.tooMany.body', { minutes: Math.max(1, Math.ceil((Number.isFinite(seconds) ? seconds : 60) / 60)) });
}

/** Answer with the translated page, or JSON `{ error: { code, message } }` under /api. */
export function sendError(request: FastifyRequest, reply: FastifyReply, c: Classified): FastifyReply {
  const t = platformMessages.for(request.locale);
  if (isApi(request)) {
    const message = c.message ?? t(c.apiKey, { requestId: request.id });
    return reply
      .status(c.status)
      .header('cache-control', 'no-store')
      .send({ error: { code: c.code, message, ...(c.fields ? { fields: c.fields } : {}) } });
  }
  const ctx = pageContext(request, reply);
  const page = (
    <ErrorPage
      ctx={ctx}
      title={t(c.page.title)}
      body={c.message ?? pageBody(t, c, reply)}
      showReference={c.status >= 500}
    />
  );
  return sendPage(reply, page, c.status);
}

/** The translated 404 page, or JSON under /api. */
export function sendNotFound(request: FastifyRequest, reply: FastifyReply): FastifyReply {
  return sendError(request, reply, { status: 404, code: 'not_found', apiKey: 'api.notFound', page: PAGES.notFound });
}

/** Translated 404 and error answers for pages and the API. */
export function registerErrorHandlers(app: FastifyInstance): void {
  app.setNotFoundHandler(async (request, reply) => sendNotFound(request, reply));
  app.setErrorHandler(async (err: FastifyError | HttpError, request, reply) => {
    const c = classify(err);
    if (c.status >= 500) request.log.error({ err }, 'request failed');
    else request.log.info({ code: c.code, status: c.status }, 'request refused');
    return sendError(request, reply, c);
  });
}

/**
 * The guard in front of the protected flows (an onRequest hook for the configured path prefixes, and for the API calls
 * that wait in the same line). A valid pass goes through without touching the database; someone in line is sent
 * back to the waiting page (an API client gets a JSON 503 with its place) after a check against this process's
 * one-second view; only arriving, and coming in when it is one's turn, write to the database.
 *
 * Pages carry the browser id, place and pass in cookies; the API carries them in one header (tokens.ts). Paths are
 * read in the router's spelling (ADR 0018), so another spelling of a protected path is protected too.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { safeNext } from '../platform/http/forms.js';
import { canonicalPath, isUnder, requestPath } from '../platform/http/request-path.js';
import { claimAdmission, enterFlow, type EntryDeps } from './enter-flow.js';
import { waitingRoomMessages } from './messages.js';
import type { WaitingRoomMetrics } from './metrics.js';
import { etaFor, type Room } from './room.js';
import {
  API_TOKEN_HEADER,
  apiToken,
  browserHash,
  browserIdOf,
  GO_COOKIE,
  NEXT_COOKIE,
  newClientId,
  PASS_COOKIE,
  passToken,
  readApiToken,
  setNextCookie,
  setPassCookie,
  setTicketCookie,
  TICKET_COOKIE,
  TICKET_LIFETIME_MS,
  ticketToken,
  verifyPass,
  verifyTicket,
} from './tokens.js';

export interface GuardDeps extends EntryDeps {
  secret: string;
  paths: string[];
  /** API paths (exact) whose calls other than GET, HEAD and OPTIONS wait in line. */
  apiPaths: string[];
  room: Room;
  metrics: WaitingRoomMetrics;
}

/** How long an API client is asked to wait before asking again (well within the abandon time, at least 60 s). */
export const API_RETRY_SECONDS = 10;

/**
 * True when the URL's path is one of the prefixes or below it. The path is read in its canonical spelling, the one
 * the router matches (ADR 0018): `/%62ook`, `//book` and `/x/../book` are `/book`; a URL that cannot be decoded
 * is protected (it is never served anyway).
 */
export function isProtected(paths: string[], url: string): boolean {
  const path = canonicalPath(url);
  return path === null || paths.some((p) => isUnder(path, canonicalPath(p) ?? p));
}

/** True for a call that changes something on one of the API paths (a trailing slash is the same path). */
export function isHeldApiCall(apiPaths: string[], path: string, method: string): boolean {
  if (method === 'GET' || method === 'HEAD' || method === 'OPTIONS') return false;
  const bare = path.length > 1 ? path.replace(/\/$/, '') : path;
  return apiPaths.some((p) => bare === (canonicalPath(p) ?? p));
}

/** Where to take someone whose turn it is: the protected page they asked for, never anywhere else. */
export function nextPath(cookies: Record<string, string | undefined>, paths: string[]): string {
  const next = safeNext(cookies[NEXT_COOKIE], '/');
  return isProtected(paths, next) ? next : '/';
}

/** Where a visitor's id, place and pass travel: cookies for a browser, one header for an API client. */
interface Carrier {
  browserId: string;
  ticket: string | undefined;
  pass: string | undefined;
  /** Sent on by the waiting page a moment ago (browsers only). */
  sentOn: boolean;
  givePass(token: string, maxAgeMs: number): void;
  giveTicket(token: string): void;
}

function cookieCarrier(request: FastifyRequest, reply: FastifyReply): Carrier {
  const secure = request.server.frontdoor.secureCookies;
  return {
    browserId: browserIdOf(request, reply, { secure }),
    ticket: request.cookies[TICKET_COOKIE],
    pass: request.cookies[PASS_COOKIE],
    sentOn: Boolean(request.cookies[GO_COOKIE]),
    givePass: (token, maxAgeMs) => setPassCookie(reply, token, maxAgeMs, { secure }),
    giveTicket: (token) => setTicketCookie(reply, token, { secure }),
  };
}

function headerCarrier(request: FastifyRequest, reply: FastifyReply): Carrier {
  const sent = readApiToken(request.headers[API_TOKEN_HEADER]);
  const clientId = sent?.clientId ?? newClientId();
  const give = (signed: string) => void reply.header(API_TOKEN_HEADER, apiToken(clientId, signed));
  return {
    browserId: clientId,
    ticket: sent?.signed,
    pass: sent?.signed,
    sentOn: false,
    givePass: give,
    giveTicket: give,
  };
}

type Outcome = { kind: 'in' } | { kind: 'wait'; position: number; restarted: boolean };

async function admitOrQueue(deps: GuardDeps, c: Carrier): Promise<Outcome> {
  const now = deps.now();
  if (verifyPass(deps.secret, c.browserId, c.pass, now)) return { kind: 'in' };
  const ticket = verifyTicket(deps.secret, c.browserId, c.ticket, now);
  let view = await deps.room.view();
  const stillWaiting = () => ticket !== null && view.active && ticket.position > view.serving;
  if (stillWaiting() && c.sentOn) {
    deps.room.invalidate();
    view = await deps.room.view();
  }
  if (ticket && stillWaiting()) {
    deps.room.seen(ticket.position);
    return { kind: 'wait', position: ticket.position, restarted: false };
  }
  const hash = browserHash(c.browserId);
  const letIn = (expiresAt: number): Outcome => {
    c.givePass(passToken(deps.secret, c.browserId, expiresAt), expiresAt - now);
    return { kind: 'in' };
  };
  if (ticket && ticket.position <= view.serving) {
    const claimed = await claimAdmission(deps, ticket.position, hash);
    if (claimed) return letIn(claimed.expiresAt);
  }
  const entry = await enterFlow(deps, hash, ticket?.position ?? null);
  if (entry.kind === 'pass') return letIn(entry.expiresAt);
  // The view said otherwise: read it again before the waiting page asks.
  deps.room.invalidate();
  if (!entry.issued) return { kind: 'wait', position: entry.position, restarted: false };
  deps.metrics.issued.inc();
  c.giveTicket(
    ticketToken(deps.secret, c.browserId, { position: entry.position, expiresAt: now + TICKET_LIFETIME_MS }),
  );
  return { kind: 'wait', position: entry.position, restarted: ticket !== null };
}

/** The API's answer while the caller waits: 503, Retry-After, their place, and the token to come back with. */
async function answerApiWait(
  deps: GuardDeps,
  request: FastifyRequest,
  reply: FastifyReply,
  { position, restarted }: { position: number; restarted: boolean },
) {
  const view = await deps.room.view();
  const ahead = Math.max(0, position - view.serving - 1);
  const t = waitingRoomMessages.for(request.locale);
  // An unchanged place keeps the token the caller sent; say it again so "send back the last token" always works.
  if (!reply.hasHeader(API_TOKEN_HEADER)) {
    const sent = readApiToken(request.headers[API_TOKEN_HEADER]);
    if (sent) reply.header(API_TOKEN_HEADER, apiToken(sent.clientId, sent.signed));
  }
  return reply
    .status(503)
    .header('retry-after', String(API_RETRY_SECONDS))
    .send({
      error: {
        code: 'waiting_room',
        message: t('api.waiting', { position, seconds: API_RETRY_SECONDS }),
        position,
        ahead,
        etaMinutes: etaFor(view, position),
        restarted,
      },
    });
}

export function registerGuard(app: FastifyInstance, deps: GuardDeps): void {
  app.addHook('onRequest', async (request, reply) => {
    const path = requestPath(request);
    const held = isHeldApiCall(deps.apiPaths, path, request.method) || isProtected(deps.paths, path);
    if (!held) return undefined;
    if (isUnder(path, '/api')) {
      // Staff API tokens (integrations, call agents booking for callers) are not held: the line orders the public.
      // The staff module's hook, registered before this one, has read the token.
      if (request.principal?.kind === 'token') return undefined;
      // Off: everyone goes straight in, and an API call takes no pass (its caller may never send one back).
      if ((await deps.room.view()).mode === 'off') return undefined;
      const outcome = await admitOrQueue(deps, headerCarrier(request, reply));
      return outcome.kind === 'in' ? undefined : answerApiWait(deps, request, reply, outcome);
    }
    const outcome = await admitOrQueue(deps, cookieCarrier(request, reply));
    if (outcome.kind === 'in') return undefined;
    setNextCookie(reply, request.url, { secure: request.server.frontdoor.secureCookies });
    return reply.redirect(outcome.restarted ? '/waiting-room?restarted=1' : '/waiting-room', 303);
  });
}

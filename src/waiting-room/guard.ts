/**
 * The guard in front of the protected flows (an onRequest hook for the configured path prefixes). A valid pass goes
 * through without touching the database; someone in line is sent back to the waiting page after a check against
 * this process's one-second view; only arriving, and coming in when it is one's turn, write to the database.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { safeNext } from '../platform/http/forms.js';
import { canonicalPath, isUnder, requestPath } from '../platform/http/request-path.js';
import { claimAdmission, enterFlow, type EntryDeps } from './enter-flow.js';
import type { WaitingRoomMetrics } from './metrics.js';
import type { Room } from './room.js';
import {
  browserHash,
  browserIdOf,
  GO_COOKIE,
  NEXT_COOKIE,
  PASS_COOKIE,
  passToken,
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
  room: Room;
  metrics: WaitingRoomMetrics;
}

/**
 * True when the URL's path is one of the prefixes or below it. The path is read in its canonical spelling, the one
 * the router matches (ADR 0018): `/%62ook`, `//book` and `/x/../book` are `/book`; a URL that cannot be decoded
 * is protected (it is never served anyway).
 */
export function isProtected(paths: string[], url: string): boolean {
  const path = canonicalPath(url);
  return path === null || paths.some((p) => isUnder(path, canonicalPath(p) ?? p));
}

/** Where to take someone whose turn it is: the protected page they asked for, never anywhere else. */
export function nextPath(cookies: Record<string, string | undefined>, paths: string[]): string {
  const next = safeNext(cookies[NEXT_COOKIE], '/');
  return isProtected(paths, next) ? next : '/';
}

type Outcome = 'in' | 'wait' | 'restarted';

async function admitOrQueue(deps: GuardDeps, request: FastifyRequest, reply: FastifyReply): Promise<Outcome> {
  const now = deps.now();
  const secure = request.server.frontdoor.secureCookies;
  const browserId = browserIdOf(request, reply, { secure });
  if (verifyPass(deps.secret, browserId, request.cookies[PASS_COOKIE], now)) return 'in';
  const ticket = verifyTicket(deps.secret, browserId, request.cookies[TICKET_COOKIE], now);
  let view = await deps.room.view();
  const stillWaiting = () => ticket !== null && view.active && ticket.position > view.serving;
  if (stillWaiting() && request.cookies[GO_COOKIE]) {
    deps.room.invalidate();
    view = await deps.room.view();
  }
  if (ticket && stillWaiting()) {
    deps.room.seen(ticket.position);
    return 'wait';
  }
  const hash = browserHash(browserId);
  const letIn = (expiresAt: number): Outcome => {
    setPassCookie(reply, passToken(deps.secret, browserId, expiresAt), expiresAt - now, { secure });
    return 'in';
  };
  if (ticket && ticket.position <= view.serving) {
    const claimed = await claimAdmission(deps, ticket.position, hash);
    if (claimed) return letIn(claimed.expiresAt);
  }
  const entry = await enterFlow(deps, hash, ticket?.position ?? null);
  if (entry.kind === 'pass') return letIn(entry.expiresAt);
  // The view said otherwise: read it again before the waiting page asks.
  deps.room.invalidate();
  if (!entry.issued) return 'wait';
  deps.metrics.issued.inc();
  const token = ticketToken(deps.secret, browserId, { position: entry.position, expiresAt: now + TICKET_LIFETIME_MS });
  setTicketCookie(reply, token, { secure });
  return ticket ? 'restarted' : 'wait';
}

export function registerGuard(app: FastifyInstance, deps: GuardDeps): void {
  app.addHook('onRequest', async (request, reply) => {
    if (!isProtected(deps.paths, requestPath(request))) return undefined;
    const outcome = await admitOrQueue(deps, request, reply);
    if (outcome === 'in') return undefined;
    setNextCookie(reply, request.url, { secure: request.server.frontdoor.secureCookies });
    return reply.redirect(outcome === 'restarted' ? '/waiting-room?restarted=1' : '/waiting-room', 303);
  });
}

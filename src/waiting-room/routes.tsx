/**
 * The waiting page and its JSON status (neither touches the database: a signed token and this process's one-second
 * view answer them), the page's script, and the staff console page with its live figures and settings form.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { actorFromRequest } from '../platform/audit/index.js';
import { authorize } from '../platform/auth/index.js';
import { sendConsolePage } from '../platform/http/console-page.js';
import { parseForm } from '../platform/http/forms.js';
import { navBuilder, pageContext } from '../platform/http/page.js';
import type { Locale } from '../platform/i18n/index.js';
import type { ModuleDeps } from '../platform/module.js';
import { sendPage } from '../platform/views/index.js';
import { nextPath } from './guard.js';
import { translateErrors, waitingRoomMessages } from './messages.js';
import { canManageWaitingRoom, canWatchWaitingRoom } from './policy.js';
import { etaFor, type Room, type RoomView } from './room.js';
import { SettingsSchema } from './schema.js';
import { BROWSER_COOKIE, GO_COOKIE, goCookieOptions, setGoCookie, TICKET_COOKIE, verifyTicket } from './tokens.js';
import { updateSettings } from './update-settings.js';
import { ConsolePage, type Figures } from './views/console-page.js';
import { WaitingPage, type WaitingLines } from './views/waiting-page.js';

const SCRIPT = readFileSync(path.join(path.dirname(fileURLToPath(import.meta.url)), 'assets', 'waiting-room.js'));

type Standing = { kind: 'go' } | { kind: 'waiting'; position: number; view: RoomView };

export interface RouteDeps {
  deps: ModuleDeps;
  room: Room;
  paths: string[];
}

function lines(locale: Locale, position: number, view: RoomView): WaitingLines {
  const t = waitingRoomMessages.for(locale);
  const eta = etaFor(view, position);
  return {
    position: t('waiting.position', { position }),
    ahead: t('waiting.ahead', { ahead: Math.max(0, position - view.serving - 1) }),
    eta: eta === null ? t('waiting.noEstimate') : t('waiting.eta', { minutes: eta }),
  };
}

function figures(locale: Locale, v: RoomView): Figures {
  const t = waitingRoomMessages.for(locale);
  const eta = v.queueLength > 0 ? etaFor(v, v.lastPosition) : null;
  const rate = v.admissionRate;
  return {
    state: t(v.active ? 'console.on' : 'console.off'),
    queueLength: String(v.queueLength),
    serving: String(v.serving),
    lastPosition: String(v.lastPosition),
    inFlow: t('console.inFlowValue', { inFlow: v.inFlow, capacity: v.capacity }),
    rate: rate === null ? t('console.noRate') : t('console.rateValue', { rate: Math.round(rate * 10) / 10 }),
    etaLast: eta === null ? t('console.noEta') : t('console.etaValue', { minutes: eta }),
  };
}

type Cookies = Record<string, string | undefined>;

function registerResidentRoutes(app: FastifyInstance, r: RouteDeps): void {
  const { deps, room } = r;
  /** Where the visitor stands, from their signed token and the one-second view: no database query. */
  const standingIn = async (cookies: Cookies): Promise<Standing> => {
    const ticket = verifyTicket(deps.config.secretKey, cookies[BROWSER_COOKIE], cookies[TICKET_COOKIE], deps.now());
    if (!ticket) return { kind: 'go' };
    const view = await room.view();
    if (!view.active || ticket.position <= view.serving) return { kind: 'go' };
    room.seen(ticket.position);
    return { kind: 'waiting', position: ticket.position, view };
  };

  /** `sendOn` marks the visitor as sent on (a short-lived cookie), so a quick return reads the room afresh. */
  const standing = async (cookies: Cookies, sendOn: () => void): Promise<Standing> => {
    const first = await standingIn(cookies);
    if (first.kind === 'waiting' || !cookies[GO_COOKIE]) {
      if (first.kind === 'go') sendOn();
      return first;
    }
    // Sent on a moment ago and back again: another process saw them in line. Read the room again to agree.
    room.invalidate();
    return standingIn(cookies);
  };
  app.get('/waiting-room', async (request, reply) => {
    const secure = request.server.frontdoor.secureCookies;
    const s = await standing(request.cookies, () => setGoCookie(reply, { secure }));
    if (s.kind === 'go') return reply.redirect(nextPath(request.cookies, r.paths), 303);
    const query = request.query as Record<string, unknown>;
    return sendPage(
      reply,
      <WaitingPage
        ctx={pageContext(request, reply)}
        lines={lines(request.locale, s.position, s.view)}
        abandonMinutes={Math.floor(deps.config.waitingRoom.abandonSeconds / 60)}
        autoRefresh={query.refresh !== 'off'}
        restarted={query.restarted === '1'}
      />,
    );
  });

  // Polled every few seconds by everyone in line: a fast lane (ADR 0017), answered before the request pipeline.
  const secure = app.frontdoor.secureCookies;
  app.fastLane('/waiting-room/status', async (request) => {
    const s = await standing(request.cookies, () => request.setCookie(GO_COOKIE, '1', goCookieOptions({ secure })));
    if (s.kind === 'go') {
      const message = waitingRoomMessages.for(request.locale)('status.admitted');
      return { body: { status: 'go', next: nextPath(request.cookies, r.paths), message } };
    }
    return {
      body: { status: 'waiting', position: s.position, lines: lines(request.locale, s.position, s.view) },
    };
  });

  app.get('/assets/waiting-room/waiting-room.js', async (_request, reply) =>
    reply
      .header('content-type', 'text/javascript; charset=utf-8')
      .header('cache-control', 'public, max-age=3600')
      .send(SCRIPT),
  );
}

function registerConsoleRoutes(app: FastifyInstance, r: RouteDeps): void {
  const { deps, room } = r;
  const nav = navBuilder(deps.consoleLinks);
  const show = async (
    request: FastifyRequest,
    reply: FastifyReply,
    form: { values?: Record<string, string>; errors?: Record<string, string> } = {},
  ) => {
    const view = await room.view();
    const values = form.values ?? {
      mode: view.mode,
      capacity: String(view.capacity),
      ratePerMinute: view.ratePerMinute === null ? '' : String(view.ratePerMinute),
    };
    const errors = translateErrors(request.locale, form.errors ?? {});
    const saved = (request.query as Record<string, unknown>).done === 'saved';
    const title = waitingRoomMessages.for(request.locale)('console.title');
    const canManage = request.principal !== null && canManageWaitingRoom(request.principal);
    const status = Object.keys(errors).length > 0 ? 400 : 200;
    return sendConsolePage(request, reply, { nav, current: '/staff/waiting-room', title, status }, (ctx) => (
      <ConsolePage
        ctx={ctx}
        figures={figures(request.locale, view)}
        canManage={canManage}
        saved={saved}
        values={values}
        errors={errors}
      />
    ));
  };

  app.get('/staff/waiting-room', { preHandler: authorize(canWatchWaitingRoom) }, async (request, reply) =>
    show(request, reply),
  );
  app.get('/staff/waiting-room/figures', { preHandler: authorize(canWatchWaitingRoom) }, async (request, reply) => {
    reply.header('cache-control', 'no-store');
    return figures(request.locale, await room.view());
  });
  app.post('/staff/waiting-room', { preHandler: authorize(canManageWaitingRoom) }, async (request, reply) => {
    const form = parseForm(SettingsSchema, request.body);
    if (!form.ok) return show(request, reply, form);
    await updateSettings(form.value, { db: deps.db, now: deps.now, actor: actorFromRequest(request) });
    room.invalidate();
    return reply.redirect('/staff/waiting-room?done=saved', 303);
  });
}

export function registerWaitingRoomRoutes(app: FastifyInstance, r: RouteDeps): void {
  registerResidentRoutes(app, r);
  registerConsoleRoutes(app, r);
}

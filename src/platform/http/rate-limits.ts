/**
 * Request limits for the actions a surge hammers (booking, answering an invitation, pre-registering, signing in):
 * per client address and per person. A route asks for them with `app.limitRequests(spec)` as a `preHandler`
 * (after the body is parsed, so the person can be read from the form, the JSON body or a cookie).
 *
 * The person is whatever identifies them in the request (normalised name + birth date, an e-mail address, an
 * invitation token); it is kept only as a keyed hash (HMAC with the secret key), never in clear. Limits with the
 * same `name` share their counters across routes (the booking API, the resident and staff confirm buttons and the
 * move button count together). Counters live in this process's memory (@fastify/rate-limit's local store).
 *
 * Over a limit the hook sets `Retry-After` and throws a 429 `HttpError`, which the error handler renders as the
 * translated "too many tries" page, or as JSON under /api.
 */
import { createHmac } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { HttpError } from './errors.js';

export interface LimitSpec {
  /** Names the counters; routes sharing a name share them. */
  name: string;
  /** Requests one client address may make per minute. */
  perIpPerMinute: number;
  /** Requests for one person per hour (needs `person`). */
  perPersonPerHour?: number;
  /** What identifies the person in this request, or undefined when nothing does (then only the address counts). */
  person?: (request: FastifyRequest) => string | undefined | Promise<string | undefined>;
}

export type LimitHook = (request: FastifyRequest, reply: FastifyReply) => Promise<void>;

declare module 'fastify' {
  interface FastifyInstance {
    /** A preHandler enforcing `spec` (a no-op when RATE_LIMITS=off). */
    limitRequests(spec: LimitSpec): LimitHook;
  }
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** Normalise the parts that identify a person (case, accents' composition, spacing) into one string. */
export function personKey(...parts: (string | undefined | null)[]): string | undefined {
  const clean = parts.map((p) => (p ?? '').normalize('NFKC').trim().toLowerCase().replace(/\s+/g, ' '));
  return clean.some((p) => p !== '') ? clean.join('|') : undefined;
}

/** A text field of the parsed body (form or JSON), read before the route validates it. */
export function bodyField(request: FastifyRequest, name: string): string | undefined {
  const body: unknown = request.body;
  if (typeof body !== 'object' || body === null) return undefined;
  const value: unknown = Reflect.get(body, name);
  return typeof value === 'string' ? value : undefined;
}

type Limiter = ReturnType<FastifyInstance['createRateLimit']>;

function exceeded(reply: FastifyReply, seconds: number): never {
  const wait = Math.max(1, seconds);
  reply.header('retry-after', String(wait));
  throw new HttpError(429, 'too_many_requests', undefined, { retryAfterSeconds: wait });
}

/** Decorate `app.limitRequests`. Call after @fastify/rate-limit is registered. */
export function registerRequestLimits(app: FastifyInstance, o: { enabled: boolean; secretKey: string }): void {
  const limiters = new Map<string, Limiter>();
  const limiter = (key: string, make: () => Limiter): Limiter => {
    let l = limiters.get(key);
    if (!l) limiters.set(key, (l = make()));
    return l;
  };
  const hash = (name: string, value: string) =>
    createHmac('sha256', o.secretKey).update(`rate-limit|${name}|${value}`).digest('base64url').slice(0, 27);

  // The person found by a hook, for its key generator (kept only for the request's lifetime).
  const found = new WeakMap<FastifyRequest, string>();
  // Remember up to this many clients or people per limit (least recently seen forgotten first).
  const cache = 50_000;

  app.decorate('limitRequests', (spec: LimitSpec): LimitHook => {
    if (!o.enabled) return async () => {};
    const ipOptions = { max: spec.perIpPerMinute, timeWindow: MINUTE, cache };
    const byIp = limiter(`${spec.name}|ip|${spec.perIpPerMinute}`, () => app.createRateLimit(ipOptions));
    const personMax = spec.perPersonPerHour;
    const person = spec.person;
    const personOptions = {
      max: personMax ?? 0,
      timeWindow: HOUR,
      cache,
      keyGenerator: (request: FastifyRequest) => hash(spec.name, found.get(request) ?? ''),
    };
    const byPerson =
      personMax !== undefined && person
        ? limiter(`${spec.name}|person|${personMax}`, () => app.createRateLimit(personOptions))
        : undefined;
    return async (request, reply) => {
      const ip = await byIp(request);
      if (!ip.isAllowed && ip.isExceeded) exceeded(reply, ip.ttlInSeconds);
      const who = byPerson && person ? await person(request) : undefined;
      if (!byPerson || who === undefined) return;
      found.set(request, who);
      const p = await byPerson(request);
      if (!p.isAllowed && p.isExceeded) exceeded(reply, p.ttlInSeconds);
    };
  });
}

/**
 * A real Frontdoor server on an ephemeral port over a fresh test database, and a small HTTP client with a
 * cookie jar that fills in CSRF tokens the way a browser form would.
 */
import http from 'node:http';
import type { DestinationStream } from 'pino';
import { buildApp, type BuildOptions, type BuiltApp } from '../../src/app.js';
import { loadConfig } from '../../src/config/env.js';
import { createTestDatabase, type Engine, type TestDatabase } from './db.js';

export interface TestApp {
  url: string;
  built: BuiltApp;
  tdb: TestDatabase;
  printed: string[];
  close(): Promise<void>;
}

export async function startTestApp(
  engine: Engine,
  env: Record<string, string> = {},
  opts: { now?: () => number; logStream?: DestinationStream; onRoute?: BuildOptions['onRoute'] } = {},
): Promise<TestApp> {
  const tdb = await createTestDatabase(engine);
  const config = loadConfig({
    DATA_DIR: tdb.dataDir,
    PORT: '0',
    LOG_LEVEL: 'silent',
    SEED_DEMO: 'false',
    RUN_JOBS: 'false',
    AGENCY_NAME: 'Test County',
    ...env,
  });
  const printed: string[] = [];
  const built = await buildApp(config, {
    db: tdb.db,
    print: (t) => printed.push(t),
    ...(opts.now ? { now: opts.now } : {}),
    ...(opts.logStream ? { logStream: opts.logStream } : {}),
    ...(opts.onRoute ? { onRoute: opts.onRoute } : {}),
  });
  await built.app.listen({ port: 0, host: '127.0.0.1' });
  const address = built.app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    built,
    tdb,
    printed,
    async close() {
      await built.close();
      await tdb.cleanup();
    },
  };
}

export interface Answer {
  status: number;
  headers: Headers;
  text: string;
  location: string | null;
}

/** A browser-like client: keeps cookies, follows nothing automatically, finds CSRF tokens in forms. */
export class TestClient {
  readonly cookies = new Map<string, string>();
  lastCsrf: string | null = null;
  constructor(
    readonly base: string,
    readonly defaultHeaders: Record<string, string> = {},
  ) {}

  private cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  private remember(headers: Headers): void {
    for (const c of headers.getSetCookie()) {
      const [pair = ''] = c.split(';');
      const i = pair.indexOf('=');
      const name = pair.slice(0, i);
      const value = pair.slice(i + 1);
      if (/max-age=0|expires=thu, 01 jan 1970/i.test(c) || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  async request(
    method: string,
    path: string,
    body?: string | FormData,
    headers: Record<string, string> = {},
  ): Promise<Answer> {
    const res = await fetch(this.base + path, {
      method,
      redirect: 'manual',
      headers: { ...this.defaultHeaders, cookie: this.cookieHeader(), ...headers },
      ...(body !== undefined ? { body } : {}),
    });
    this.remember(res.headers);
    const text = await res.text();
    const csrf = /name="_csrf" value="([^"]+)"/.exec(text);
    if (csrf?.[1]) this.lastCsrf = csrf[1];
    return { status: res.status, headers: res.headers, text, location: res.headers.get('location') };
  }

  /**
   * Send `target` exactly as written (fetch would normalise `/./x`, `//x` or `%2e%2e` away), with this client's
   * cookies; the answer's cookies are kept.
   */
  raw(method: string, target: string, headers: Record<string, string> = {}, body?: string): Promise<Answer> {
    const url = new URL(this.base);
    return new Promise((resolve, reject) => {
      const req = http.request(
        {
          host: url.hostname,
          port: url.port,
          method,
          path: target,
          headers: { ...this.defaultHeaders, cookie: this.cookieHeader(), ...headers },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('error', reject);
          res.on('end', () => {
            const h = new Headers();
            for (const [k, v] of Object.entries(res.headers))
              for (const one of Array.isArray(v) ? v : v === undefined ? [] : [v]) h.append(k, one);
            this.remember(h);
            resolve({
              status: res.statusCode ?? 0,
              headers: h,
              text: Buffer.concat(chunks).toString('utf8'),
              location: h.get('location'),
            });
          });
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  }

  get(path: string, headers?: Record<string, string>): Promise<Answer> {
    return this.request('GET', path, undefined, headers);
  }

  /** POST a form with the CSRF token of the last page this client loaded (like a browser would). */
  async post(path: string, fields: Record<string, string>, opts: { csrf?: boolean } = {}): Promise<Answer> {
    const form = new URLSearchParams(fields);
    if (opts.csrf !== false && this.lastCsrf) form.set('_csrf', this.lastCsrf);
    return this.request('POST', path, form.toString(), { 'content-type': 'application/x-www-form-urlencoded' });
  }

  /** POST a multipart form with one file (and the CSRF token of the last page loaded), as a browser uploads. */
  async upload(
    path: string,
    fields: Record<string, string>,
    file: { field: string; name: string; type: string; content: string },
    opts: { csrf?: boolean } = {},
  ): Promise<Answer> {
    const form = new FormData();
    for (const [k, v] of Object.entries(fields)) form.set(k, v);
    if (opts.csrf !== false && this.lastCsrf) form.set('_csrf', this.lastCsrf);
    form.set(file.field, new Blob([file.content], { type: file.type }), file.name);
    return this.request('POST', path, form);
  }

  /** Load the form page, then submit it. */
  async submit(pagePath: string, actionPath: string, fields: Record<string, string>): Promise<Answer> {
    await this.get(pagePath);
    return this.post(actionPath, fields);
  }
}

/** Sign a staff member in and return the client holding their session. */
export async function signedInClient(url: string, email: string, password: string): Promise<TestClient> {
  const c = new TestClient(url);
  const r = await c.submit('/staff/sign-in', '/staff/sign-in', { email, password });
  if (r.status !== 303) throw new Error(`sign-in failed: ${r.status}`);
  return c;
}

/**
 * Static assets from our own origin (the CSP allows only 'self'), with content-hashed names: pages link
 * `assetUrl('/assets/uswds/css/uswds.min.css')`, which is `/assets/uswds/css/uswds.min.<hash>.css`, served with
 * `Cache-Control: public, max-age=31536000, immutable`. A new release changes the hash, so browsers and proxies
 * never keep a stale file and never ask twice for a current one.
 *
 * Hashes are computed when a file is first asked for (no build step; `npm start` needs nothing more). Stylesheets
 * are rewritten before hashing so their `url(…)` references (USWDS fonts and images) point at hashed names too,
 * and a changed font changes the stylesheet's hash. Compressible files are compressed once per process (brotli,
 * gzip) and answered according to Accept-Encoding. The plain name (no hash) and an old hash still answer, with
 * `Cache-Control: no-cache` and an ETag, so links from old pages and other tools keep working without being cached
 * as current.
 */
import { createHash } from 'node:crypto';
import { createReadStream, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

const require = createRequire(import.meta.url);
const here = path.dirname(fileURLToPath(import.meta.url));

interface Root {
  /** URL prefix, e.g. `/assets/uswds/`. */
  prefix: string;
  dir: string;
  /** Path segments never served (USWDS's Sass sources). */
  hidden?: string[];
}

const roots = new Map<string, Root>();

/**
 * Serve the files of `dir` under `prefix` (e.g. `/assets/clinic/`). Idempotent; call before rendering links to them.
 * The platform serves USWDS at `/assets/uswds/` and its own files at `/assets/app/`.
 */
export function addAssetRoot(prefix: string, dir: string, hidden: string[] = []): void {
  if (!/^\/assets\/[a-z0-9-]+\/$/.test(prefix)) throw new Error(`asset prefix must look like /assets/name/: ${prefix}`);
  roots.set(prefix, { prefix, dir: path.resolve(dir), hidden });
}

// The package's main entry is dist/js/uswds.min.js; its dist folder is two levels up.
addAssetRoot('/assets/uswds/', path.resolve(path.dirname(require.resolve('@uswds/uswds')), '..'), ['scss']);
addAssetRoot('/assets/app/', path.join(here, '..', 'views', 'assets'));

export const IMMUTABLE = 'public, max-age=31536000, immutable';
const HASH_LENGTH = 12;
const HASHED = new RegExp(`^(.*)\\.([0-9a-f]{${HASH_LENGTH}})(\\.[A-Za-z0-9]+)$`);
/** Files at most this large are kept in memory; larger ones are read from disk for each answer. */
const IN_MEMORY_BYTES = 1024 * 1024;
const COMPRESS_MIN_BYTES = 1024;

const TYPES: Record<string, { type: string; compressible: boolean }> = {
  '.css': { type: 'text/css; charset=utf-8', compressible: true },
  '.js': { type: 'text/javascript; charset=utf-8', compressible: true },
  '.map': { type: 'application/json; charset=utf-8', compressible: true },
  '.json': { type: 'application/json; charset=utf-8', compressible: true },
  '.svg': { type: 'image/svg+xml', compressible: true },
  '.ico': { type: 'image/x-icon', compressible: true },
  '.txt': { type: 'text/plain; charset=utf-8', compressible: true },
  '.png': { type: 'image/png', compressible: false },
  '.jpg': { type: 'image/jpeg', compressible: false },
  '.gif': { type: 'image/gif', compressible: false },
  '.webp': { type: 'image/webp', compressible: false },
  '.woff': { type: 'font/woff', compressible: false },
  '.woff2': { type: 'font/woff2', compressible: false },
  '.ttf': { type: 'font/ttf', compressible: true },
};

interface Asset {
  file: string;
  size: number;
  hash: string;
  type: string;
  compressible: boolean;
  /** The bytes (stylesheets as rewritten), or null when read from disk for each answer. */
  body: Buffer | null;
  encoded: Map<'br' | 'gzip', Promise<Buffer>>;
}

/** Files found so far (only found ones: unknown names are looked up again, so they cannot fill the memory). */
const assets = new Map<string, Asset>();
const loading = new Set<string>();

const hashOf = (data: Buffer | string) => createHash('sha256').update(data).digest('hex').slice(0, HASH_LENGTH);

function rootOf(urlPath: string): { root: Root; rel: string } | null {
  const m = /^\/assets\/[a-z0-9-]+\//.exec(urlPath);
  const root = m ? roots.get(m[0]) : undefined;
  if (!m || !root) return null;
  const rel = urlPath.slice(m[0].length);
  // A NUL or other control character is never in a file name of ours (and the file system refuses a NUL).
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(rel)) return null;
  const parts = rel.split('/');
  if (parts.some((p) => p === '' || p === '.' || p === '..' || p.startsWith('.') || root.hidden?.includes(p)))
    return null;
  return { root, rel };
}

/** A stylesheet's `url(…)` references rewritten to hashed asset URLs (relative ones resolved first). */
function rewriteCss(css: string, urlPath: string): string {
  return css.replace(/url\(\s*(['"]?)([^'")]+)\1\s*\)/g, (whole, _quote: string, ref: string) => {
    if (/^(data:|[a-z]+:|\/\/|#)/i.test(ref)) return whole;
    const [target = '', suffix = ''] = /^([^?#]*)(.*)$/.exec(ref)?.slice(1) ?? [];
    const resolved = new URL(target, `http://x${urlPath}`).pathname;
    const asset = loadAsset(resolved);
    return asset ? `url(${hashedName(resolved, asset.hash)}${suffix})` : whole;
  });
}

function loadAsset(urlPath: string): Asset | null {
  const known = assets.get(urlPath);
  if (known) return known;
  if (loading.has(urlPath)) return null; // a stylesheet that refers to itself
  loading.add(urlPath);
  try {
    return readAsset(urlPath);
  } finally {
    loading.delete(urlPath);
  }
}

function readAsset(urlPath: string): Asset | null {
  const found = rootOf(urlPath);
  const file = found ? path.join(found.root.dir, found.rel) : '';
  const stat = found ? statSync(file, { throwIfNoEntry: false }) : undefined;
  if (!found || !stat?.isFile() || !file.startsWith(found.root.dir + path.sep)) return null;
  const kind = TYPES[path.extname(file).toLowerCase()] ?? { type: 'application/octet-stream', compressible: false };
  let body: Buffer = readFileSync(file);
  if (path.extname(file) === '.css') body = Buffer.from(rewriteCss(body.toString('utf8'), urlPath));
  const asset: Asset = {
    file,
    size: body.length,
    hash: hashOf(body),
    ...kind,
    body: body.length <= IN_MEMORY_BYTES || path.extname(file) === '.css' ? body : null,
    encoded: new Map(),
  };
  assets.set(urlPath, asset);
  return asset;
}

function hashedName(urlPath: string, hash: string): string {
  const ext = path.posix.extname(urlPath);
  return `${urlPath.slice(0, urlPath.length - ext.length)}.${hash}${ext}`;
}

/**
 * The content-hashed URL of an asset, e.g. `assetUrl('/assets/app/app.css')` → `/assets/app/app.3f2a….css`.
 * Throws for a file that does not exist (a broken link is a programming error).
 */
export function assetUrl(urlPath: string): string {
  const asset = loadAsset(urlPath);
  if (!asset) throw new Error(`no such asset: ${urlPath}`);
  return hashedName(urlPath, asset.hash);
}

const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);

/** The best encoding the client accepts: br, then gzip, else none. */
function chooseEncoding(header: string | undefined): 'br' | 'gzip' | null {
  const accepted = new Map<string, number>();
  for (const part of (header ?? '').split(',')) {
    const [name = '', ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => /^\s*q=([\d.]+)/.exec(p)?.[1]).find((v) => v !== undefined);
    accepted.set(name, q === undefined ? 1 : Number(q));
  }
  const ok = (name: string) => (accepted.get(name) ?? accepted.get('*') ?? 0) > 0;
  return ok('br') ? 'br' : ok('gzip') ? 'gzip' : null;
}

function encodedBody(asset: Asset, body: Buffer, encoding: 'br' | 'gzip'): Promise<Buffer> {
  let p = asset.encoded.get(encoding);
  if (!p) {
    p =
      encoding === 'br'
        ? brotli(body, {
            params: {
              // The best compression for small files; for large ones (USWDS's CSS) 9 is ~13x faster and ~15% larger.
              [zlib.constants.BROTLI_PARAM_QUALITY]: body.length <= 64 * 1024 ? 11 : 9,
              [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT,
              [zlib.constants.BROTLI_PARAM_SIZE_HINT]: body.length,
            },
          })
        : gzip(body, { level: 9 });
    asset.encoded.set(encoding, p);
    p.catch(() => asset.encoded.delete(encoding));
  }
  return p;
}

async function sendAsset(request: FastifyRequest, reply: FastifyReply, urlPath: string) {
  const m = HASHED.exec(urlPath);
  const named = m ? loadAsset(`${m[1] ?? ''}${m[3] ?? ''}`) : null;
  // The hashed name of a file, else the path as it is (the plain name, or a file whose own name looks hashed).
  const asset = named ?? loadAsset(urlPath);
  if (!asset) return null;
  const current = named !== null && m?.[2] === asset.hash;
  const etag = `"${asset.hash}"`;
  reply
    .header('content-type', asset.type)
    .header('cache-control', current ? IMMUTABLE : 'no-cache')
    .header('etag', etag);
  if (asset.compressible) reply.header('vary', 'accept-encoding');
  if (request.headers['if-none-match'] === etag) return reply.status(304).send();
  if (!asset.body) return reply.header('content-length', asset.size).send(createReadStream(asset.file));
  const encoding =
    asset.compressible && asset.size >= COMPRESS_MIN_BYTES ? chooseEncoding(request.headers['accept-encoding']) : null;
  if (!encoding) return reply.send(asset.body);
  const encoded = await encodedBody(asset, asset.body, encoding);
  return reply.header('content-encoding', encoding).header('content-length', encoded.length).send(encoded);
}

/** Serve every asset root under /assets/ (unknown files fall through to the translated 404). */
export function registerAssets(app: FastifyInstance): void {
  app.get('/assets/*', { logLevel: 'warn' }, async (request, reply) => {
    let urlPath = '';
    try {
      urlPath = decodeURIComponent(request.url.split('?')[0] ?? '');
    } catch {
      // A malformed escape is simply not one of our files.
    }
    const sent = urlPath ? await sendAsset(request, reply, urlPath) : null;
    if (sent) return sent;
    reply.callNotFound();
    return reply;
  });
}

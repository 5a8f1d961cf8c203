/**
 * One publication: the manifest and the three NDJSON files, built together from one read so they agree, with a
 * strong ETag per file. Each process keeps its latest publication for SMART_CACHE_SECONDS (the max-age clients are
 * told), so however many clients poll, the database is read at most once per period per process; concurrent
 * requests share one build. `transactionTime` is when the published content last changed: a rebuild that yields
 * the same bytes keeps the earlier time, so the manifest (and its ETag) stays the same too.
 */
import { createHash } from 'node:crypto';
import { publicationSnapshot, type PublishedSlot } from '../../appointments/index.js';
import type { ModuleDeps } from '../../platform/module.js';
import { listActiveSites, type PublicSite } from '../../sites/index.js';
import { RESOURCE_TYPES, type ResourceType } from './codes.js';
import { localTimeFormatter } from './local-time.js';
import { toLocation } from './location.js';
import { toManifest } from './manifest.js';
import { toSchedule, type PublishableProduct } from './schedule.js';
import { toSlot } from './slot.js';
import { toUsAddress } from './us-address.js';

const DAY = 86_400_000;

export interface Representation {
  body: Buffer;
  /** A strong validator: the quoted SHA-256 of the body. */
  etag: string;
}

export interface Publication {
  builtAt: number;
  transactionTime: number;
  manifest: Representation;
  files: Record<ResourceType, Representation>;
}

export interface Publisher {
  /** The current publication, rebuilt when older than the cache period. */
  get(): Promise<Publication>;
}

const represent = (body: Buffer): Representation => ({
  body,
  etag: `"${createHash('sha256').update(body).digest('base64url')}"`,
});

/** One minified JSON object per line, each line ending in a newline. */
const ndjson = (resources: unknown[]) =>
  represent(Buffer.from(resources.map((r) => `${JSON.stringify(r)}\n`).join('')));

const hasCvx = <P extends { cvxCode: string | null }>(p: P): p is P & { cvxCode: string } => p.cvxCode !== null;

/** Which sites, products and slots to publish: active sites, vaccines (CVX), and only what has slots. */
async function select(deps: ModuleDeps, now: number) {
  const sites = await listActiveSites(deps.db);
  const activeSites = new Map(sites.map((s) => [s.id, s]));
  const snapshot = await publicationSnapshot(deps.db, {
    from: now + 1,
    to: now + deps.config.smartScheduling.windowDays * DAY,
  });
  const products = new Map(snapshot.products.filter(hasCvx).map((p) => [p.id, p]));
  const slots = snapshot.slots.filter((s) => activeSites.has(s.siteId) && products.has(s.productId));
  const withSlots = new Set(slots.map((s) => `${s.siteId}|${s.productId}`));
  const schedules: { site: PublicSite; product: PublishableProduct }[] = [];
  for (const site of sites)
    for (const product of products.values())
      if (withSlots.has(`${site.id}|${product.id}`)) schedules.push({ site, product });
  const scheduled = new Set(schedules.map((x) => x.site.id));
  const locations = sites.filter((s) => scheduled.has(s.id));
  return { activeSites, locations, schedules, slots };
}

async function build(deps: ModuleDeps, previous: Publication | undefined): Promise<Publication> {
  const now = deps.now();
  const { publicUrl } = deps.config;
  const fallbackPhone = deps.config.smartScheduling.bookingPhone;
  const { activeSites, locations, schedules, slots } = await select(deps, now);
  const formatters = new Map<string, (ms: number) => string>();
  const localTime = (zone: string) => {
    let f = formatters.get(zone);
    if (!f) formatters.set(zone, (f = localTimeFormatter(zone)));
    return f;
  };
  const slotResource = (s: PublishedSlot) => {
    const site = activeSites.get(s.siteId);
    return toSlot(s, {
      publicUrl,
      localTime: localTime(site?.timeZone ?? 'UTC'),
      phone: site?.phone ?? fallbackPhone,
    });
  };
  const files: Record<ResourceType, Representation> = {
    Location: ndjson(locations.map((s) => toLocation(s, { bookingUrl: `${publicUrl}/book`, fallbackPhone }))),
    Schedule: ndjson(schedules.map((x) => toSchedule(x.site, x.product))),
    Slot: ndjson(slots.map(slotResource)),
  };
  const unchanged = previous && RESOURCE_TYPES.every((t) => previous.files[t].etag === files[t].etag);
  const transactionTime = unchanged ? previous.transactionTime : now;
  const states = [...new Set(locations.flatMap((s) => toUsAddress(s.address, s.postalCode).state ?? []))].sort();
  const manifest = toManifest({
    publicUrl,
    transactionTime,
    files: RESOURCE_TYPES.map((type) => ({ type, states })),
  });
  return { builtAt: now, transactionTime, manifest: represent(Buffer.from(JSON.stringify(manifest))), files };
}

/** A publisher for this process: builds on demand, at most once per cache period, and shares builds in flight. */
export function createPublisher(deps: ModuleDeps): Publisher {
  let current: Publication | undefined;
  let building: Promise<Publication> | undefined;
  const maxAgeMs = deps.config.smartScheduling.cacheSeconds * 1000;
  return {
    get() {
      if (current && deps.now() - current.builtAt < maxAgeMs) return Promise.resolve(current);
      building ??= build(deps, current)
        .then((p) => (current = p))
        .catch((err: unknown) => {
          // Keep serving the last good publication rather than failing every poll while the database is away.
          if (!current) throw err;
          deps.logger.warn(
            { err: err instanceof Error ? err.message : String(err) },
            'smart publication rebuild failed',
          );
          return current;
        })
        .finally(() => (building = undefined));
      return building;
    },
  };
}

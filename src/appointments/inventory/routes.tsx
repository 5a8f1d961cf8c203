/** The inventory pages of the staff console: overview, one site's doses and ledger, the four forms, the shortage review. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { actorFromRequest } from '../../platform/audit/index.js';
import { authorize, hasNoSites, mayActAtSite, withinSites } from '../../platform/auth/index.js';
import { sendConsolePage } from '../../platform/http/console-page.js';
import { HttpError } from '../../platform/http/errors.js';
import { parseForm } from '../../platform/http/forms.js';
import { navBuilder } from '../../platform/http/page.js';
import type { ConsoleLink, ModuleDeps } from '../../platform/module.js';
import { findSiteById, listSites } from '../../sites/index.js';
import { CatalogError, receiveInventory } from '../catalog.js';
import * as appointments from '../repository.js';
import { registerInventoryApi } from './api-routes.js';
import { registerSlotImportRoutes } from './slot-import-routes.js';
import type { RefusalCode } from './ledger-entry.js';
import { inventoryMessages, translateInventoryErrors } from './messages.js';
import { canManageInventory, canViewInventory } from './policy.js';
import * as repo from './repository.js';
import { recordEntry, resolveShortage, toSiteOutOfScope, type ResolveResult } from './resolve-shortage.js';
import { LedgerQuery, PendingEntrySchema, ReceiveFormSchema, type PendingEntry } from './schema.js';
import { EntryForm, TITLE_KEYS, type EntryKind } from './views/entry-forms.js';
import { InventoryOverview, SiteInventory } from './views/inventory-pages.js';
import { DONE_KEYS, REFUSAL_KEYS } from './views/labels.js';
import { ShortagePage } from './views/shortage-page.js';

const KINDS: readonly EntryKind[] = ['receive', 'adjust', 'waste', 'transfer'];
const DONE: Record<EntryKind, string> = {
  receive: 'received',
  adjust: 'adjusted',
  waste: 'wasted',
  transfer: 'transferred',
};
const PAGE = 25;
const MOVE_WINDOW_MS = 21 * 86_400_000;

type SiteParams = { Params: { siteId: string } };
type KindParams = { Params: { siteId: string; kind: string } };

/** Form bodies carry product and lot as one `lotKey`; split it for the schemas. */
function withLot(body: unknown): Record<string, unknown> {
  const b = typeof body === 'object' && body !== null ? { ...(body as Record<string, unknown>) } : {}; // a parsed form
  if (typeof b.lotKey === 'string') {
    const [productId = '', lot = ''] = b.lotKey.split('::');
    Object.assign(b, { productId, lot });
  }
  return b;
}

/** The string fields of a parsed form. */
function strings(body: unknown): Record<string, string> {
  if (typeof body !== 'object' || body === null) return {};
  return Object.fromEntries(Object.entries(body).filter((e): e is [string, string] => typeof e[1] === 'string'));
}

/** Errors on product or lot belong to the lot picker on the forms that have one. */
function onLotPicker(errors: Record<string, string>): Record<string, string> {
  const { productId, lot, ...rest } = errors;
  const first = lot ?? productId;
  return first ? { lotKey: first, ...rest } : rest;
}

function refusalField(kind: EntryKind, code: RefusalCode): string {
  if (code === 'same_site' || (code === 'not_found' && kind === 'transfer')) return 'toSiteId';
  return code === 'not_enough' || code === 'lot_too_small' ? 'doses' : 'lotKey';
}

/** The console menu entry. */
export const inventoryConsoleLink: ConsoleLink = {
  href: '/staff/inventory',
  label: (locale) => inventoryMessages.for(locale)('inventory.nav'),
  allowed: canViewInventory,
  order: 40,
};

export function registerInventoryPages(app: FastifyInstance, deps: ModuleDeps): void {
  const nav = navBuilder(deps.consoleLinks);
  const view = { preHandler: authorize(canViewInventory) };
  const manage = { preHandler: authorize(canManageInventory) };
  const actorDeps = (request: FastifyRequest) => ({ ...deps, actor: actorFromRequest(request) });
  /** Another site this reader may act at (transfer destinations). */
  const mayActAt = (request: FastifyRequest) => (siteId: string) => mayActAtSite(request.principal, siteId);
  const page = (title: string, status = 200) => ({
    nav,
    current: '/staff/inventory',
    title,
    status,
  });

  async function loadSite(siteId: string) {
    const s = await findSiteById(deps.db.kysely, siteId);
    if (!s) throw new HttpError(404, 'not_found');
    return { id: s.id, name: s.name, timeZone: s.time_zone };
  }

  async function showForm(
    request: FastifyRequest,
    reply: FastifyReply,
    siteId: string,
    kind: EntryKind,
    o: { values: Record<string, string>; errors: Record<string, string>; status: number },
  ) {
    const site = await loadSite(siteId);
    const db = deps.db.kysely;
    const [products, lots, sites] = await Promise.all([
      repo.listProducts(db),
      repo.listLots(db, siteId),
      listSites(db),
    ]);
    const title = inventoryMessages.for(request.locale)(TITLE_KEYS[kind]);
    return sendConsolePage(request, reply, page(title, o.status), (ctx) => (
      <EntryForm
        ctx={ctx}
        kind={kind}
        site={site}
        products={products}
        lots={lots}
        otherSites={withinSites(request.principal, sites, (s) => s.id)
          .filter((s) => s.id !== siteId)
          .map((s) => ({ id: s.id, name: s.name }))}
        values={o.values}
        errors={translateInventoryErrors(request.locale, o.errors)}
        now={deps.now()}
      />
    ));
  }

  async function showShortage(
    request: FastifyRequest,
    reply: FastifyReply,
    siteId: string,
    entry: PendingEntry,
    r: Extract<ResolveResult, { error: 'shortage' }>,
    decisions: Record<string, string>,
  ) {
    const site = await loadSite(siteId);
    const product = await appointments.findProduct(deps.db.kysely, entry.productId);
    if (!product) throw new HttpError(404, 'not_found');
    const now = deps.now();
    const targets = await repo.findMoveTargets(deps.db.kysely, {
      programId: product.program_id,
      productId: product.id,
      excludeSiteId: siteId,
      from: now,
      to: now + MOVE_WINDOW_MS,
      limit: 20,
    });
    const title = inventoryMessages.for(request.locale)('inventory.shortage.title');
    return sendConsolePage(request, reply, page(title, 409), (ctx) => (
      <ShortagePage
        ctx={ctx}
        site={site}
        entry={entry}
        productName={product.name}
        shortage={r.shortage}
        targets={targets.map((x) => ({
          id: x.id,
          siteName: x.site_name,
          startsAt: x.starts_at,
          timeZone: x.time_zone,
        }))}
        decisions={decisions}
        failed={r.failed}
        listChanged={r.undecided.length > 0 && Object.keys(decisions).length > 0}
      />
    ));
  }

  app.get('/staff/inventory', view, async (request, reply) => {
    const [all, totals] = await Promise.all([listSites(deps.db.kysely), repo.totalsBySite(deps.db.kysely)]);
    const sites = withinSites(request.principal, all, (s) => s.id);
    const rows = sites.map((s) => {
      const x = totals.find((y) => y.siteId === s.id);
      return { id: s.id, name: s.name, onHand: x?.onHand ?? 0, reserved: x?.reserved ?? 0 };
    });
    const canManage = request.principal ? canManageInventory(request.principal) : false;
    const title = inventoryMessages.for(request.locale)('inventory.overview.title');
    return sendConsolePage(request, reply, page(title), (ctx) => (
      <InventoryOverview ctx={ctx} sites={rows} canManage={canManage} noSites={hasNoSites(request.principal)} />
    ));
  });

  app.get<SiteParams>('/staff/sites/:siteId/inventory', view, async (request, reply) => {
    const site = await loadSite(request.params.siteId);
    const q = LedgerQuery.parse(request.query);
    const db = deps.db.kysely;
    const [counters, lots, products, sites, ledger] = await Promise.all([
      repo.listCounters(db, site.id),
      repo.listLots(db, site.id),
      repo.listProducts(db),
      listSites(db),
      repo.listLedger(db, site.id, { beforeId: q.before, limit: PAGE }),
    ]);
    const canManage = request.principal ? canManageInventory(request.principal) : false;
    const title = inventoryMessages.for(request.locale)('inventory.site.title', { site: site.name });
    return sendConsolePage(request, reply, page(title), (ctx) => (
      <SiteInventory
        ctx={ctx}
        site={site}
        counters={counters}
        lots={lots}
        productNames={Object.fromEntries(products.map((p) => [p.id, p.name]))}
        siteNames={Object.fromEntries(sites.map((s) => [s.id, s.name]))}
        ledger={ledger}
        canManage={canManage}
        notice={DONE_KEYS[q.done ?? '']}
        resolved={q.cancelled !== undefined ? { cancelled: q.cancelled, moved: q.moved ?? 0 } : undefined}
        now={deps.now()}
      />
    ));
  });

  app.get<KindParams>('/staff/sites/:siteId/inventory/:kind', manage, async (request, reply) => {
    const kind = KINDS.find((k) => k === request.params.kind);
    if (!kind) throw new HttpError(404, 'not_found');
    return showForm(request, reply, request.params.siteId, kind, { values: {}, errors: {}, status: 200 });
  });

  app.post<KindParams>('/staff/sites/:siteId/inventory/:kind', manage, async (request, reply) => {
    const kind = KINDS.find((k) => k === request.params.kind);
    if (!kind) throw new HttpError(404, 'not_found');
    const { siteId } = request.params;
    await loadSite(siteId);
    const done = `/staff/sites/${siteId}/inventory?done=${DONE[kind]}`;
    const values = strings(request.body);
    const fail = (errors: Record<string, string>, status: number) =>
      showForm(request, reply, siteId, kind, {
        values,
        errors: kind === 'receive' ? errors : onLotPicker(errors),
        status,
      });
    if (kind === 'receive') {
      const form = parseForm(ReceiveFormSchema, request.body);
      if (!form.ok) return fail(form.errors, 400);
      try {
        await receiveInventory(siteId, form.value, actorDeps(request));
      } catch (err) {
        if (err instanceof CatalogError) return fail({ productId: 'inventory.error.product' }, 404);
        throw err;
      }
      return reply.redirect(done, 303);
    }
    const form = parseForm(PendingEntrySchema, { ...withLot(request.body), kind });
    if (!form.ok) return fail(form.errors, 400);
    const r = toSiteOutOfScope(form.value, mayActAt(request))
      ? ({ ok: false, error: 'not_found' } as const)
      : await recordEntry(actorDeps(request), siteId, form.value);
    if (r.ok) return reply.redirect(done, 303);
    if (r.error === 'shortage')
      return showShortage(request, reply, siteId, form.value, { ...r, undecided: [], failed: {} }, {});
    return fail({ [refusalField(kind, r.error)]: REFUSAL_KEYS[r.error] }, 409);
  });

  app.post<SiteParams>('/staff/sites/:siteId/inventory/shortage', manage, async (request, reply) => {
    const { siteId } = request.params;
    await loadSite(siteId);
    const form = parseForm(PendingEntrySchema, request.body);
    if (!form.ok) throw new HttpError(400, 'bad_request');
    const decisions = Object.fromEntries(
      Object.entries(strings(request.body)).flatMap(([k, v]) => (k.startsWith('move-') && v ? [[k.slice(5), v]] : [])),
    );
    const r = toSiteOutOfScope(form.value, mayActAt(request))
      ? ({ ok: false, error: 'not_found' } as const)
      : await resolveShortage(actorDeps(request), siteId, form.value, decisions);
    const kind = form.value.kind;
    if (r.ok)
      return reply.redirect(
        `/staff/sites/${siteId}/inventory?done=${DONE[kind]}&cancelled=${r.cancelled}&moved=${r.moved}`,
        303,
      );
    if (r.error === 'shortage') return showShortage(request, reply, siteId, form.value, r, decisions);
    const values = { kind, lotKey: `${form.value.productId}::${form.value.lot}`, doses: String(form.value.doses) };
    return showForm(request, reply, siteId, kind, {
      values,
      errors: { [refusalField(kind, r.error)]: REFUSAL_KEYS[r.error] },
      status: 409,
    });
  });
}

/** Every route of the inventory sub-module: console pages, the JSON API, and the slot CSV import page. */
export function registerInventoryRoutes(app: FastifyInstance, deps: ModuleDeps): void {
  registerInventoryPages(app, deps);
  registerInventoryApi(app, deps);
  registerSlotImportRoutes(app, deps);
}

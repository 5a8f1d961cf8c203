/**
 * The inventory JSON API for integrations (staff Bearer tokens): adjustments, waste and transfers. A refusal
 * changes nothing; a shortage answers 409 with the bookings that would lose their dose (resolve it in the console,
 * or cancel or move those bookings through the bookings API, then try again).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { actorFromRequest } from '../../platform/audit/index.js';
import { authorize, mayActAtSite } from '../../platform/auth/index.js';
import { HttpError } from '../../platform/http/errors.js';
import type { ModuleDeps } from '../../platform/module.js';
import type { EntryResult } from './ledger-entry.js';
import { inventoryMessages, translateInventoryErrors } from './messages.js';
import { canManageInventory } from './policy.js';
import * as repo from './repository.js';
import { recordEntry, toSiteOutOfScope } from './resolve-shortage.js';
import { AdjustSchema, TransferSchema, WasteSchema, type PendingEntry } from './schema.js';
import { REFUSAL_KEYS } from './views/labels.js';

const STATUS: Record<Exclude<EntryResult, { ok: true }>['error'], number> = {
  not_found: 404,
  unknown_lot: 409,
  lot_too_small: 409,
  not_enough: 409,
  same_site: 409,
  shortage: 409,
};

export function registerInventoryApi(app: FastifyInstance, deps: ModuleDeps): void {
  const opts = { preHandler: authorize(canManageInventory) };
  type Req = FastifyRequest<{ Params: { siteId: string } }>;

  function parse<S extends z.ZodType>(request: Req, schema: S): z.infer<S> {
    const r = schema.safeParse(request.body ?? {});
    if (r.success) return r.data;
    const keys = Object.fromEntries(r.error.issues.map((i) => [i.path.join('.') || '(body)', i.message]));
    throw new HttpError(400, 'bad_request', undefined, { fields: translateInventoryErrors(request.locale, keys) });
  }

  async function answer(request: Req, reply: FastifyReply, entry: PendingEntry) {
    const { siteId } = request.params;
    const r = toSiteOutOfScope(entry, (id) => mayActAtSite(request.principal, id))
      ? ({ ok: false, error: 'not_found' } as const)
      : await recordEntry({ db: deps.db, now: deps.now, actor: actorFromRequest(request) }, siteId, entry);
    const t = inventoryMessages.for(request.locale);
    if (r.ok) {
      const c = await repo.findCounter(deps.db.kysely, siteId, entry.productId);
      return reply.status(201).send({
        siteId,
        productId: entry.productId,
        lot: entry.lot,
        onHand: c?.on_hand ?? 0,
        reserved: c?.reserved ?? 0,
      });
    }
    if (r.error !== 'shortage') throw new HttpError(STATUS[r.error], r.error, t(REFUSAL_KEYS[r.error]));
    return reply.status(409).send({
      error: {
        code: 'shortage',
        message: t('inventory.shortage.title'),
        onHand: r.shortage.onHand,
        reserved: r.shortage.reserved,
        short: r.shortage.short,
        bookings: r.shortage.bookings.map((b) => ({
          id: b.id,
          status: b.status,
          dose: b.doseNumber,
          startsAt: new Date(b.startsAt).toISOString(),
        })),
      },
    });
  }

  app.post<{ Params: { siteId: string } }>('/api/v1/sites/:siteId/inventory/adjustments', opts, (request, reply) =>
    answer(request, reply, { kind: 'adjust', ...parse(request, AdjustSchema) }),
  );
  app.post<{ Params: { siteId: string } }>('/api/v1/sites/:siteId/inventory/waste', opts, (request, reply) =>
    answer(request, reply, { kind: 'waste', ...parse(request, WasteSchema) }),
  );
  app.post<{ Params: { siteId: string } }>('/api/v1/sites/:siteId/inventory/transfers', opts, (request, reply) =>
    answer(request, reply, { kind: 'transfer', ...parse(request, TransferSchema) }),
  );
}

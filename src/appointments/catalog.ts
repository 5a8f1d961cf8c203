/** Programs, products, inventory and slots: what staff and integrations set up so residents can book. */
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { recordAudit, type AuditActor } from '../platform/audit/index.js';
import { isUniqueViolation, type Db } from '../platform/db/index.js';
import * as repo from './repository.js';
import type { InventorySchema, ProductSchema, ProgramSchema, SlotSchema } from './schema.js';

type Deps = { db: Db; now: () => number; actor: AuditActor };

export class CatalogError extends Error {
  constructor(
    readonly code: 'not_found' | 'conflict',
    message: string,
  ) {
    super(message);
  }
}

export async function createProgram(input: z.infer<typeof ProgramSchema>, deps: Deps): Promise<string> {
  const id = randomUUID();
  const now = deps.now();
  const name = typeof input.name === 'string' ? { en: input.name, es: input.name } : input.name;
  await deps.db.kysely.transaction().execute(async (tx) => {
    await repo.insertProgram(tx, {
      id,
      name_en: name.en,
      name_es: name.es,
      description_en: input.description?.en ?? '',
      description_es: input.description?.es ?? '',
      preparation_en: input.preparation?.en ?? '',
      preparation_es: input.preparation?.es ?? '',
      booking_mode: input.bookingMode,
      status: 'active',
      created_at: now,
      updated_at: now,
    });
    await recordAudit(
      tx,
      deps.actor,
      { action: 'appointments.program.created', subjectType: 'program', subjectId: id },
      now,
    );
  });
  return id;
}

export async function createProduct(input: z.infer<typeof ProductSchema>, deps: Deps): Promise<string> {
  if (!(await repo.findProgram(deps.db.kysely, input.programId)))
    throw new CatalogError('not_found', 'no such program');
  const id = randomUUID();
  const now = deps.now();
  await deps.db.kysely.transaction().execute(async (tx) => {
    await repo.insertProduct(tx, {
      id,
      program_id: input.programId,
      name: input.name,
      manufacturer: input.manufacturer ?? null,
      cvx_code: input.cvxCode ?? null,
      doses: input.doses,
      min_days_between: input.minDaysBetweenDoses,
      max_days_between: input.maxDaysBetweenDoses ?? input.minDaysBetweenDoses,
      min_age_years: input.minAgeYears,
      created_at: now,
    });
    await recordAudit(
      tx,
      deps.actor,
      { action: 'appointments.product.created', subjectType: 'product', subjectId: id },
      now,
    );
  });
  return id;
}

async function requireSite(deps: Deps, siteId: string): Promise<void> {
  const site = await deps.db.kysely.selectFrom('sites').select('id').where('id', '=', siteId).executeTakeFirst();
  if (!site) throw new CatalogError('not_found', 'no such site');
}

/** Receive doses at a site: a ledger entry and the on-hand count move together. */
export async function receiveInventory(
  siteId: string,
  input: z.infer<typeof InventorySchema>,
  deps: Deps,
): Promise<void> {
  await requireSite(deps, siteId);
  if (!(await repo.findProduct(deps.db.kysely, input.productId)))
    throw new CatalogError('not_found', 'no such product');
  const now = deps.now();
  await deps.db.kysely.transaction().execute(async (tx) => {
    await repo.addLedgerEntry(tx, {
      site_id: siteId,
      product_id: input.productId,
      kind: 'receive',
      doses: input.doses,
      lot: input.lot,
      expires_on: input.expiresOn,
      reason: null,
      actor: deps.actor.label ?? null,
      created_at: now,
    });
    await recordAudit(
      tx,
      deps.actor,
      {
        action: 'appointments.inventory.received',
        subjectType: 'site',
        subjectId: siteId,
        details: { productId: input.productId, doses: input.doses, lot: input.lot },
      },
      now,
    );
  });
}

/** Add one slot (staff may add slots one by one; schedule templates generate many). */
export async function addSlot(siteId: string, input: z.infer<typeof SlotSchema>, deps: Deps): Promise<string> {
  await requireSite(deps, siteId);
  if (!(await repo.findProgram(deps.db.kysely, input.programId)))
    throw new CatalogError('not_found', 'no such program');
  const id = randomUUID();
  const now = deps.now();
  try {
    await deps.db.kysely.transaction().execute(async (tx) => {
      await repo.insertSlot(tx, {
        id,
        site_id: siteId,
        program_id: input.programId,
        starts_at: input.startsAt,
        ends_at: input.startsAt + input.durationMinutes * 60_000,
        capacity: input.capacity,
        booked: 0,
        status: 'open',
        created_at: now,
      });
      await recordAudit(
        tx,
        deps.actor,
        { action: 'appointments.slot.created', subjectType: 'slot', subjectId: id },
        now,
      );
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw new CatalogError('conflict', 'a slot already starts then at this site');
    throw err;
  }
  return id;
}

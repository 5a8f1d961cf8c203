/**
 * Programs, products, sites, doses and slots for integration tests, written through the appointments module's
 * own use cases (sites straight into the table: the sites module exposes no create function to other modules).
 */
import { randomUUID } from 'node:crypto';
import { systemActor } from '../../src/platform/audit/index.js';
import type { Db } from '../../src/platform/db/index.js';
import { addSlot, createProduct, createProgram, receiveInventory } from '../../src/appointments/index.js';

export interface CatalogDeps {
  db: Db;
  now: () => number;
}

export function catalog(d: CatalogDeps) {
  const deps = { db: d.db, now: d.now, actor: systemActor('test') };
  let n = 0;
  return {
    program: (bookingMode: 'open' | 'invitation' = 'invitation') =>
      createProgram({ name: { en: 'Vaccine', es: 'Vacuna' }, bookingMode }, deps),
    product: (programId: string, doses = 1, o: { minDays?: number; maxDays?: number; minAge?: number } = {}) =>
      createProduct(
        {
          programId,
          name: `Product ${++n}`,
          doses,
          minDaysBetweenDoses: o.minDays ?? 0,
          maxDaysBetweenDoses: o.maxDays ?? o.minDays ?? 0,
          minAgeYears: o.minAge ?? 0,
        },
        deps,
      ),
    async site(
      o: { doses?: Record<string, number>; postalCode?: string; accessibility?: string[]; languages?: string[] } = {},
    ): Promise<string> {
      const id = randomUUID();
      const now = d.now();
      await d.db.kysely
        .insertInto('sites')
        .values({
          id,
          name: `Site ${++n} ${id.slice(0, 6)}`,
          address: `${n} Main Street, Springfield`,
          postal_code: o.postalCode ?? '02108',
          time_zone: 'America/New_York',
          phone: null,
          latitude: null,
          longitude: null,
          accessibility: JSON.stringify(o.accessibility ?? []),
          languages: JSON.stringify(o.languages ?? ['en']),
          walk_ins: 0,
          vtrcks_pin: null,
          status: 'active',
          created_at: now,
          updated_at: now,
        })
        .execute();
      for (const [productId, doses] of Object.entries(o.doses ?? {}))
        await receiveInventory(id, { productId, doses, lot: 'L1', expiresOn: '2099-01-01' }, deps);
      return id;
    },
    slot: (siteId: string, programId: string, startsAt: number, capacity = 1) =>
      addSlot(siteId, { programId, startsAt, durationMinutes: 15, capacity }, deps),
    slotRow: (id: string) =>
      d.db.kysely.selectFrom('slots').select(['booked', 'capacity']).where('id', '=', id).executeTakeFirstOrThrow(),
    inventory: (siteId: string, productId: string) =>
      d.db.kysely
        .selectFrom('site_inventory')
        .select(['on_hand', 'reserved'])
        .where('site_id', '=', siteId)
        .where('product_id', '=', productId)
        .executeTakeFirstOrThrow(),
  };
}

/** Test set-up shared by the inventory tests: a program, products, sites with doses, slots and bookings. */
import assert from 'node:assert/strict';
import {
  addSlot,
  bookAppointment,
  createProduct,
  createProgram,
  receiveInventory,
} from '../../src/appointments/index.js';
import { systemActor } from '../../src/platform/audit/index.js';
import type { ModuleDeps } from '../../src/platform/module.js';
import { importSites, listSites } from '../../src/sites/index.js';

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;

export interface Fixture {
  programId: string;
  productId: string;
  seriesProductId: string;
  site(name: string, doses?: number, lot?: string, expiresOn?: string): Promise<string>;
  slot(siteId: string, startsAt: number, capacity?: number): Promise<string>;
  book(slotId: string, n: number, productId?: string): Promise<string>;
}

export async function inventoryFixture(deps: ModuleDeps): Promise<Fixture> {
  const d = { db: deps.db, now: deps.now, actor: systemActor('test') };
  const programId = await createProgram({ name: 'Flu shots', bookingMode: 'open' }, d);
  const productId = await createProduct(
    { programId, name: 'Flu vaccine', doses: 1, minDaysBetweenDoses: 0, minAgeYears: 0 },
    d,
  );
  const seriesProductId = await createProduct(
    { programId, name: 'Two-dose vaccine', doses: 2, minDaysBetweenDoses: 7, maxDaysBetweenDoses: 14, minAgeYears: 0 },
    d,
  );
  let people = 0;
  return {
    programId,
    productId,
    seriesProductId,
    async site(name, doses = 0, lot = 'LOT-A', expiresOn = '2099-12-31') {
      const csv = `name,address,postalCode,timeZone,status\n${name},${name} Road Springfield,12345,America/New_York,active\n`;
      const r = await importSites(csv, d);
      assert.ok(r.ok, JSON.stringify(r));
      const id = (await listSites(deps.db.kysely)).find((s) => s.name === name)?.id ?? '';
      if (doses > 0) await receiveInventory(id, { productId, doses, lot, expiresOn }, d);
      return id;
    },
    slot: (siteId, startsAt, capacity = 10) =>
      addSlot(siteId, { startsAt, durationMinutes: 15, capacity, programId }, d),
    async book(slotId, n, product = productId) {
      const r = await bookAppointment(deps, {
        slotId,
        productId: product,
        dose: 1,
        person: {
          givenName: `Person${people++}`,
          familyName: 'Tester',
          birthDate: '1970-01-01',
          email: `p${people}-${n}@example.com`,
          language: 'es',
        },
        channel: 'web',
      });
      return r.id;
    },
  };
}

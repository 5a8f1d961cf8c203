/**
 * Demo: a vaccination program with a single-dose and a two-dose product, doses at every demo site, and slots
 * from a schedule template for the coming week (and the weeks a second dose falls in), and nine months of past
 * visits (seed-demo-history.ts).
 */
import { randomUUID } from 'node:crypto';
import { DateTime } from 'luxon';
import { systemActor } from '../platform/audit/index.js';
import type { ModuleDeps } from '../platform/module.js';
import { createProduct, createProgram, receiveInventory } from './catalog.js';
import { generateSlotTimes } from './schedule.js';
import { seedDemoHistory } from './seed-demo-history.js';

export async function seedDemoAppointments(deps: ModuleDeps): Promise<void> {
  const db = deps.db.kysely;
  if (await db.selectFrom('programs').select('id').limit(1).executeTakeFirst()) return;
  const sites = await db.selectFrom('sites').select(['id', 'time_zone']).where('status', '=', 'active').execute();
  const d = { db: deps.db, now: deps.now, actor: systemActor('seed') };
  const programId = await createProgram(
    {
      name: { en: 'COVID-19 vaccination', es: 'Vacunación contra el COVID-19' },
      description: {
        en: 'Free COVID-19 vaccines for everyone 12 and older.',
        es: 'Vacunas gratuitas contra el COVID-19 para todas las personas de 12 años o más.',
      },
      preparation: {
        en: 'Bring an ID if you have one. Wear a shirt with loose sleeves. Eat before you come.',
        es: 'Traiga una identificación si tiene una. Use una camisa de mangas sueltas. Coma antes de venir.',
      },
      bookingMode: 'open',
    },
    d,
  );
  const single = await createProduct(
    {
      programId,
      name: 'Single-dose vaccine',
      manufacturer: 'Demo Pharma',
      cvxCode: '212',
      doses: 1,
      minDaysBetweenDoses: 0,
      minAgeYears: 18,
    },
    d,
  );
  const series = await createProduct(
    {
      programId,
      name: 'Two-dose vaccine',
      manufacturer: 'Demo Bio',
      cvxCode: '208',
      doses: 2,
      minDaysBetweenDoses: 21,
      maxDaysBetweenDoses: 28,
      minAgeYears: 12,
    },
    d,
  );
  const now = deps.now();
  for (const site of sites) {
    for (const productId of [single, series])
      await receiveInventory(site.id, { productId, doses: 400, lot: 'DEMO-001', expiresOn: '2027-12-31' }, d);
    const today = DateTime.fromMillis(now, { zone: site.time_zone });
    const times = generateSlotTimes({
      timeZone: site.time_zone,
      fromDate: today.plus({ days: 1 }).toISODate() ?? '',
      toDate: today.plus({ days: 35 }).toISODate() ?? '',
      weekdays: [1, 2, 3, 4, 5, 6],
      opens: '09:00',
      closes: '16:00',
      slotMinutes: 15,
    });
    const rows = times.map((t) => ({
      id: randomUUID(),
      site_id: site.id,
      program_id: programId,
      starts_at: t.startsAt,
      ends_at: t.endsAt,
      capacity: 4,
      booked: 0,
      status: 'open' as const,
      created_at: now,
    }));
    for (let i = 0; i < rows.length; i += 200)
      await db
        .insertInto('slots')
        .values(rows.slice(i, i + 200))
        .execute();
  }
  await seedDemoHistory(deps, { programId, productId: single, sites });
}

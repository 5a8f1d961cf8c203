/**
 * The reference booking server of `npm run bench:surge`: Fastify and the same single-transaction conditional-write
 * booking SQL as Frontdoor (take a seat, reserve a dose, write the person and the booking), and nothing else — no
 * validation, encryption, limits, audit, compression or idempotency. What this stack can do on this machine.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import path from 'node:path';
import Fastify from 'fastify';
import { openDatabase } from '../src/platform/db/index.js';

const url = process.env.DATABASE_URL;
const db = openDatabase(
  url
    ? { kind: 'postgres', url, poolSize: Number(process.env.DATABASE_POOL_SIZE ?? 10) }
    : { kind: 'sqlite', file: path.join(process.env.DATA_DIR ?? './data', 'frontdoor.db') },
);
const app = Fastify();

app.post('/book', async (request, reply) => {
  const b = request.body as { slotId: string; productId: string; name: string };
  const now = Date.now();
  const id = await db.kysely.transaction().execute(async (tx) => {
    const slot = await tx
      .updateTable('slots')
      .set((eb) => ({ booked: eb('booked', '+', 1) }))
      .where('id', '=', b.slotId)
      .where('status', '=', 'open')
      .whereRef('booked', '<', 'capacity')
      .returning(['site_id', 'program_id', 'starts_at'])
      .executeTakeFirst();
    if (!slot) return null;
    const dose = await tx
      .updateTable('site_inventory')
      .set((eb) => ({ reserved: eb('reserved', '+', 1) }))
      .where('site_id', '=', slot.site_id)
      .where('product_id', '=', b.productId)
      .where((eb) => eb(eb('reserved', '+', 1), '<=', eb.ref('on_hand')))
      .executeTakeFirst();
    if (Number(dose.numUpdatedRows) !== 1) throw new Error('no doses');
    const personId = randomUUID();
    await tx
      .insertInto('people')
      .values({
        id: personId,
        given_name_enc: b.name,
        family_name_enc: 'Bench',
        birth_date_enc: '1970-01-01',
        identity_index: randomUUID(),
        contact_id: null,
        created_at: now,
        updated_at: now,
      })
      .execute();
    const bookingId = randomUUID();
    await tx
      .insertInto('bookings')
      .values({
        id: bookingId,
        person_id: personId,
        slot_id: b.slotId,
        site_id: slot.site_id,
        program_id: slot.program_id,
        product_id: b.productId,
        dose_number: 1,
        series_id: randomUUID(),
        channel: 'api',
        status: 'booked',
        confirmation_code: randomBytes(6).toString('hex'),
        manage_token_hash: randomBytes(32).toString('hex'),
        starts_at: slot.starts_at,
        contact_id: null,
        created_at: now,
        updated_at: now,
      })
      .execute();
    return bookingId;
  });
  return id ? reply.status(201).send({ id }) : reply.status(409).send({ error: { code: 'slot_full' } });
});

await app.listen({ port: Number(process.env.PORT ?? 3100), host: '127.0.0.1' });
process.stdout.write('reference ready\n');
process.on('SIGTERM', () => {
  void app
    .close()
    .then(() => db.close())
    .then(() => process.exit(0));
});

/**
 * Open a same-day standby offer at a site: N leftover doses, people to arrive by a time today. The capacity comes
 * from the appointments module's public API — a slot of N seats at the arrive-by time, then N seat holds taken by
 * its conditional writes (each hold takes a seat and the doses, so the offer cannot promise doses the site does not
 * have) — and the people chosen (candidates.ts) are texted "reply YES within 15 minutes". All of it but the slot is
 * one transaction; the offer, its holds and the texts commit together. Audited.
 */
import { randomUUID } from 'node:crypto';
import { DateTime } from 'luxon';
import { recordAudit, type AuditActor } from '../../platform/audit/index.js';
import type { ModuleDeps } from '../../platform/module.js';
import { notify } from '../../notifications/index.js';
import { loadEligibility } from '../manage-eligibility.js';
import { addSlot, findSiteById, siteLists, tryHoldSeats } from '../faces.js';
import * as prereg from '../repository.js';
import { chooseCandidates } from './candidates.js';
import * as repo from './repository.js';
import type { OfferInput } from './schema.js';
import { standbyOfferTemplate } from './templates.js';

const MINUTE = 60_000;
/** How long people have to reply YES (the "within 15 minutes"). */
export const REPLY_WINDOW = 15 * MINUTE;
/** The arrive-by time is at least this far ahead: the reply window and some time to travel. */
export const MIN_LEAD = 30 * MINUTE;
/** The slot's length (the arrive-by time is its start). */
const SLOT_MINUTES = 30;

export type OpenOfferResult =
  | { ok: true; offerId: string; texted: number; held: number }
  | {
      ok: false;
      field: keyof OfferInput;
      error: 'arriveBy' | 'site' | 'no_doses' | 'slot_exists' | 'no_seats';
      free?: number;
    }
  | { ok: false; field: null; error: 'not_set_up' };

/** Today's HH:MM in the site's zone, as an instant (null when it is not at least MIN_LEAD ahead). */
export function arriveByInstant(hhmm: string, zone: string, now: number): number | null {
  const [h, m] = hhmm.split(':').map(Number);
  const t = DateTime.fromMillis(now, { zone }).set({ hour: h ?? 0, minute: m ?? 0, second: 0, millisecond: 0 });
  const at = t.toMillis();
  return t.isValid && at >= now + MIN_LEAD ? at : null;
}

export async function openStandbyOffer(
  deps: ModuleDeps & { actor: AuditActor },
  programId: string,
  input: OfferInput,
): Promise<OpenOfferResult> {
  const db = deps.db.kysely;
  const now = deps.now();
  const eligibility = await loadEligibility(db, programId);
  const program = await prereg.findProgram(db, programId);
  const product = (await prereg.listProducts(db, programId)).find((p) => p.id === eligibility?.settings.product_id);
  if (!eligibility || !program || !product) return { ok: false, field: null, error: 'not_set_up' };
  const site = await findSiteById(db, input.siteId);
  if (!site || site.status !== 'active') return { ok: false, field: 'siteId', error: 'site' };
  const arriveBy = arriveByInstant(input.arriveBy, site.time_zone, now);
  if (arriveBy === null) return { ok: false, field: 'arriveBy', error: 'arriveBy' };
  // An early, friendly refusal; the holds below decide for real.
  const stock = await repo.freeDosesAt(db, site.id, product.id);
  const free = Math.floor(((stock?.on_hand ?? 0) - (stock?.reserved ?? 0)) / product.doses);
  if (free < input.doses) return { ok: false, field: 'doses', error: 'no_doses', free: Math.max(0, free) };

  let slotId: string;
  try {
    slotId = await addSlot(
      site.id,
      { startsAt: arriveBy, durationMinutes: SLOT_MINUTES, capacity: input.doses, programId },
      { db: deps.db, now: deps.now, actor: deps.actor },
    );
  } catch (err) {
    // CatalogError('conflict'): a slot already starts then at this site.
    if (err instanceof Error && 'code' in err && err.code === 'conflict')
      return { ok: false, field: 'arriveBy', error: 'slot_exists' };
    throw err;
  }

  const endsAt = now + REPLY_WINDOW;
  const offerId = randomUUID();
  const lists = siteLists(site);
  const result = await db.transaction().execute(async (tx) => {
    const holds: string[] = [];
    for (let i = 0; i < input.doses; i++) {
      const hold = await tryHoldSeats(deps, tx, {
        slotId,
        productId: product.id,
        expiresAt: endsAt,
        purpose: 'standby',
      });
      if (!hold) break;
      holds.push(hold.id);
    }
    if (holds.length === 0) return null;
    await repo.insertOffer(tx, {
      id: offerId,
      program_id: programId,
      site_id: site.id,
      slot_id: slotId,
      product_id: product.id,
      doses: input.doses,
      held: holds.length,
      texted: 0,
      arrive_by: arriveBy,
      ends_at: endsAt,
      status: 'open',
      opened_by: deps.actor.label ?? null,
      created_at: now,
      updated_at: now,
    });
    for (const [i, holdId] of holds.entries())
      await repo.insertHold(tx, { offer_id: offerId, position: i + 1, hold_id: holdId });
    const people = await chooseCandidates(deps, tx, {
      eligibility,
      site: {
        id: site.id,
        postalCode: site.postal_code,
        latitude: site.latitude,
        longitude: site.longitude,
        zone: site.time_zone,
        features: lists.accessibility,
        languages: lists.languages,
      },
      arriveBy,
      limit: holds.length * input.multiplier,
    });
    for (const [i, p] of people.entries()) {
      await repo.insertText(tx, {
        offer_id: offerId,
        registrant_id: p.row.id,
        contact_id: p.contactId,
        position: i + 1,
        status: 'texted',
        booking_id: null,
        created_at: now,
        answered_at: null,
      });
      await notify(
        deps,
        tx,
        { contactId: p.contactId },
        standbyOfferTemplate,
        {
          name: deps.cipher.decrypt(p.row.given_name_enc, 'prereg.given_name'),
          program: { en: program.name_en, es: program.name_es },
          site: { name: site.name, address: `${site.address} ${site.postal_code}`, timeZone: site.time_zone },
          doses: holds.length,
          arriveBy,
          until: endsAt,
        },
        { idempotencyKey: `prereg:standby:${offerId}:${p.row.id}`, channels: ['sms'] },
      );
    }
    await repo.setTexted(tx, offerId, people.length, now);
    await recordAudit(
      tx,
      deps.actor,
      {
        action: 'preregistration.standby.opened',
        subjectType: 'standby-offer',
        subjectId: offerId,
        details: { programId, siteId: site.id, doses: input.doses, held: holds.length, texted: people.length },
      },
      now,
    );
    return { held: holds.length, texted: people.length };
  });
  if (!result) return { ok: false, field: 'arriveBy', error: 'no_seats' };
  return { ok: true, offerId, ...result };
}

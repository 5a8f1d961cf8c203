/**
 * Send the confirmation again (a caller lost it): the same message as at booking — code, time in the site's zone,
 * the next held dose and the calendar file at the booking's current revision — through the outbox, audited.
 */
import { recordAudit, type AuditActor } from '../../platform/audit/index.js';
import type { ModuleDeps } from '../../platform/module.js';
import { notify } from '../../notifications/index.js';
import { findSiteById } from '../../sites/index.js';
import * as repo from '../repository.js';
import { confirmationData, confirmationTemplate } from '../templates.js';

export type ResendResult = 'sent' | 'not_found' | 'not_active' | 'no_contact';

export async function resendConfirmation(
  deps: ModuleDeps & { actor: AuditActor },
  bookingId: string,
): Promise<ResendResult> {
  const now = deps.now();
  return deps.db.kysely.transaction().execute(async (tx): Promise<ResendResult> => {
    const b = await repo.findBooking(tx, bookingId);
    if (!b) return 'not_found';
    if (b.status !== 'booked') return 'not_active';
    const person = await tx
      .selectFrom('people')
      .select(['given_name_enc', 'contact_id'])
      .where('id', '=', b.person_id)
      .executeTakeFirst();
    const contactId = b.contact_id ?? person?.contact_id ?? null;
    if (!person || !contactId) return 'no_contact';
    const [slot, site, program, product, series] = await Promise.all([
      repo.findSlot(tx, b.slot_id),
      findSiteById(tx, b.site_id),
      repo.findProgram(tx, b.program_id),
      repo.findProduct(tx, b.product_id),
      repo.findSeries(tx, b.series_id),
    ]);
    if (!slot || !site || !program || !product) return 'not_found';
    const next = series.find((x) => x.dose_number === b.dose_number + 1 && x.status === 'booked');
    const nextSlot = next ? await repo.findSlot(tx, next.slot_id) : undefined;
    const data = confirmationData(deps, {
      booking: b,
      slot,
      site,
      program,
      product,
      held: nextSlot ? [nextSlot] : [],
      personName: deps.cipher.decrypt(person.given_name_enc, 'person.given_name'),
    });
    await notify(deps, tx, { contactId }, confirmationTemplate, data, {
      idempotencyKey: `booking:${b.id}:confirmation:resent:${now}`,
    });
    await recordAudit(
      tx,
      deps.actor,
      { action: 'appointments.booking.confirmation-resent', subjectType: 'booking', subjectId: b.id },
      now,
    );
    return 'sent';
  });
}

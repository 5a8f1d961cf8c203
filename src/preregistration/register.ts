/**
 * Pre-register a person for a program (on the web for oneself or someone else, or by a call agent). Personal data
 * is encrypted; a blind index of name + birth date + contact finds the same registration again, so a second
 * registration merges into the first (keeping its place in the queue) instead of queueing the person twice. The
 * confirmation carries the status link (the only copy of its token).
 */
import { randomUUID } from 'node:crypto';
import { recordAudit, type AuditActor } from '../platform/audit/index.js';
import { generateToken, hashToken } from '../platform/crypto/index.js';
import type { FieldCipher } from '../platform/crypto/index.js';
import type { ModuleDeps } from '../platform/module.js';
import { nameKey } from '../platform/input/index.js';
import { loadContact, normalizePhone, notify } from '../notifications/index.js';
import { offeredSiteIds } from './form-options.js';
import { findProgramNames } from './programs.js';
import { loadEligibility } from './manage-eligibility.js';
import { screen, type ScreenResult } from './eligibility.js';
import * as repo from './repository.js';
import type { RegisterInput } from './schema.js';
import { preregConfirmationTemplate } from './templates.js';
import { sealNeeds } from './sealed-needs.js';

// A contact as typed, reduced to what identifies it (an e-mail address, or a phone number that did not parse).
const contactKey = (s: string) =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9@.+]/g, '');

/** Name + birth date + contact, normalised and keyed: equal for the same person registered twice. */
export function registrantIndex(
  cipher: FieldCipher,
  p: {
    givenName: string;
    familyName: string;
    birthDate: string;
    email?: string | undefined;
    phone?: string | undefined;
  },
): string {
  const contact = p.email ? contactKey(p.email) : (normalizePhone(p.phone ?? '') ?? contactKey(p.phone ?? ''));
  return cipher.blindIndex(
    `${nameKey(p.givenName)}|${nameKey(p.familyName)}|${p.birthDate}|${contact}`,
    'prereg.identity',
  );
}

/**
 * At start: recompute the identity indexes migration 0025 marked as of the old kind (names reduced to `a-z0-9`, so
 * names in other scripts met on an empty key). A batch at a time; a row is rewritten only if still marked, so
 * processes starting together agree. Erased registrations keep their placeholder. Returns how many were recomputed.
 */
export async function reindexRegistrants(deps: Pick<ModuleDeps, 'db' | 'cipher'>): Promise<number> {
  let n = 0;
  for (;;) {
    const rows = await deps.db.kysely
      .selectFrom('prereg_registrants')
      .select(['id', 'given_name_enc', 'family_name_enc', 'birth_date_enc', 'contact_id', 'anonymised_at'])
      .where('identity_version', '=', 1)
      .limit(500)
      .execute();
    for (const r of rows) {
      const live = (r.anonymised_at ?? null) === null;
      const contact = live && r.contact_id ? await loadContact(deps.db.kysely, deps.cipher, r.contact_id) : null;
      const index = live
        ? registrantIndex(deps.cipher, {
            givenName: deps.cipher.decrypt(r.given_name_enc, 'prereg.given_name'),
            familyName: deps.cipher.decrypt(r.family_name_enc, 'prereg.family_name'),
            birthDate: deps.cipher.decrypt(r.birth_date_enc, 'prereg.birth_date'),
            email: contact?.email ?? undefined,
            phone: contact?.phone ?? undefined,
          })
        : undefined;
      const u = await deps.db.kysely
        .updateTable('prereg_registrants')
        .set({ identity_version: 2, ...(index ? { identity_index: index } : {}) })
        .where('id', '=', r.id)
        .where('identity_version', '=', 1)
        .executeTakeFirst();
      n += Number(u.numUpdatedRows);
    }
    if (rows.length < 500) return n;
  }
}

export const birthDateIndex = (cipher: FieldCipher, birthDate: string) => cipher.blindIndex(birthDate, 'prereg.birth');

export type RegisterResult =
  | { ok: true; id: string; statusToken: string; merged: boolean; result: ScreenResult }
  | { ok: false; error: 'not_found' | 'not_eligible'; result?: ScreenResult };

export async function preRegister(
  deps: ModuleDeps & { actor: AuditActor },
  programId: string,
  input: RegisterInput,
  channel: 'web' | 'proxy' | 'phone',
): Promise<RegisterResult> {
  const eligibility = await loadEligibility(deps.db.kysely, programId);
  const names = await findProgramNames(deps.db.kysely, programId);
  if (!eligibility || !names) return { ok: false, error: 'not_found' };
  const result = screen(eligibility, input);
  if (result.kind === 'not') return { ok: false, error: 'not_eligible', result };
  const now = deps.now();
  const preferredSites = await offeredSiteIds(deps.db.kysely, programId, input.preferredSites, now);
  const statusToken = generateToken(24);
  const identity = registrantIndex(deps.cipher, input);
  const details = {
    zip: input.zip,
    language: input.language,
    call_me: input.callMe ? 1 : 0,
    standby: input.standby === 'yes' ? 1 : 0,
    group_id: result.group.id,
    ...sealNeeds(deps.cipher, { needs: JSON.stringify(input.needs), language_need: input.languageNeed ?? null }),
    max_miles: input.maxMiles,
    preferred_sites: JSON.stringify(preferredSites),
    unavailable: JSON.stringify(input.unavailable),
    status_token_hash: hashToken(statusToken),
    // A new status token: the link derived from the old one (weekly message) stops working with it.
    status_link_hash: null,
    updated_at: now,
  };
  return deps.db.kysely.transaction().execute(async (tx) => {
    const existing = await repo.findRegistrantByIdentity(tx, programId, identity);
    let id = existing?.id ?? randomUUID();
    const sent = await notify(
      deps,
      tx,
      existing?.contact_id
        ? { contactId: existing.contact_id }
        : {
            contact: {
              name: `${input.givenName} ${input.familyName}`,
              locale: input.language,
              ...(input.email ? { email: input.email } : {}),
              ...(input.phone ? { phone: input.phone } : {}),
              // A landline: no texts; an agent calls (the call list) and e-mail still goes out if given.
              ...(input.callMe ? { channels: input.email ? ('email' as const) : ('none' as const) } : {}),
            },
          },
      preregConfirmationTemplate,
      {
        name: input.givenName,
        program: names,
        statusUrl: `${deps.config.publicUrl}/preregister/status/${statusToken}`,
      },
      { idempotencyKey: `prereg:${id}:confirmation:${now}` },
    );
    if (existing) {
      const keep = existing.status === 'opted-out' ? { status: 'waiting' as const } : {};
      await repo.updateRegistrant(tx, existing.id, { ...details, ...keep });
    } else {
      id = id || randomUUID();
      await repo.insertRegistrant(tx, {
        id,
        program_id: programId,
        identity_index: identity,
        given_name_enc: deps.cipher.encrypt(input.givenName, 'prereg.given_name'),
        family_name_enc: deps.cipher.encrypt(input.familyName, 'prereg.family_name'),
        birth_date_enc: deps.cipher.encrypt(input.birthDate, 'prereg.birth_date'),
        birth_date_index: birthDateIndex(deps.cipher, input.birthDate),
        contact_id: sent.contactId,
        channel,
        status: 'waiting',
        next_invite_after: 0,
        registered_at: now,
        ...details,
      });
    }
    await recordAudit(
      tx,
      deps.actor,
      {
        action: existing ? 'preregistration.merged' : 'preregistration.registered',
        subjectType: 'registrant',
        subjectId: id,
        details: { channel, programId },
      },
      now,
    );
    return { ok: true as const, id, statusToken, merged: existing !== undefined, result };
  });
}

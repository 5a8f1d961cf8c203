/**
 * Demo: a second program, "by invitation", with phases (65+ and health workers open, everyone else closed), a few
 * seats over the next days at the first three sites, and 1,000 pre-registrants (encrypted, deduplicated by the same
 * blind index, each with a demo e-mail contact and no messages sent). Staff press "Run matching now" in the console
 * to watch invitations go out. The open program of the appointments demo stays bookable.
 */
import { randomUUID } from 'node:crypto';
import { systemActor } from '../platform/audit/index.js';
import { generateToken, hashToken } from '../platform/crypto/index.js';
import type { ModuleDeps } from '../platform/module.js';
import { addSlot, createContact, createProduct, createProgram, receiveInventory } from './faces.js';
import { addGroup, addPhase, saveSettings, setPhase } from './manage-eligibility.js';
import { birthDateIndex, registrantIndex } from './register.js';
import * as repo from './repository.js';
import { sealNeeds } from './sealed-needs.js';

const PEOPLE = 1000;
const GIVEN = ['Ana', 'Luis', 'Mary', 'John', 'Wei', 'Fatima', 'Carlos', 'Grace', 'Omar', 'Rosa'];
const FAMILY = ['Garcia', 'Smith', 'Nguyen', 'Johnson', 'Lopez', 'Brown', 'Khan', 'Silva', 'Lee', 'Davis'];

export async function seedDemoPreregistration(deps: ModuleDeps): Promise<void> {
  const db = deps.db.kysely;
  if ((await repo.listSettings(db)).length > 0) return;
  const sites = (await repo.listSites(db)).slice(0, 3);
  if (sites.length === 0) return;
  const d = { db: deps.db, now: deps.now, actor: systemActor('seed') };
  const program = await createProgram(
    {
      name: { en: 'Flu vaccine (by invitation)', es: 'Vacuna contra la gripe (por invitación)' },
      description: {
        en: 'Pre-register once; we invite you when a seat is yours.',
        es: 'Preinscríbase una sola vez; le invitaremos cuando haya un lugar para usted.',
      },
      bookingMode: 'invitation',
    },
    d,
  );
  const product = await createProduct(
    { programId: program, name: 'Flu vaccine', doses: 1, minDaysBetweenDoses: 0, minAgeYears: 18 },
    d,
  );
  const now = deps.now();
  for (const site of sites) {
    await receiveInventory(site.id, { productId: product, doses: 50, lot: 'FLU-001', expiresOn: '2027-12-31' }, d);
    for (let i = 0; i < 10; i++)
      await addSlot(
        site.id,
        {
          programId: program,
          startsAt: now + (2 + (i % 5)) * 86_400_000 + i * 900_000,
          durationMinutes: 15,
          capacity: 2,
        },
        d,
      );
  }
  const today = new Date(now).toISOString().slice(0, 10);
  await saveSettings(
    program,
    {
      minAge: 18,
      referenceDate: today,
      zips: [],
      counties: [],
      holdHours: 24,
      horizonDays: 14,
      smsYes: true,
      productId: product,
    },
    d,
  );
  const phase1 = await addPhase(program, { nameEn: 'Phase 1', nameEs: 'Fase 1' }, d);
  const phase2 = await addPhase(program, { nameEn: 'Phase 2', nameEs: 'Fase 2' }, d);
  const older = await addGroup(
    program,
    { phaseId: phase1, nameEn: '65 and older', nameEs: '65 años o más', questionEn: '', questionEs: '', minAge: 65 },
    d,
  );
  const health = await addGroup(
    program,
    {
      phaseId: phase1,
      nameEn: 'Health care workers',
      nameEs: 'Personal de salud',
      questionEn: 'Do you work in health care?',
      questionEs: '¿Trabaja en el cuidado de la salud?',
      minAge: null,
    },
    d,
  );
  const everyone = await addGroup(
    program,
    { phaseId: phase2, nameEn: 'Everyone 18+', nameEs: 'Todos de 18+', questionEn: '', questionEs: '', minAge: null },
    d,
  );
  await setPhase(program, phase1, 'open', d);

  await db.transaction().execute(async (tx) => {
    for (let i = 0; i < PEOPLE; i++) {
      const givenName = GIVEN[i % GIVEN.length] ?? 'Ana';
      const familyName = `${FAMILY[Math.floor(i / GIVEN.length) % FAMILY.length] ?? 'Smith'}-${i}`;
      const year = 1940 + (i % 60);
      const birthDate = `${year}-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 28) + 1).padStart(2, '0')}`;
      const email = `prereg${i}@example.org`;
      const language = i % 3 === 0 ? ('es' as const) : ('en' as const);
      const group = year <= 1960 ? older : i % 5 === 0 ? health : everyone;
      const contactId = await createContact(
        tx,
        deps.cipher,
        { name: `${givenName} ${familyName}`, email, locale: language },
        { now, defaultTimeZone: deps.config.agencyTimeZone },
      );
      await repo.insertRegistrant(tx, {
        id: randomUUID(),
        program_id: program,
        identity_index: registrantIndex(deps.cipher, { givenName, familyName, birthDate, email }),
        given_name_enc: deps.cipher.encrypt(givenName, 'prereg.given_name'),
        family_name_enc: deps.cipher.encrypt(familyName, 'prereg.family_name'),
        birth_date_enc: deps.cipher.encrypt(birthDate, 'prereg.birth_date'),
        birth_date_index: birthDateIndex(deps.cipher, birthDate),
        zip: sites[i % sites.length]?.postal_code ?? '00000',
        contact_id: contactId,
        language,
        channel: i % 10 === 0 ? 'phone' : i % 7 === 0 ? 'proxy' : 'web',
        call_me: 0,
        group_id: group,
        ...sealNeeds(deps.cipher, { needs: '[]', language_need: null }),
        max_miles: 50,
        preferred_sites: '[]',
        unavailable: '[]',
        status: 'waiting',
        next_invite_after: 0,
        // Nobody holds these status links: a demo token each, only its hash kept.
        status_token_hash: hashToken(generateToken(24)),
        registered_at: now - (PEOPLE - i) * 60_000,
        updated_at: now,
      });
    }
  });
}

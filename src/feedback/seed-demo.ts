/**
 * Demo: surveys for the demo's real past visits (appointments' nine months of history, read from the
 * transactions feed like the trigger job does): every visit with a contact was offered one, and about 4 in 10
 * answered — most on the current A-11 form, some on the Likert set, where ease and staff helpfulness drive trust
 * by construction — so the A-11 export's customers served ≥ surveys offered ≥ responses. Also a few weeks of
 * staff pulse answers.
 */
import { randomUUID } from 'node:crypto';
import { DateTime } from 'luxon';
import { listTransactionsSince, type Transaction } from '../appointments/index.js';
import { hashToken, generateToken } from '../platform/crypto/index.js';
import type { ModuleDeps } from '../platform/module.js';
import { listSites } from '../sites/index.js';
import { A11_DRIVERS, encodeDrivers, type A11Driver } from './drivers.js';
import { localDate } from './links.js';
import { pulsePeriod } from './pulse.js';
import * as repo from './repository.js';
import { sealPulseText, sealResponseText } from './sealed-text.js';
import { seededRandom } from './statistics.js';

/** How far back the demo's surveys go (appointments' history covers it). */
const DAYS = 270;
const ANSWER_RATE = 0.42;
const COMMENTS_EN = [
  'The wait was short.',
  'Parking was hard to find.',
  'Staff explained everything.',
  'The form was confusing.',
];
const COMMENTS_ES = [
  'La espera fue corta.',
  'Fue difícil estacionar.',
  'El personal explicó todo.',
  'El formulario era confuso.',
];

const clamp = (v: number) => Math.min(5, Math.max(1, Math.round(v)));

/** Visits (check-ins and doses given) since an instant, oldest first. */
async function pastVisits(deps: ModuleDeps, since: number, until: number): Promise<Transaction[]> {
  const out: Transaction[] = [];
  let cursor = { since, afterId: '' };
  for (;;) {
    const page = await listTransactionsSince(deps.db.kysely, {
      ...cursor,
      until,
      kinds: ['checked-in', 'administered'],
      limit: 1000,
    });
    out.push(...page);
    const last = page.at(-1);
    if (!last || page.length < 1000) return out;
    cursor = { since: last.at, afterId: last.bookingId };
  }
}

export async function seedDemoFeedback(deps: ModuleDeps): Promise<void> {
  const db = deps.db.kysely;
  if (await db.selectFrom('feedback_responses').select('id').limit(1).executeTakeFirst()) return;
  const sites = await listSites(db);
  if (sites.length === 0) return;
  const random = seededRandom(42);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] ?? (list[0] as T); // list is non-empty
  const now = deps.now();
  const zone = deps.config.agencyTimeZone;
  const today = DateTime.fromMillis(now, { zone });
  const visits = await pastVisits(deps, today.minus({ days: DAYS }).toMillis(), today.startOf('day').toMillis());
  await db.transaction().execute(async (tx) => {
    for (const visit of visits) {
      // The trigger job offers a survey only to someone it can reach.
      if (visit.contactId === null) continue;
      const siteIndex = Math.max(
        0,
        sites.findIndex((s) => s.id === visit.siteId),
      );
      const { language, channel } = visit;
      const likert = random() < 0.3;
      const answered = random() < ANSWER_RATE;
      const context = {
        program_id: visit.programId,
        site_id: visit.siteId,
        channel,
        language,
        transaction_date: localDate(visit.at, zone),
      };
      await repo.insertInvitation(tx, {
        id: randomUUID(),
        token_hash: hashToken(generateToken()),
        trigger_key: `visit:${visit.bookingId}`,
        origin: 'visit',
        status: 'offered',
        form: likert ? 'likert' : 'a11',
        answered: answered ? 1 : 0,
        expires_at: now,
        created_at: now,
        ...context,
      });
      if (!answered) continue;
      // A site's "quality" and the phone channel's easier booking shift the answers a little.
      const quality = (siteIndex % 3) * 0.3 + (channel === 'phone' ? 0.2 : 0);
      const ease = clamp(2.6 + quality + random() * 2.4);
      const employee = clamp(2.8 + random() * 2.4);
      const trust = clamp(0.55 * ease + 0.35 * employee + (random() - 0.5) * 1.2 + 0.4);
      const wentWell: A11Driver[] = [];
      const notWell: A11Driver[] = [];
      if (!likert)
        for (const d of A11_DRIVERS) {
          const r = random();
          const lean = d === 'ease' ? ease : d === 'employee' ? employee : trust;
          if (r < 0.12 * lean) wentWell.push(d);
          else if (r > 1 - 0.12 * (6 - lean)) notWell.push(d);
        }
      const comment = random() < 0.35 ? pick(language === 'es' ? COMMENTS_ES : COMMENTS_EN) : null;
      await repo.insertResponse(tx, {
        id: randomUUID(),
        form: likert ? 'likert' : 'a11',
        origin: 'visit',
        ...context,
        trust,
        satisfaction: likert ? clamp(trust + (random() - 0.5)) : null,
        effectiveness: likert ? clamp(3 + random() * 2) : null,
        ease: likert ? ease : null,
        efficiency: likert ? clamp(2.5 + random() * 2.5) : null,
        equity: likert ? clamp(3.5 + random() * 1.5) : null,
        employee: likert ? employee : null,
        went_well: encodeDrivers(wentWell),
        not_well: encodeDrivers(notWell),
        ...sealResponseText(deps.cipher, { comment, comment_well: null, custom_answers: '{}' }),
      });
    }
    const roles = ['site-staff', 'site-staff', 'call-agent', 'site-manager'] as const;
    for (let w = 1; w <= 6; w++) {
      const period = pulsePeriod(today.minus({ weeks: w }).toMillis(), deps.config.agencyTimeZone) ?? '';
      for (let i = 0; i < 14; i++)
        await repo.insertPulseResponse(tx, {
          id: randomUUID(),
          period,
          role_group: pick(roles),
          workload: clamp(2 + random() * 3),
          tools: clamp(2.5 + random() * 2.5),
          ...sealPulseText(deps.cipher, {
            help_text: random() < 0.3 ? 'More staff on Saturdays' : null,
            custom_answers: '{}',
          }),
        });
    }
  });
}

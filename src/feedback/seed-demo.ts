/**
 * Demo: a few hundred synthetic survey responses over the last nine months across sites, channels and languages
 * (most on the current A-11 form, some on the Likert set, where ease and staff helpfulness drive trust by
 * construction), the offers behind them, and a few weeks of staff pulse answers.
 */
import { randomUUID } from 'node:crypto';
import { DateTime } from 'luxon';
import { listProgramNames } from '../appointments/index.js';
import { hashToken, generateToken } from '../platform/crypto/index.js';
import type { ModuleDeps } from '../platform/module.js';
import { listSites } from '../sites/index.js';
import { A11_DRIVERS, encodeDrivers, type A11Driver } from './drivers.js';
import { pulsePeriod } from './pulse.js';
import * as repo from './repository.js';
import { seededRandom } from './statistics.js';

const RESPONSES = 480;
const CHANNELS = ['web', 'web', 'web', 'phone', 'phone', 'api'] as const;
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

export async function seedDemoFeedback(deps: ModuleDeps): Promise<void> {
  const db = deps.db.kysely;
  if (await db.selectFrom('feedback_responses').select('id').limit(1).executeTakeFirst()) return;
  const programs = await listProgramNames(db);
  const sites = await listSites(db);
  const program = programs[0];
  if (!program || sites.length === 0) return;
  const random = seededRandom(42);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] ?? (list[0] as T); // list is non-empty
  const now = deps.now();
  const today = DateTime.fromMillis(now, { zone: deps.config.agencyTimeZone });
  await db.transaction().execute(async (tx) => {
    for (let i = 0; i < RESPONSES; i++) {
      const date = today.minus({ days: Math.floor(random() * 270) + 1 }).toISODate() ?? '';
      const siteIndex = i % sites.length;
      const site = sites[siteIndex];
      const language = random() < 0.35 ? 'es' : 'en';
      const channel = pick(CHANNELS);
      const likert = random() < 0.3;
      // A site's "quality" and the phone channel's easier booking shift the answers a little.
      const quality = (siteIndex % 3) * 0.3 + (channel === 'phone' ? 0.2 : 0);
      const ease = clamp(2.6 + quality + random() * 2.4);
      const employee = clamp(2.8 + random() * 2.4);
      const context = {
        program_id: program.id,
        site_id: site?.id ?? null,
        channel,
        language,
        transaction_date: date,
      };
      for (const answered of [1, 0]) {
        await repo.insertInvitation(tx, {
          id: randomUUID(),
          token_hash: hashToken(generateToken()),
          trigger_key: null,
          origin: 'visit',
          status: 'offered',
          form: likert ? 'likert' : 'a11',
          answered,
          expires_at: now,
          created_at: now,
          ...context,
        });
      }
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
        comment,
        comment_well: null,
        custom_answers: '{}',
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
          help_text: random() < 0.3 ? 'More staff on Saturdays' : null,
          custom_answers: '{}',
        });
    }
  });
}

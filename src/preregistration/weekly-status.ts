/**
 * The weekly status message to everyone still waiting: their group, whether its phase is open and how many in their
 * group were invited in the last seven days — facts only, never an estimated date. Non-transactional: it carries
 * the preferences link, and each person gets it once a week (idempotency key per week). Its status link opens the
 * person's own status page with a token derived from a server key (status-link.ts).
 */
import type { ModuleDeps } from '../platform/module.js';
import { notify } from '../notifications/index.js';
import * as repo from './repository.js';
import { statusLinkToken } from './status-link.js';
import { preregStatusTemplate } from './templates.js';

const WEEK = 7 * 86_400_000;

export async function sendWeeklyStatus(deps: ModuleDeps): Promise<number> {
  const db = deps.db.kysely;
  const now = deps.now();
  const week = Math.floor(now / WEEK);
  const groups = new Map<
    string,
    { group: repo.GroupRow; open: boolean; invited: number; program: { en: string; es: string } }
  >();
  let after = '';
  let sent = 0;
  for (;;) {
    const page = await repo.listForStatus(db, after, 1000);
    const hashes = new Map(
      (
        await repo.listStatusHashes(
          db,
          page.map((r) => r.id),
        )
      ).map((h) => [h.id, h]),
    );
    for (const r of page) {
      let g = groups.get(r.group_id);
      if (!g) {
        const group = (await repo.listGroups(db, r.program_id)).find((x) => x.id === r.group_id);
        const phase = (await repo.listPhases(db, r.program_id)).find((x) => x.id === group?.phase_id);
        const program = await repo.findProgram(db, r.program_id);
        if (!group || !phase || !program) continue;
        g = {
          group,
          open: phase.status === 'open',
          invited: await repo.countGroupInvitedSince(db, group.id, now - WEEK),
          program: { en: program.name_en, es: program.name_es },
        };
        groups.set(r.group_id, g);
      }
      const h = hashes.get(r.id);
      if (!r.contact_id || !h) continue;
      const token = await statusLinkToken(db, deps.cipher, h);
      await notify(
        deps,
        db,
        { contactId: r.contact_id },
        preregStatusTemplate,
        {
          name: deps.cipher.decrypt(r.given_name_enc, 'prereg.given_name'),
          program: g.program,
          group: { en: g.group.name_en, es: g.group.name_es },
          phaseOpen: g.open,
          invitedThisWeek: g.invited,
          statusUrl: `${deps.config.publicUrl}/preregister/status/${token}`,
        },
        { idempotencyKey: `prereg:${r.id}:status:${week}` },
      );
      sent++;
    }
    const last = page.at(-1);
    if (!last || page.length < 1000) break;
    after = last.id;
  }
  return sent;
}

/** Add or edit a schedule template of a site (slots are created only when the schedule is published). */
import { randomUUID } from 'node:crypto';
import { recordAudit, type AuditActor } from '../../platform/audit/index.js';
import type { Db } from '../../platform/db/index.js';
import { findProgram } from '../repository.js';
import * as repo from './repository.js';
import { formatBreaks, type TemplateInput } from './schema.js';

type Deps = { db: Db; now: () => number; actor: AuditActor };
export type SaveTemplateResult = { ok: true; id: string } | { ok: false; error: 'not_found' | 'no_program' };

const columns = (t: TemplateInput, now: number) => ({
  program_id: t.programId,
  name: t.name,
  weekdays: t.weekdays.join(','),
  opens: t.opens,
  closes: t.closes,
  breaks: formatBreaks(t.breaks),
  slot_minutes: t.slotMinutes,
  capacity: t.capacity,
  valid_from: t.validFrom,
  valid_to: t.validTo,
  updated_at: now,
});

/** Save a template: a new one when `templateId` is absent. Audited with the fields given. */
export async function saveTemplate(
  siteId: string,
  templateId: string | undefined,
  input: TemplateInput,
  deps: Deps,
): Promise<SaveTemplateResult> {
  if (!(await findProgram(deps.db.kysely, input.programId))) return { ok: false, error: 'no_program' };
  const now = deps.now();
  const id = templateId ?? randomUUID();
  const saved = await deps.db.kysely.transaction().execute(async (tx) => {
    if (templateId) {
      if (!(await repo.updateTemplate(tx, siteId, templateId, columns(input, now)))) return false;
    } else {
      await repo.insertTemplate(tx, { id, site_id: siteId, created_at: now, ...columns(input, now) });
    }
    await recordAudit(
      tx,
      deps.actor,
      {
        action: templateId ? 'appointments.schedule-template.updated' : 'appointments.schedule-template.created',
        subjectType: 'schedule-template',
        subjectId: id,
        details: { siteId, ...columns(input, now), updated_at: undefined },
      },
      now,
    );
    return true;
  });
  return saved ? { ok: true, id } : { ok: false, error: 'not_found' };
}

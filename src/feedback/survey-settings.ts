/** Each program's survey settings (form, trust wording, triggers) and staff's custom questions; changes audited. */
import { randomUUID } from 'node:crypto';
import { recordAudit, type AuditActor } from '../platform/audit/index.js';
import type { Db, Queryable } from '../platform/db/index.js';
import type { SurveyForm, SurveyOrigin } from './drivers.js';
import * as repo from './repository.js';
import type { QuestionEditInput, QuestionInput, SettingsInput } from './schema.js';

type Deps = { db: Db; now: () => number; actor: AuditActor };

/** A program's settings as the survey sees them (defaults when none were saved: current form, every trigger on). */
export interface SurveySettings {
  programId: string;
  form: SurveyForm;
  trustWording: { en: string | null; es: string | null };
  triggers: Record<SurveyOrigin, boolean>;
}

export function settingsFromRow(programId: string, row: repo.SettingsRow | undefined): SurveySettings {
  return {
    programId,
    form: row?.form ?? 'a11',
    trustWording: { en: row?.trust_wording_en ?? null, es: row?.trust_wording_es ?? null },
    triggers: {
      visit: (row?.trigger_visit ?? 1) === 1,
      cancellation: (row?.trigger_cancellation ?? 1) === 1,
      booking: (row?.trigger_booking ?? 1) === 1,
    },
  };
}

export async function loadSettings(db: Queryable, programId: string): Promise<SurveySettings> {
  return settingsFromRow(programId, await repo.findSettings(db, programId));
}

export async function saveSettings(programId: string, input: SettingsInput, deps: Deps): Promise<void> {
  const now = deps.now();
  await deps.db.kysely.transaction().execute(async (tx) => {
    await repo.upsertSettings(tx, {
      program_id: programId,
      form: input.form,
      trust_wording_en: input.trustWordingEn,
      trust_wording_es: input.trustWordingEs,
      trigger_visit: input.triggerVisit ? 1 : 0,
      trigger_cancellation: input.triggerCancellation ? 1 : 0,
      trigger_booking: input.triggerBooking ? 1 : 0,
      updated_at: now,
    });
    await recordAudit(
      tx,
      deps.actor,
      {
        action: 'feedback.settings.updated',
        subjectType: 'program',
        subjectId: programId,
        details: {
          form: input.form,
          triggers: {
            visit: input.triggerVisit,
            cancellation: input.triggerCancellation,
            booking: input.triggerBooking,
          },
        },
      },
      now,
    );
  });
}

/** Add a question to residents' surveys (a program's, or every program's) or to the staff pulse. */
export async function addQuestion(
  input: QuestionInput & { audience: repo.QuestionAudience },
  deps: Deps,
): Promise<string> {
  const id = randomUUID();
  const now = deps.now();
  await deps.db.kysely.transaction().execute(async (tx) => {
    await repo.insertQuestion(tx, {
      id,
      program_id: input.audience === 'staff' ? null : input.programId,
      audience: input.audience,
      kind: input.kind,
      prompt_en: input.promptEn,
      prompt_es: input.promptEs,
      active: 1,
      created_at: now,
    });
    await recordAudit(
      tx,
      deps.actor,
      {
        action: 'feedback.question.added',
        subjectType: 'question',
        subjectId: id,
        details: { audience: input.audience },
      },
      now,
    );
  });
  return id;
}

/** Stop (or resume) asking a custom question; its past answers stay. */
export async function setQuestionActive(id: string, active: boolean, deps: Deps): Promise<boolean> {
  const now = deps.now();
  return deps.db.kysely.transaction().execute(async (tx) => {
    if (!(await repo.setQuestionActive(tx, id, active))) return false;
    await recordAudit(
      tx,
      deps.actor,
      {
        action: active ? 'feedback.question.resumed' : 'feedback.question.retired',
        subjectType: 'question',
        subjectId: id,
      },
      now,
    );
    return true;
  });
}

/** Change a question's wording; false when there is no such question. */
export async function editQuestion(id: string, input: QuestionEditInput, deps: Deps): Promise<boolean> {
  const now = deps.now();
  return deps.db.kysely.transaction().execute(async (tx) => {
    const q = await repo.findQuestion(tx, id);
    if (!q) return false;
    await repo.updateQuestionPrompts(tx, id, {
      prompt_en: input.promptEn,
      prompt_es: input.promptEs,
    });
    await recordAudit(
      tx,
      deps.actor,
      {
        action: 'feedback.question.edited',
        subjectType: 'question',
        subjectId: id,
        details: { before: { en: q.prompt_en, es: q.prompt_es } },
      },
      now,
    );
    return true;
  });
}

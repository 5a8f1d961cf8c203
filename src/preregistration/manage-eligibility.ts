/**
 * Staff define eligibility per program (no code): settings (age on a reference date, residence lists, hold window,
 * whether an SMS "YES" accepts), phases they open and close, priority groups with questions in English and Spanish,
 * and the ZIP equity weights (CSV). Every change is audited in its transaction.
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { recordAudit, type AuditActor } from '../platform/audit/index.js';
import type { Db, Queryable } from '../platform/db/index.js';
import { parseCsv, type RowProblem } from '../platform/csv/index.js';
import { calendarDateSchema } from '../platform/input/index.js';
import type { Eligibility } from './eligibility.js';
import * as repo from './repository.js';

type Deps = { db: Db; now: () => number; actor: AuditActor };

/** A program's eligibility, or null when pre-registration is not set up for it. */
export async function loadEligibility(db: Queryable, programId: string): Promise<Eligibility | null> {
  const settings = await repo.findSettings(db, programId);
  if (!settings) return null;
  return { settings, phases: await repo.listPhases(db, programId), groups: await repo.listGroups(db, programId) };
}

const lines = z
  .string()
  .optional()
  .transform((v) =>
    (v ?? '')
      .split(/[\n,]/)
      .map((x) => x.trim())
      .filter((x) => x !== ''),
  );
export const SettingsSchema = z.object({
  minAge: z.coerce
    .number({ error: 'staff.error.minAge' })
    .int({ error: 'staff.error.minAge' })
    .min(0, { error: 'staff.error.minAge' })
    .max(120, { error: 'staff.error.minAge' }),
  referenceDate: calendarDateSchema('staff.error.referenceDate'),
  zips: lines.pipe(z.array(z.string().regex(/^\d{5}$/, { error: 'staff.error.zips' }))),
  counties: lines,
  holdHours: z.coerce
    .number({ error: 'staff.error.holdHours' })
    .int({ error: 'staff.error.holdHours' })
    .min(1, { error: 'staff.error.holdHours' })
    .max(168, { error: 'staff.error.holdHours' }),
  horizonDays: z.coerce
    .number({ error: 'staff.error.horizonDays' })
    .int({ error: 'staff.error.horizonDays' })
    .min(1, { error: 'staff.error.horizonDays' })
    .max(90, { error: 'staff.error.horizonDays' }),
  smsYes: z
    .string()
    .optional()
    .transform((v) => v === 'yes'),
  productId: z.string().optional(),
});
export type SettingsInput = z.infer<typeof SettingsSchema>;

async function audit(tx: Queryable, deps: Deps, action: string, programId: string, details?: Record<string, unknown>) {
  await recordAudit(
    tx,
    deps.actor,
    { action, subjectType: 'program', subjectId: programId, ...(details ? { details } : {}) },
    deps.now(),
  );
}

export async function saveSettings(programId: string, input: SettingsInput, deps: Deps): Promise<void> {
  const products = await repo.listProducts(deps.db.kysely, programId);
  const productId = products.find((p) => p.id === input.productId)?.id ?? products[0]?.id ?? null;
  await deps.db.kysely.transaction().execute(async (tx) => {
    await repo.upsertSettings(tx, {
      program_id: programId,
      product_id: productId,
      min_age: input.minAge,
      reference_date: input.referenceDate,
      zips: JSON.stringify(input.zips),
      counties: JSON.stringify(input.counties),
      hold_hours: input.holdHours,
      sms_yes: input.smsYes ? 1 : 0,
      horizon_days: input.horizonDays,
      updated_at: deps.now(),
    });
    await audit(tx, deps, 'preregistration.settings.saved', programId);
  });
}

export const PhaseSchema = z.object({
  nameEn: z.string({ error: 'staff.error.name' }).trim().min(1, { error: 'staff.error.name' }).max(120),
  nameEs: z.string({ error: 'staff.error.name' }).trim().min(1, { error: 'staff.error.name' }).max(120),
});
export async function addPhase(programId: string, input: z.infer<typeof PhaseSchema>, deps: Deps): Promise<string> {
  const id = randomUUID();
  await deps.db.kysely.transaction().execute(async (tx) => {
    const n = (await repo.listPhases(tx, programId)).length;
    await repo.insertPhase(tx, {
      id,
      program_id: programId,
      position: n + 1,
      name_en: input.nameEn,
      name_es: input.nameEs,
      status: 'closed',
      updated_at: deps.now(),
    });
    await audit(tx, deps, 'preregistration.phase.added', programId, { phaseId: id });
  });
  return id;
}

/** Open or close a phase: a closed phase's people get no new invitations (live ones stand). */
export async function setPhase(programId: string, phaseId: string, status: 'open' | 'closed', deps: Deps) {
  return deps.db.kysely.transaction().execute(async (tx) => {
    const ok = await repo.setPhaseStatus(tx, phaseId, status, deps.now());
    if (ok)
      await audit(tx, deps, `preregistration.phase.${status === 'open' ? 'opened' : 'closed'}`, programId, { phaseId });
    return ok;
  });
}

export const GroupSchema = z
  .object({
    phaseId: z.string({ error: 'staff.error.phase' }).min(1, { error: 'staff.error.phase' }),
    nameEn: z.string({ error: 'staff.error.name' }).trim().min(1, { error: 'staff.error.name' }).max(120),
    nameEs: z.string({ error: 'staff.error.name' }).trim().min(1, { error: 'staff.error.name' }).max(120),
    questionEn: z.string().trim().max(300).default(''),
    questionEs: z.string().trim().max(300).default(''),
    minAge: z
      .string()
      .optional()
      .transform((v) => (v === undefined || v.trim() === '' ? null : Number(v)))
      .pipe(
        z
          .number({ error: 'staff.error.minAge' })
          .int({ error: 'staff.error.minAge' })
          .min(0, { error: 'staff.error.minAge' })
          .max(120, { error: 'staff.error.minAge' })
          .nullable(),
      ),
  })
  .refine((g) => (g.questionEn === '') === (g.questionEs === ''), {
    error: 'staff.error.question',
    path: ['questionEs'],
  });
export async function addGroup(programId: string, input: z.infer<typeof GroupSchema>, deps: Deps): Promise<string> {
  const id = randomUUID();
  await deps.db.kysely.transaction().execute(async (tx) => {
    const n = (await repo.listGroups(tx, programId)).length;
    await repo.insertGroup(tx, {
      id,
      program_id: programId,
      phase_id: input.phaseId,
      position: n + 1,
      name_en: input.nameEn,
      name_es: input.nameEs,
      question_en: input.questionEn,
      question_es: input.questionEs,
      min_age: input.minAge,
    });
    await audit(tx, deps, 'preregistration.group.added', programId, { groupId: id });
  });
  return id;
}

const WeightRow = z.object({
  zip: z.string().regex(/^\d{5}$/),
  weight: z.coerce.number().min(0).max(1000),
});

/**
 * Replace the ZIP → weight table from CSV (`zip,weight` with a header; other columns are ignored): all or nothing,
 * with the problems by line and column (a ZIP given twice is one, code `duplicate_zip`).
 */
export async function uploadZipWeights(
  programId: string,
  csv: string,
  deps: Deps,
): Promise<{ ok: true; count: number } | { ok: false; problems: RowProblem[] }> {
  const parsed = parseCsv(csv, WeightRow, { maxRows: 50_000 });
  if (!parsed.ok) return { ok: false, problems: parsed.problems };
  const rows = parsed.rows;
  const seen = new Set<string>();
  const duplicates: RowProblem[] = [];
  rows.forEach((r, i) => {
    if (seen.has(r.zip))
      duplicates.push({ line: i + 2, field: 'zip', problem: 'ZIP given twice', code: 'duplicate_zip' });
    seen.add(r.zip);
  });
  if (duplicates.length > 0) return { ok: false, problems: duplicates };
  await deps.db.kysely.transaction().execute(async (tx) => {
    await repo.replaceZipWeights(tx, programId, rows);
    await audit(tx, deps, 'preregistration.weights.uploaded', programId, { count: rows.length });
  });
  return { ok: true, count: rows.length };
}

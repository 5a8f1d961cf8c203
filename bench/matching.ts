/**
 * npm run bench:matching — one matching run over 1,000,000 synthetic pre-registrants and 100,000 seats across 50
 * sites, on SQLite (or PostgreSQL when BENCH_DATABASE_URL is set). Every invitation holds its seat and its message
 * goes to the outbox (nothing is sent inline): the run queues one job per batch that composes its messages, and the
 * benchmark then times one in-process worker draining those jobs (messagesComposedSeconds), separately. The population is seeded first; the run itself happens in a fresh
 * child process, so its peak RSS is the run's own (not the seeding's). Prints the run's wall time, its CPU time and
 * the child's peak RSS; the targets are ≤ 30 s and ≤ 1 GiB. BENCH_PEOPLE / BENCH_SITES / BENCH_SLOTS /
 * BENCH_CAPACITY scale it down for a quick look.
 */
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config/env.js';
import { systemActor } from '../src/platform/audit/index.js';
import {
  addGroup,
  addPhase,
  runMatching,
  saveSettings,
  SEND_INVITATION_MESSAGES,
  setPhase,
} from '../src/preregistration/index.js';
import { addSlot, createProduct, createProgram, receiveInventory } from '../src/appointments/index.js';
import { createContact } from '../src/notifications/index.js';

const PEOPLE = Number(process.env.BENCH_PEOPLE ?? 1_000_000);
const SITES = Number(process.env.BENCH_SITES ?? 50);
const SLOTS = Number(process.env.BENCH_SLOTS ?? 200);
const CAPACITY = Number(process.env.BENCH_CAPACITY ?? 10);
const ZIPS = ['02108', '02109', '02110', '02111', '02113', '02114', '02115', '02116', '02118', '02119'];

function appEnv(dir: string): Record<string, string> {
  const env: Record<string, string> = { DATA_DIR: dir, LOG_LEVEL: 'silent', SEED_DEMO: 'false', RUN_JOBS: 'false' };
  if (process.env.BENCH_DATABASE_URL) env.DATABASE_URL = process.env.BENCH_DATABASE_URL;
  return env;
}

/** The child: one matching run over the seeded data, measured alone. */
async function run(dir: string, program: string): Promise<void> {
  const built = await buildApp(loadConfig(appEnv(dir)));
  const deps = built.deps;
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const r = await runMatching(deps, { programId: program, trigger: 'bench' });
  const seconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const rss = process.resourceUsage().maxRSS;
  // Then the outbox: one in-process worker composes every invitation message (what job processes do after a run).
  const t1 = performance.now();
  await built.runner.drain([SEND_INVITATION_MESSAGES]);
  const composeSeconds = (performance.now() - t1) / 1000;
  const outbox = await deps.db.kysely
    .selectFrom('messages')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('type', '=', 'preregistration.invitation')
    .executeTakeFirstOrThrow();
  console.log(
    JSON.stringify({
      candidates: r.candidates,
      invited: r.invited,
      outboxMessages: Number(outbox.n),
      seconds: Number(seconds.toFixed(1)),
      cpuSeconds: Number(((cpu.user + cpu.system) / 1e6).toFixed(1)),
      peakRssMiB: Math.round(rss / 1024),
      messagesComposedSeconds: Number(composeSeconds.toFixed(1)),
      peakRssWithMessagesMiB: Math.round(process.resourceUsage().maxRSS / 1024),
    }),
  );
  await built.close();
}

async function main(): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), 'frontdoor-bench-'));
  const built = await buildApp(loadConfig(appEnv(dir)));
  const deps = { ...built.deps, actor: systemActor('bench') };
  const db = deps.db.kysely;
  const now = Date.now();
  console.log(`seeding ${PEOPLE} pre-registrants, ${SITES} sites × ${SLOTS} slots × ${CAPACITY} seats…`);

  const program = await createProgram({ name: 'Bench', bookingMode: 'invitation' }, deps);
  const product = await createProduct(
    { programId: program, name: 'Single', doses: 1, minDaysBetweenDoses: 0, minAgeYears: 0 },
    deps,
  );
  for (let s = 0; s < SITES; s++) {
    const id = randomUUID();
    await db
      .insertInto('sites')
      .values({
        id,
        name: `Bench site ${s}`,
        address: `${s} Main Street, Boston`,
        postal_code: ZIPS[s % ZIPS.length] ?? '02108',
        time_zone: 'America/New_York',
        phone: null,
        latitude: null,
        longitude: null,
        accessibility: JSON.stringify(s % 2 ? ['wheelchair'] : []),
        languages: JSON.stringify(s % 3 ? ['en', 'es'] : ['en']),
        walk_ins: 0,
        vtrcks_pin: null,
        status: 'active',
        created_at: now,
        updated_at: now,
      })
      .execute();
    await receiveInventory(
      id,
      { productId: product, doses: SLOTS * CAPACITY, lot: 'B', expiresOn: '2099-01-01' },
      deps,
    );
    for (let i = 0; i < SLOTS; i++)
      await addSlot(
        id,
        { programId: program, startsAt: now + 86_400_000 + i * 900_000, durationMinutes: 15, capacity: CAPACITY },
        deps,
      );
  }
  await saveSettings(
    program,
    {
      minAge: 0,
      referenceDate: '2030-01-01',
      zips: [],
      counties: [],
      holdHours: 24,
      horizonDays: 14,
      smsYes: false,
      productId: product,
    },
    deps,
  );
  const phase = await addPhase(program, { nameEn: 'Phase 1', nameEs: 'Fase 1' }, deps);
  const groups = [
    await addGroup(
      program,
      { phaseId: phase, nameEn: 'A', nameEs: 'A', questionEn: '', questionEs: '', minAge: null },
      deps,
    ),
    await addGroup(
      program,
      { phaseId: phase, nameEn: 'B', nameEs: 'B', questionEn: '', questionEs: '', minAge: null },
      deps,
    ),
  ];
  await setPhase(program, phase, 'open', deps);
  // A pool of contacts (bench only: many registrants share one; each invitation still writes its own messages).
  const contacts: string[] = [];
  for (let i = 0; i < 1000; i++)
    contacts.push(
      await createContact(
        db,
        deps.cipher,
        { email: `bench${i}@example.com`, locale: i % 2 ? 'es' : 'en' },
        { now, defaultTimeZone: 'America/New_York' },
      ),
    );
  const name = deps.cipher.encrypt('Bench', 'prereg.given_name');
  const family = deps.cipher.encrypt('Person', 'prereg.family_name');
  const birth = deps.cipher.encrypt('1970-01-01', 'prereg.birth_date');
  const noNeeds = deps.cipher.encrypt('[]', 'prereg_registrants.needs');
  const wheelchair = deps.cipher.encrypt('["wheelchair"]', 'prereg_registrants.needs');
  const batch = 1000;
  for (let i = 0; i < PEOPLE; i += batch) {
    const rows = [];
    for (let j = i; j < Math.min(PEOPLE, i + batch); j++)
      rows.push({
        id: randomUUID(),
        program_id: program,
        identity_index: `bench-${j}`,
        given_name_enc: name,
        family_name_enc: family,
        birth_date_enc: birth,
        birth_date_index: 'x',
        zip: ZIPS[j % ZIPS.length] ?? '02108',
        contact_id: contacts[j % contacts.length] ?? null,
        language: j % 2 ? ('es' as const) : ('en' as const),
        channel: 'web' as const,
        call_me: 0,
        group_id: groups[j % 2] ?? '',
        needs_enc: j % 10 === 0 ? wheelchair : noNeeds,
        language_need_enc: null,
        max_miles: 25,
        preferred_sites: '[]',
        unavailable: j % 7 === 0 ? '["weekend"]' : '[]',
        status: 'waiting' as const,
        next_invite_after: 0,
        status_token_hash: `bench-${j}`,
        registered_at: now - PEOPLE + j,
        updated_at: now,
      });
    await db.insertInto('prereg_registrants').values(rows).execute();
  }

  const engine = deps.db.dialect;
  await built.close();

  console.log('matching (in a fresh process)…');
  // BENCH_NODE_ARGS (e.g. "--cpu-prof") are given to the measured process, for profiling.
  const nodeArgs = (process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child = spawnSync(process.execPath, [...nodeArgs, '--import', 'tsx', fileURLToPath(import.meta.url)], {
    env: { ...process.env, BENCH_RUN_DIR: dir, BENCH_RUN_PROGRAM: program },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const line = child.stdout.trim().split('\n').at(-1) ?? '';
  if (child.status !== 0 || !line.startsWith('{')) throw new Error(`matching run failed: ${child.stdout}`);
  console.log(
    JSON.stringify({
      engine,
      people: PEOPLE,
      seats: SITES * SLOTS * CAPACITY,
      ...(JSON.parse(line) as object),
      targets: { seconds: 30, peakRssMiB: 1024 },
    }),
  );
  if (process.env.BENCH_KEEP_DIR) console.log(dir);
  else rmSync(dir, { recursive: true, force: true });
}

if (process.env.BENCH_RUN_DIR && process.env.BENCH_RUN_PROGRAM)
  await run(process.env.BENCH_RUN_DIR, process.env.BENCH_RUN_PROGRAM);
else await main();

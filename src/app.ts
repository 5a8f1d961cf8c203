/**
 * The composition root: opens the database, runs migrations, builds the HTTP server and registers every
 * module through its face. `main.ts` and tests call `buildApp`; `worker.ts` calls `buildWorker`.
 */
import type { FastifyInstance, RouteOptions } from 'fastify';
import pino, { type DestinationStream } from 'pino';
import type { Config } from './config/env.js';
import { createFieldCipher, parseKeyring } from './platform/crypto/index.js';
import { openDatabase, runMigrations, type Db } from './platform/db/index.js';
import { registerOpenApi, type ApiPaths } from './platform/http/openapi.js';
import { housekeepingModule } from './platform/housekeeping.js';
import { createHttpServer } from './platform/http/server.js';
import { collectQueueDepth, createJobRunner, type JobRunner } from './platform/jobs/index.js';
import { loggerOptions } from './platform/logging/index.js';
import { createMailer } from './platform/mail/index.js';
import { createMetrics } from './platform/metrics/index.js';
import type { FrontdoorModule, ModuleDeps } from './platform/module.js';
import { createHomeModule } from './home/index.js';
import { createStaffModule } from './staff/index.js';
import { sitesModule } from './sites/index.js';
import { createNotificationsModule } from './notifications/index.js';
import { createAppointmentsModule, scheduleConsoleModule } from './appointments/index.js';
import { fhirPublisherModule } from './public-api/index.js';
import { createPreregistrationModule } from './preregistration/index.js';
import { feedbackModule, surveyInvitationAfterBooking } from './feedback/index.js';
import { createWaitingRoomModule } from './waiting-room/index.js';
import { createPrivacyModule } from './privacy/index.js';
import path from 'node:path';

export interface BuildOptions {
  /** Run the job runner inside this process (default: the configuration's RUN_JOBS). */
  runJobs?: boolean;
  now?: () => number;
  print?: (text: string) => void;
  /** Use an already-open database (tests); otherwise the configuration's. */
  db?: Db;
  /**
   * Seed demo data into an empty database (default: SEED_DEMO for web processes, off for job processes). With
   * WEB_CONCURRENCY the primary seeds once before forking, and the web processes do not.
   */
  seed?: boolean;
  /** Where log lines go (tests read them); standard output otherwise. */
  logStream?: DestinationStream;
  /** Told of every route as it is registered (the route × role × site test enumerates the app's routes). */
  onRoute?: (route: RouteOptions) => void;
}

export interface BuiltApp {
  app: FastifyInstance;
  deps: ModuleDeps;
  /** The job runner: started when jobs run in this process; tests call `drain()` on it. */
  runner: JobRunner;
  /** Stop taking requests, finish in-flight ones and running jobs, close the database. */
  close(): Promise<void>;
}

/** Every module, in the order their routes and seeds run. The home page is last: it lists the others' tasks. */
export function modules(): FrontdoorModule[] {
  const all: FrontdoorModule[] = [];
  const notifications = createNotificationsModule({
    templates: () => all.flatMap((m) => m.messageTemplates ?? []),
    inboundHandlers: () => all.flatMap((m) => m.inboundSms ?? []),
  });
  const domain: FrontdoorModule[] = [
    createStaffModule(),
    sitesModule,
    notifications,
    createAppointmentsModule({ confirmationExtras: [surveyInvitationAfterBooking] }),
    scheduleConsoleModule,
    createPreregistrationModule(),
    feedbackModule,
    createWaitingRoomModule(),
    createPrivacyModule({ sources: () => all.flatMap((m) => (m.personalData ? [m.personalData] : [])) }),
  ];
  all.push(housekeepingModule, ...domain, fhirPublisherModule, createHomeModule(domain));
  return all;
}

async function createDeps(config: Config, o: BuildOptions, mods: FrontdoorModule[]): Promise<ModuleDeps> {
  const logger = o.logStream ? pino(loggerOptions(config.logLevel), o.logStream) : pino(loggerOptions(config.logLevel));
  // Parsed before anything else so a malformed key stops the boot with a clear message.
  const cipher = createFieldCipher(parseKeyring(config.dataEncryptionKey));
  const db = o.db ?? openDatabase(config.database);
  await runMigrations(db);
  const deps: ModuleDeps = {
    config,
    db,
    logger,
    metrics: createMetrics(),
    cipher,
    mailer: createMailer({ ...config.mail, outboxDir: path.join(config.dataDir, 'outbox') }),
    now: o.now ?? Date.now,
    print: o.print ?? ((text) => process.stdout.write(text)),
    consoleLinks: () => mods.flatMap((m) => m.consoleLinks ?? []).sort((a, b) => (a.order ?? 50) - (b.order ?? 50)),
  };
  for (const m of mods) if (m.prepareData) await m.prepareData(deps);
  return deps;
}

function createRunner(deps: ModuleDeps, mods: FrontdoorModule[]): JobRunner {
  return createJobRunner({
    db: deps.db,
    jobs: mods.flatMap((m) => m.jobs?.(deps) ?? []),
    recurring: mods.flatMap((m) => m.recurring ?? []),
    concurrency: deps.config.jobs.concurrency,
    pollMs: deps.config.jobs.pollMs,
    leaseMs: deps.config.jobs.leaseMs,
    logger: deps.logger,
    metrics: deps.metrics,
    now: deps.now,
  });
}

async function seed(deps: ModuleDeps, mods: FrontdoorModule[], wanted: boolean): Promise<void> {
  if (!deps.config.seedDemo || !wanted) return;
  for (const m of mods) if (m.seedDemo) await m.seedDemo(deps);
}

/** Build the web application (and, unless told otherwise, its in-process job runner). */
export async function buildApp(config: Config, o: BuildOptions = {}): Promise<BuiltApp> {
  const mods = modules();
  const deps = await createDeps(config, o, mods);
  const app = await createHttpServer({
    db: deps.db,
    logger: deps.logger,
    metrics: deps.metrics,
    secretKey: config.secretKey,
    agencyName: config.agencyName,
    agencyContact: config.agencyContact,
    defaultLocale: config.defaultLocale,
    secureCookies: config.publicUrl.startsWith('https://'),
    trustProxy: config.trustProxy,
    bodyLimitBytes: config.bodyLimitBytes,
    rateLimits: config.rateLimits.enabled,
    beforeMetrics: () => collectQueueDepth(deps.db, deps.metrics),
  });
  if (o.onRoute) app.addHook('onRoute', o.onRoute);
  for (const m of mods) if (m.registerRoutes) await m.registerRoutes(app, deps);
  registerOpenApi(app, {
    title: config.agencyName,
    serverUrl: config.publicUrl,
    paths: () => mods.reduce<ApiPaths>((all, m) => ({ ...all, ...(m.api ?? {}) }), {}),
  });
  await seed(deps, mods, o.seed ?? true);
  const runner = createRunner(deps, mods);
  if (o.runJobs ?? config.jobs.runInProcess) runner.start();
  let closed = false;
  return {
    app,
    deps,
    runner,
    async close() {
      if (closed) return;
      closed = true;
      await app.close();
      await runner.stop();
      deps.mailer.close();
      if (!o.db) await deps.db.close();
    },
  };
}

/**
 * Build a job-only process: no HTTP server besides what the caller adds. `runJobs: false` only prepares the
 * database (migrations, and the demo seed when `seed` is set): the WEB_CONCURRENCY primary with RUN_JOBS=false.
 */
export async function buildWorker(
  config: Config,
  o: BuildOptions = {},
): Promise<{ runner: JobRunner; deps: ModuleDeps; close(): Promise<void> }> {
  const mods = modules();
  const deps = await createDeps(config, o, mods);
  await seed(deps, mods, o.seed ?? false);
  const runner = createRunner(deps, mods);
  if (o.runJobs ?? true) runner.start();
  return {
    runner,
    deps,
    async close() {
      await runner.stop();
      deps.mailer.close();
      if (!o.db) await deps.db.close();
    },
  };
}

/**
 * The web process: builds the app and serves it until SIGTERM/SIGINT, then drains and closes.
 *
 * With WEB_CONCURRENCY=N (N > 1) the started process becomes a small supervisor (node:cluster): it migrates and
 * seeds the database once, runs the durable jobs itself when RUN_JOBS=true (the one designated job process; none
 * when RUN_JOBS=false and `npm run worker` runs them), and forks N web processes that share the port. A web process
 * that dies is replaced; SIGTERM/SIGINT drains every web process, then stops the jobs.
 */
import cluster from 'node:cluster';
import { ConfigError, loadConfig, type Config } from './config/env.js';
import { buildApp, buildWorker } from './app.js';

const FORCE_EXIT_MS = 25_000;

/** Serve HTTP from this process (the only process, or one of the supervisor's web processes). */
async function serve(config: Config, o: { web: 'alone' | 'forked' }): Promise<void> {
  const forked = o.web === 'forked';
  const built = await buildApp(config, forked ? { runJobs: false, seed: false } : {});
  const address = await built.app.listen({ port: config.port, host: config.host });
  built.app.log.info({ address, database: built.deps.db.dialect, pid: process.pid }, 'Frontdoor is listening');
  if (!forked)
    process.stdout.write(`Frontdoor is running at ${config.publicUrl} (database: ${built.deps.db.dialect})\n`);

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    built.app.log.info({ signal }, 'shutting down: draining requests');
    const force = setTimeout(() => process.exit(1), FORCE_EXIT_MS);
    force.unref();
    built.close().then(
      () => process.exit(0),
      (err: unknown) => {
        built.app.log.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

/** The WEB_CONCURRENCY supervisor: prepare the database, run jobs if asked, fork and watch the web processes. */
async function supervise(config: Config): Promise<void> {
  const jobs = await buildWorker(config, { seed: true, runJobs: config.jobs.runInProcess });
  const log = jobs.deps.logger;
  const n = config.webConcurrency;
  let stopping = false;
  let announced = false;
  let listening = 0;

  cluster.on('listening', () => {
    listening++;
    if (announced || listening < n) return;
    announced = true;
    log.info({ webProcesses: n, jobs: config.jobs.runInProcess }, 'Frontdoor is listening');
    process.stdout.write(
      `Frontdoor is running at ${config.publicUrl} (database: ${jobs.deps.db.dialect}, ${n} web processes)\n`,
    );
  });
  cluster.on('exit', (worker, code, signal) => {
    if (stopping) return;
    if (!announced) {
      // A web process that cannot start (a port in use, a bad configuration) would fail again: stop here.
      log.error({ pid: worker.process.pid, code, signal }, 'a web process failed to start');
      stop('startup failure', 1);
      return;
    }
    log.warn({ pid: worker.process.pid, code, signal }, 'a web process ended: starting another');
    setTimeout(() => {
      if (!stopping) cluster.fork();
    }, 500);
  });

  const stop = (reason: string, exitCode = 0) => {
    if (stopping) return;
    stopping = true;
    log.info({ reason }, 'shutting down: draining the web processes');
    const force = setTimeout(() => process.exit(1), FORCE_EXIT_MS);
    force.unref();
    const workers = Object.values(cluster.workers ?? {});
    const ended = workers.map(
      (w) => new Promise<void>((resolve) => (w && !w.isDead() ? w.once('exit', () => resolve()) : resolve())),
    );
    for (const w of workers) if (w && !w.isDead()) w.process.kill('SIGTERM');
    Promise.all(ended)
      .then(() => jobs.close())
      .then(
        () => process.exit(exitCode),
        () => process.exit(1),
      );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
  for (let i = 0; i < n; i++) cluster.fork();
}

async function main(): Promise<void> {
  const config = loadConfig();
  if (cluster.isWorker) return serve(config, { web: 'forked' });
  if (config.webConcurrency > 1) return supervise(config);
  return serve(config, { web: 'alone' });
}

main().catch((err: unknown) => {
  if (err instanceof ConfigError) {
    process.stderr.write(`${err.message}\n`);
  } else {
    process.stderr.write(
      `Frontdoor failed to start: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
    );
  }
  process.exit(1);
});

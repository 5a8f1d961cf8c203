/** The job process (`npm run worker`): runs durable jobs until SIGTERM/SIGINT, then finishes what it holds. */
import { ConfigError, loadConfig } from './config/env.js';
import { buildWorker } from './app.js';

async function main(): Promise<void> {
  const config = loadConfig();
  const worker = await buildWorker(config);
  worker.deps.logger.info({ database: worker.deps.db.dialect }, 'Frontdoor worker started');
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    worker.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof ConfigError ? err.message : String(err)}\n`);
  process.exit(1);
});

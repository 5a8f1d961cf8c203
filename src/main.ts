/** The web process: builds the app and serves it until SIGTERM/SIGINT, then drains and closes. */
import { ConfigError, loadConfig } from './config/env.js';
import { buildApp } from './app.js';

async function main(): Promise<void> {
  const config = loadConfig();
  const built = await buildApp(config);
  const address = await built.app.listen({ port: config.port, host: config.host });
  built.app.log.info({ address, database: built.deps.db.dialect }, 'Frontdoor is listening');
  process.stdout.write(`Frontdoor is running at ${config.publicUrl} (database: ${built.deps.db.dialect})\n`);

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    built.app.log.info({ signal }, 'shutting down: draining requests');
    const force = setTimeout(() => process.exit(1), 25_000);
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

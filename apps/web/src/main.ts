import 'reflect-metadata';
import { Logger } from 'nestjs-pino';
import { WebConfigError, loadDotEnv, loadWebConfig } from './config/web-config';
import { createWebApp } from './bootstrap';

async function main() {
  loadDotEnv();
  const config = loadWebConfig();
  const app = await createWebApp(config);
  await app.listen({ port: config.WEB_PORT, host: config.WEB_HOST });
  const logger = app.get(Logger);
  closeOnSignals(app, config.SHUTDOWN_TIMEOUT_MS, (m) => logger.log(m));
  logger.log(`web listening on ${await app.getUrl()} (API at ${config.API_URL})`);
}

/** SIGTERM/SIGINT: close the app (HTTP stops, Redis closes), bounded by `timeoutMs`. */
function closeOnSignals(app: { close(): Promise<void> }, timeoutMs: number, log: (msg: string) => void): void {
  let closing = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (closing) return;
    closing = true;
    log(`${signal} received; shutting down (at most ${timeoutMs} ms)`);
    setTimeout(() => {
      log(`shutdown took longer than ${timeoutMs} ms; exiting anyway`);
      process.exit(1);
    }, timeoutMs).unref();
    app.close().then(
      () => process.exit(0),
      (e: unknown) => {
        log(`shutdown failed: ${e instanceof Error ? e.message : String(e)}`);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
}

main().catch((e: unknown) => {
  console.error(e instanceof WebConfigError ? e.message : e);
  process.exit(1);
});

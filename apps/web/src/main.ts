import 'reflect-metadata';
import { Logger } from 'nestjs-pino';
import { WebConfigError, loadDotEnv, loadWebConfig } from './config/web-config';
import { closeOnSignals, drainBeforeClose } from '@app/shutdown';
import { createWebApp, drainingOf } from './bootstrap';

async function main() {
  loadDotEnv();
  const config = loadWebConfig();
  const app = await createWebApp(config);
  await app.listen({ port: config.WEB_PORT, host: config.WEB_HOST });
  const logger = app.get(Logger);
  const log = (m: string) => logger.log(m);
  // SIGTERM: new requests get a 503 page and Connection: close at once; those in flight finish; then the app closes.
  closeOnSignals(app, config.SHUTDOWN_TIMEOUT_MS, log, { beforeClose: drainBeforeClose(drainingOf(app), config.SHUTDOWN_TIMEOUT_MS, log) });
  logger.log(`web listening on ${await app.getUrl()} (API at ${config.API_URL})`);
}

main().catch((e: unknown) => {
  console.error(e instanceof WebConfigError ? e.message : e);
  process.exit(1);
});

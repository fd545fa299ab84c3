import 'reflect-metadata';
import { ConfigValidationError, loadConfig, loadDotEnv } from '@app/common';
import { closeOnSignals, drainBeforeClose } from '@app/shutdown';
import { Logger } from 'nestjs-pino';
import { ApiModule } from './api.module';
import { createApiApp, drainingOf } from './bootstrap';

async function main() {
  loadDotEnv();
  const config = loadConfig();
  const app = await createApiApp(ApiModule.forRoot(config), config);
  await app.listen({ port: config.app.PORT, host: config.app.HOST });
  const logger = app.get(Logger);
  const log = (m: string) => logger.log(m);
  // New requests get 503 + Connection: close at once; those in flight finish; then the app closes.
  closeOnSignals(app, config.app.SHUTDOWN_TIMEOUT_MS, log, { beforeClose: drainBeforeClose(drainingOf(app), config.app.SHUTDOWN_TIMEOUT_MS, log) });
  logger.log(`api listening on ${await app.getUrl()} (docs at /docs)`);
}

main().catch((e: unknown) => {
  console.error(e instanceof ConfigValidationError ? e.message : e);
  process.exit(1);
});

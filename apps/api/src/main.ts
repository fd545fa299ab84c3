import 'reflect-metadata';
import { ConfigValidationError, closeOnSignals, loadConfig, loadDotEnv } from '@app/common';
import { Logger } from 'nestjs-pino';
import { ApiModule } from './api.module';
import { createApiApp } from './bootstrap';

async function main() {
  loadDotEnv();
  const config = loadConfig();
  const app = await createApiApp(ApiModule.forRoot(config), config);
  await app.listen({ port: config.app.PORT, host: config.app.HOST });
  const logger = app.get(Logger);
  closeOnSignals(app, config.app.SHUTDOWN_TIMEOUT_MS, (m) => logger.log(m));
  logger.log(`api listening on ${await app.getUrl()} (docs at /docs)`);
}

main().catch((e: unknown) => {
  console.error(e instanceof ConfigValidationError ? e.message : e);
  process.exit(1);
});

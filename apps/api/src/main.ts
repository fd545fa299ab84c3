import 'reflect-metadata';
import { ConfigValidationError, closeOnSignals, loadConfig, loadDotEnv } from '@app/common';
import { Logger } from 'nestjs-pino';
import { ApiModule } from './api.module';
import { createApiApp, drainingOf } from './bootstrap';

/** Time kept, out of SHUTDOWN_TIMEOUT_MS, for closing the pools and Redis after the requests in flight. */
const CLOSE_RESERVE_MS = 2_000;

async function main() {
  loadDotEnv();
  const config = loadConfig();
  const app = await createApiApp(ApiModule.forRoot(config), config);
  await app.listen({ port: config.app.PORT, host: config.app.HOST });
  const logger = app.get(Logger);
  const draining = drainingOf(app);
  closeOnSignals(app, config.app.SHUTDOWN_TIMEOUT_MS, (m) => logger.log(m), {
    // New requests get 503 + Connection: close at once; those in flight finish; then the app closes.
    beforeClose: async (deadline) => {
      draining.start();
      const reserve = Math.min(CLOSE_RESERVE_MS, config.app.SHUTDOWN_TIMEOUT_MS / 4);
      const inFlight = draining.requestsInFlight;
      const drained = await draining.drained(deadline - reserve);
      logger.log(drained ? `draining: ${inFlight} request(s) in flight finished` : `draining: ${draining.requestsInFlight} request(s) still running at the deadline`);
    },
  });
  logger.log(`api listening on ${await app.getUrl()} (docs at /docs)`);
}

main().catch((e: unknown) => {
  console.error(e instanceof ConfigValidationError ? e.message : e);
  process.exit(1);
});

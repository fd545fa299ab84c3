import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import Redis from 'ioredis';
import { Logger } from 'nestjs-pino';
import { ConfigValidationError, RedisPolicyError, assertNoEviction, closeOnSignals, loadConfig, loadDotEnv, redisOptionsFromUrl } from '@app/common';

import { DeadlineHandlerError } from '@app/deadlines';
import { WorkerSetupError } from './worker-check';
import { WorkerModule } from './worker.module';

async function checkRedis(url: string): Promise<void> {
  const redis = new Redis(redisOptionsFromUrl(url, { lazyConnect: true, maxRetriesPerRequest: 1, connectTimeout: 5_000 }));
  try {
    await redis.connect();
    await assertNoEviction(redis);
  } finally {
    redis.disconnect();
  }
}

async function main() {
  loadDotEnv();
  const config = loadConfig();
  // Refuse to run on a Redis that may evict queued jobs.
  await checkRedis(config.redis.REDIS_URL);
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), { bufferLogs: true });
  app.useLogger(app.get(Logger));
  app.flushLogs();
  const logger = app.get(Logger);
  closeOnSignals(app, config.app.SHUTDOWN_TIMEOUT_MS, (m) => logger.log(m));
  logger.log('worker started');
}

main().catch((e: unknown) => {
  console.error(
    e instanceof ConfigValidationError || e instanceof RedisPolicyError || e instanceof DeadlineHandlerError || e instanceof WorkerSetupError ? e.message : e,
  );
  process.exit(1);
});

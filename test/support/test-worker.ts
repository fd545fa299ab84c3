import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { DynamicModule, INestApplicationContext, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import Redis from 'ioredis';
import { Logger } from 'nestjs-pino';
import { AppConfig, Clock, loadConfig } from '@app/common';
import { WorkerModule } from '../../apps/worker/src/worker.module';
import { TEST_REDIS_URL } from './env';
import { LogCapture } from './log-capture';

export interface TestWorker {
  app: INestApplicationContext;
  config: AppConfig;
  logs: LogCapture;
  /** Closes the worker as SIGTERM would: running jobs finish, connections close. Idempotent. */
  close(): Promise<void>;
}

export interface TestWorkerOptions {
  /** The database to work on: a test app's `t.db.url`, so both processes share it. */
  databaseUrl: string;
  /**
   * Environment overrides. Pass the test app's REDIS_PREFIX (`t.config.redis.REDIS_PREFIX`) so
   * the worker consumes the queues the app feeds; without one the worker gets a prefix of its
   * own, whose keys it deletes when closed.
   */
  env?: Record<string, string>;
  /** The clock the worker's modules read; share a ManualClock with the test app to move time for both. */
  clock?: Clock;
  /** Extra modules mounted beside the worker's own (test-only handlers). */
  extraModules?: (Type | DynamicModule)[];
}

/**
 * Boots the real worker (`WorkerModule`: BullMQ workers in an application context, no HTTP)
 * in the test process, against the given database and the test Redis.
 */
export async function createTestWorker(options: TestWorkerOptions): Promise<TestWorker> {
  const ownPrefix = options.env?.REDIS_PREFIX ? null : `lcs-test-worker-${randomBytes(4).toString('hex')}`;
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'info',
    DATABASE_URL: options.databaseUrl,
    DATABASE_POOL_SIZE: '4',
    REDIS_URL: TEST_REDIS_URL,
    ...(ownPrefix ? { REDIS_PREFIX: ownPrefix } : {}),
    ...options.env,
  });
  const logs = new LogCapture();
  const app = await NestFactory.createApplicationContext(
    WorkerModule.forRoot(config, { logDestination: logs, clock: options.clock, extraModules: options.extraModules }),
    { bufferLogs: true, abortOnError: false },
  );
  app.useLogger(app.get(Logger));
  app.flushLogs();
  let closing: Promise<void> | undefined;
  return {
    app,
    config,
    logs,
    close() {
      closing ??= (async () => {
        await app.close();
        if (ownPrefix) await deleteKeys(config.redis.REDIS_URL, ownPrefix);
      })();
      return closing;
    },
  };
}

async function deleteKeys(url: string, prefix: string): Promise<void> {
  const redis = new Redis(url, { maxRetriesPerRequest: 1 });
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
      if (keys.length) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}

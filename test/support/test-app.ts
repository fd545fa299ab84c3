import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { Module, Type } from '@nestjs/common';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import Redis from 'ioredis';
import request from 'supertest';
import TestAgent from 'supertest/lib/agent';
import { DataSource } from 'typeorm';
import { AppConfig, Clock, loadConfig } from '@app/common';
import { ApiModule } from '../../apps/api/src/api.module';
import { createApiApp } from '../../apps/api/src/bootstrap';
import { ContractChecker } from './contract';
import { TEST_REDIS_URL } from './env';
import { LogCapture } from './log-capture';
import { TestDatabase, createTestDatabase } from './test-database';

export interface TestApp {
  app: NestFastifyApplication;
  http: TestAgent;
  config: AppConfig;
  db: TestDatabase;
  dataSource: DataSource;
  logs: LogCapture;
  /** Every answer is checked against docs/openapi.json; close() fails on any violation. */
  contract: ContractChecker;
  close(): Promise<void>;
}

export interface TestAppOptions {
  /** Extra controllers or providers mounted beside the real modules (probes for tests). */
  controllers?: Type[];
  providers?: Type[];
  /** Environment overrides on top of the test defaults (REDIS_PREFIX too: two apps sharing one act as two instances). */
  env?: Record<string, string>;
  /** The clock every module reads (a ManualClock lets a test move time). */
  clock?: Clock;
  /** Rewrites the file's database URL before the app sees it (e.g. to go through a proxy). */
  mapDatabaseUrl?: (url: string) => string;
}

/**
 * Boots the real API module against a fresh database of this file's own and a Redis key
 * prefix of its own, so test files cannot see each other's data.
 */
export async function createTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const db = await createTestDatabase();
  const prefix = `lcs-test-${randomBytes(4).toString('hex')}`;
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'info',
    DATABASE_URL: options.mapDatabaseUrl ? options.mapDatabaseUrl(db.url) : db.url,
    DATABASE_POOL_SIZE: '4',
    REDIS_URL: TEST_REDIS_URL,
    REDIS_PREFIX: prefix,
    ...options.env,
  });
  const logs = new LogCapture();

  @Module({
    imports: [ApiModule.forRoot(config, { logDestination: logs, clock: options.clock })],
    controllers: options.controllers ?? [],
    providers: options.providers ?? [],
  })
  class TestRootModule {}

  const app = await createApiApp(TestRootModule, config);
  const contract = new ContractChecker(undefined, (options.controllers ?? []).length > 0);
  contract.attach(app.getHttpAdapter().getInstance() as never);
  try {
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
  } catch (e) {
    // A module that refuses to start must not leave connections open behind the failed test.
    await app.close().catch(() => undefined);
    await db.drop();
    throw e;
  }
  const dataSource = app.get(DataSource);
  return {
    app,
    http: request(app.getHttpServer()),
    config,
    db,
    dataSource,
    logs,
    contract,
    async close() {
      await app.close();
      await db.drop();
      await deleteRedisKeys(config.redis.REDIS_URL, config.redis.REDIS_PREFIX);
      contract.assertKept();
    },
  };
}

async function deleteRedisKeys(url: string, prefix: string): Promise<void> {
  const redis = new Redis(url, { maxRetriesPerRequest: 1 });
  try {
    // `{prefix:...}:hits`: the throttler's storage wraps keys in a Redis Cluster hash tag.
    for (const pattern of [`${prefix}:*`, `{${prefix}:*`]) {
      let cursor = '0';
      do {
        const [next, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 500);
        if (keys.length) await redis.del(...keys);
        cursor = next;
      } while (cursor !== '0');
    }
  } finally {
    redis.disconnect();
  }
}

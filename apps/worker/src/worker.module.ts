import type { RedisOptions as BullRedisOptions } from 'bullmq';
import type { DestinationStream } from 'pino';
import { BullModule } from '@nestjs/bullmq';
import { DynamicModule, Module, Type } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import {
  AppConfig,
  Clock,
  ClockModule,
  ConfigModule,
  ConfigService,
  CryptoModule,
  LoggerModule,
  RedisModule,
  loadConfig,
  redisOptionsFromUrl,
} from '@app/common';
import { DatabaseModule } from '@app/database';
import { WorkerStartupCheck } from './worker-check';
import { WORKER_FEATURE_MODULES } from './worker-jobs';

/**
 * The background process: BullMQ workers in an application context, no HTTP. What it runs is
 * declared in worker-jobs.ts and checked at start-up (worker-check.ts).
 * `extraModules` is for tests (handlers of test-only deadline kinds).
 */
@Module({})
export class WorkerModule {
  static forRoot(
    config: AppConfig = loadConfig(),
    options: { logDestination?: DestinationStream; clock?: Clock; extraModules?: (Type | DynamicModule)[] } = {},
  ): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        ConfigModule.forRoot(config),
        ClockModule.forRoot(options.clock),
        LoggerModule.forRoot(options.logDestination),
        DatabaseModule,
        RedisModule,
        CryptoModule,
        DiscoveryModule,
        BullModule.forRootAsync({
          inject: [ConfigService],
          useFactory: (c: ConfigService) => ({
            prefix: c.get('redis').REDIS_PREFIX,
            // BullMQ's own options type: ioredis 6's also allows `retryStrategy: null`, which we never set.
            connection: redisOptionsFromUrl(c.get('redis').REDIS_URL, { maxRetriesPerRequest: null }) as BullRedisOptions,
          }),
        }),
        ...WORKER_FEATURE_MODULES,
        ...(options.extraModules ?? []),
      ],
      providers: [WorkerStartupCheck],
    };
  }
}

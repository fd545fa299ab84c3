import type { DestinationStream } from 'pino';
import { BullModule } from '@nestjs/bullmq';
import { DynamicModule, Module } from '@nestjs/common';
import { AppConfig, ConfigModule, ConfigService, LoggerModule, RedisModule, loadConfig, redisOptionsFromUrl } from '@app/common';
import { DatabaseModule } from '@app/database';

/** The background process: BullMQ workers in an application context, no HTTP. */
@Module({})
export class WorkerModule {
  static forRoot(config: AppConfig = loadConfig(), options: { logDestination?: DestinationStream } = {}): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggerModule.forRoot(options.logDestination),
        DatabaseModule,
        RedisModule,
        BullModule.forRootAsync({
          inject: [ConfigService],
          useFactory: (c: ConfigService) => ({
            prefix: c.get('redis').REDIS_PREFIX,
            connection: redisOptionsFromUrl(c.get('redis').REDIS_URL, { maxRetriesPerRequest: null }),
          }),
        }),
      ],
    };
  }
}

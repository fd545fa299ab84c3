import type { RedisOptions as BullRedisOptions } from 'bullmq';
import type { DestinationStream } from 'pino';
import { BullModule } from '@nestjs/bullmq';
import { DynamicModule, Module, Type } from '@nestjs/common';
import { AppConfig, Clock, ClockModule, ConfigModule, ConfigService, CryptoModule, LoggerModule, RedisModule, loadConfig, redisOptionsFromUrl } from '@app/common';
import { DatabaseModule } from '@app/database';
import { LicensingModule } from '@app/agencies';
import { EscrowModule } from '@app/agencies';
import { DeadlinesWorkerModule } from '@app/deadlines';
import { FeesModule } from '@app/fees';
import { ComplaintsModule } from '@app/complaints';
import { WelfareModule } from '@app/welfare';
import { NotificationsWorkerModule } from '@app/notifications';
import { EventsWorkerModule } from '@app/events';
import { DocumentsMaintenanceModule } from './documents-maintenance';
import { AssignmentDigestModule } from './assignment-digest';
import { RoutineInspectionsModule } from './routine-inspections';
import { RecipientDirectoryModule } from '@app/auth';
import { AuditCheckpointModule } from '@app/audit';

/**
 * The background process: BullMQ workers in an application context, no HTTP.
 * `extraModules` is for tests (handlers of test-only deadline kinds).
 */
@Module({})
export class WorkerModule {
  static forRoot(config: AppConfig = loadConfig(), options: { logDestination?: DestinationStream; clock?: Clock; extraModules?: (Type | DynamicModule)[] } = {}): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        ConfigModule.forRoot(config),
        ClockModule.forRoot(options.clock),
        LoggerModule.forRoot(options.logDestination),
        DatabaseModule,
        RedisModule,
        CryptoModule,
        BullModule.forRootAsync({
          inject: [ConfigService],
          useFactory: (c: ConfigService) => ({
            prefix: c.get('redis').REDIS_PREFIX,
            // BullMQ's own options type: ioredis 6's also allows `retryStrategy: null`, which we never set.
            connection: redisOptionsFromUrl(c.get('redis').REDIS_URL, { maxRetriesPerRequest: null }) as BullRedisOptions,
          }),
        }),
        DeadlinesWorkerModule,
        NotificationsWorkerModule,
        EventsWorkerModule,
        LicensingModule,
        RecipientDirectoryModule,
        EscrowModule,
        FeesModule,
        ComplaintsModule,
        WelfareModule,
        DocumentsMaintenanceModule,
        AssignmentDigestModule,
        RoutineInspectionsModule,
        AuditCheckpointModule,
        ...(options.extraModules ?? []),
      ],
    };
  }
}

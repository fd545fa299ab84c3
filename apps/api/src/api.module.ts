import type { DestinationStream } from 'pino';
import { DynamicModule, Module } from '@nestjs/common';
import { AppConfig, ConfigModule, LoggerModule, RedisModule, loadConfig } from '@app/common';
import { DatabaseModule } from '@app/database';
import { HealthModule } from './health/health.module';
import { AuditHttpModule } from './audit/audit-http.module';
import { UsersHttpModule } from './users/users-http.module';

/** The HTTP process: every domain module's routes. */
@Module({})
export class ApiModule {
  static forRoot(config: AppConfig = loadConfig(), options: { logDestination?: DestinationStream } = {}): DynamicModule {
    return {
      module: ApiModule,
      imports: [ConfigModule.forRoot(config), LoggerModule.forRoot(options.logDestination), DatabaseModule, RedisModule, HealthModule, UsersHttpModule, AuditHttpModule],
    };
  }
}

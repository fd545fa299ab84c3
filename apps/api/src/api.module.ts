import type { DestinationStream } from 'pino';
import { DynamicModule, Module } from '@nestjs/common';
import { AppConfig, Clock, ClockModule, ConfigModule, CryptoModule, LoggerModule, RedisModule, loadConfig } from '@app/common';
import { AgencyNamesModule } from '@app/agencies';
import { RecipientDirectoryModule } from '@app/auth';
import { DatabaseModule } from '@app/database';
import { HealthModule } from './health/health.module';
import { ExportSlotsModule } from './http/export-slots';
import { LicensingHttpModule } from './licensing/licensing-http.module';
import { AuditHttpModule } from './audit/audit-http.module';
import { DeadlinesHttpModule } from './deadlines/deadlines-http.module';
import { DocumentsHttpModule } from './documents/documents-http.module';
import { EscrowHttpModule } from './escrow/escrow-http.module';
import { FeesHttpModule } from './fees/fees-http.module';
import { ComplaintsHttpModule } from './complaints/complaints-http.module';
import { WelfareHttpModule } from './welfare/welfare-http.module';
import { NotificationsHttpModule } from './notifications/notifications-http.module';
import { UsersHttpModule } from './users/users-http.module';
import { AgencyRegistrationHttpModule } from './agency-registration/agency-registration-http.module';

/** The HTTP process: every domain module's routes. */
@Module({})
export class ApiModule {
  static forRoot(config: AppConfig = loadConfig(), options: { logDestination?: DestinationStream; clock?: Clock } = {}): DynamicModule {
    return {
      module: ApiModule,
      imports: [
        ConfigModule.forRoot(config),
        ClockModule.forRoot(options.clock),
        LoggerModule.forRoot(options.logDestination),
        DatabaseModule,
        RedisModule,
        CryptoModule,
        RecipientDirectoryModule,
        AgencyNamesModule,
        ExportSlotsModule,
        HealthModule,
        UsersHttpModule,
        AuditHttpModule,
        DeadlinesHttpModule,
        DocumentsHttpModule,
        NotificationsHttpModule,
        LicensingHttpModule,
        EscrowHttpModule,
        FeesHttpModule,
        ComplaintsHttpModule,
        WelfareHttpModule,
        AgencyRegistrationHttpModule,
      ],
    };
  }
}

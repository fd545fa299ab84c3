import { Module } from '@nestjs/common';
import { AuditLog } from './audit.service';

/** Provides AuditLog. Needs the application's TypeORM DataSource (DatabaseModule). */
@Module({ providers: [AuditLog], exports: [AuditLog] })
export class AuditModule {}

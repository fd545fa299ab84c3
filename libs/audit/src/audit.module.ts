import { Module } from '@nestjs/common';
import { AuditLog } from './audit.service';
import { AuditVerificationStatus } from './verification/verification-status';

/** Provides AuditLog and AuditVerificationStatus. Needs the application's TypeORM DataSource (DatabaseModule). */
@Module({ providers: [AuditLog, AuditVerificationStatus], exports: [AuditLog, AuditVerificationStatus] })
export class AuditModule {}

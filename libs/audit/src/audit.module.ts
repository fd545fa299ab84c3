import { Module } from '@nestjs/common';
import { AuditLog } from './audit.service';
import { AuditPartitionStatus } from './partitions/partition-status';
import { AuditVerificationStatus } from './verification/verification-status';

/** Provides AuditLog, AuditVerificationStatus and AuditPartitionStatus. Needs the application's TypeORM DataSource (DatabaseModule). */
@Module({ providers: [AuditLog, AuditVerificationStatus, AuditPartitionStatus], exports: [AuditLog, AuditVerificationStatus, AuditPartitionStatus] })
export class AuditModule {}

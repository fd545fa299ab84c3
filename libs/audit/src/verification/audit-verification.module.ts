import { Module } from '@nestjs/common';
import { AuditVerificationJob } from './verification-job';

/** The worker's background verification of the audit chains (AuditVerificationJob). */
@Module({ providers: [AuditVerificationJob], exports: [AuditVerificationJob] })
export class AuditVerificationModule {}

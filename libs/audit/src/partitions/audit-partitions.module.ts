import { Module } from '@nestjs/common';
import { AuditPartitionsJob } from './partitions-job';

/** The worker's upkeep of audit_log's monthly partitions (AuditPartitionsJob). Needs DatabaseModule. */
@Module({ providers: [AuditPartitionsJob], exports: [AuditPartitionsJob] })
export class AuditPartitionsModule {}

export { AuditPartitionsModule } from './audit-partitions.module';
export { AUDIT_PARTITION_MONTHS_AHEAD, AuditPartitionsJob, ensurePartitions } from './partitions-job';
export type { PartitionState, PartitionsRun } from './partitions-job';
export { AuditPartitionStatus, AuditPartitionsStatus, readPartitionsStatus } from './partition-status';

export { AuditVerificationModule } from './audit-verification.module';
export { AuditVerificationJob } from './verification-job';
export { AuditVerificationStatus, ChainVerificationStatus } from './verification-status';
export { restartVerification, verifyIncrementally } from './incremental-verifier';
export type { IncrementalOptions, IncrementalRun } from './incremental-verifier';

export { AuditCheckpointModule } from './audit-checkpoint.module';
export { AuditCheckpointWriter } from './checkpoint-writer';
export { signCheckpoint, readCheckpointLine } from './checkpoint';
export type { AuditCheckpoint, CheckpointLineProblem } from './checkpoint';
export { CheckpointKeyError, generateCheckpointKeys, loadCheckpointPublicKey, loadCheckpointSigningKey } from './checkpoint-keys';
export { appendCheckpointLines, checkpointFileName, readCheckpoints } from './checkpoint-store';
export type { StoredCheckpoints } from './checkpoint-store';
export { describeCheckpointVerification, verifyCheckpoints } from './checkpoint-verifier';
export type { CheckpointVerification } from './checkpoint-verifier';

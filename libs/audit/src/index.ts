export { AuditModule } from './audit.module';
export { AuditLog, DEFAULT_CHAIN } from './audit.service';
export type { AuditActor, AuditEntryInput, AuditEntryView, AuditHead, AuditHistoryOptions } from './audit.service';
export { verifyAllChains, verifyChain, describeVerification } from './audit-verifier';
export type { ChainBreak, ChainBreakReason, ChainVerification, VerifyOptions } from './audit-verifier';
export { GENESIS_HASH, computeEntryHash } from './audit-hash';
export type { AuditHashedContent } from './audit-hash';
export { canonicalJson } from './canonical-json';
export { AuditSecretError } from './secret-guard';

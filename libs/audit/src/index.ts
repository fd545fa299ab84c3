export { AuditModule } from './audit.module';
export { AuditEntryView, AuditLog, DEFAULT_CHAIN } from './audit.service';
export type { AuditActor, AuditEntryInput, AuditHead, AuditHistoryOptions } from './audit.service';
export { CHAIN_BREAK_REASONS, ChainBreak, ChainHead, ChainVerification, verifyAllChains, verifyChain, describeVerification } from './audit-verifier';
export type { ChainBreakReason, VerifyOptions } from './audit-verifier';
export { GENESIS_HASH, computeEntryHash } from './audit-hash';
export type { AuditHashedContent } from './audit-hash';
export { canonicalJson } from './canonical-json';
export { AuditSecretError } from './secret-guard';

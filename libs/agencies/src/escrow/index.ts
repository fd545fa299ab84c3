export { EscrowModule } from './escrow.module';
export {
  EscrowService,
  ESCROW_TOP_UP_KIND,
  toEntryView,
  EscrowAccountView,
  EscrowEntryRecorder,
  EscrowEntryView,
  EscrowPosition,
  EscrowSummary,
  EscrowTopUpDeadlineView,
  OpenedEscrowAccountView,
} from './escrow.service';
export type { GarnishEscrow, RecordEscrowEntry, RecordedEntry } from './escrow.service';
export { EscrowHolds, ESCROW_HOLD_REASON, AgencyHoldView } from './escrow-holds';
export { EscrowRequirements } from './escrow-requirements';
// Mail to an agency's admins is the audience { agencyAdmins } of libs/notifications (the recipient directory, implemented in libs/auth).
export { EscrowTopUpDeadline } from './top-up-deadline.handler';
export { ESCROW_ENTRY_KINDS, ESCROW_LICENSE_TYPES } from './escrow-ledger';
export type { EscrowEntryKind, EscrowLicenseType } from './escrow-ledger';
export * from './escrow.exceptions';
export { EscrowAccount } from './escrow-account.entity';
export { EscrowEntry } from './escrow-entry.entity';
export { AgencyHold } from './agency-hold.entity';

/** The pure core of the welfare fund: membership, benefit schedules, eligibility, the fund ledger. No Nest, no database, no clock. */
export type { Money } from './money';
export {
  CurrencyMismatchError,
  InsufficientFundError,
  InvalidBenefitScheduleError,
  InvalidLedgerEntryError,
  InvalidWelfareInputError,
  MixedCurrencyError,
  OverDisbursementError,
  WelfareCoreError,
} from './errors';

export type { Contribution, Cover, MembershipOptions, MembershipPeriod } from './membership';
export { DEFAULT_MAX_COVER_MONTHS, activeOn, coverOf, membershipPeriods, periodOn } from './membership';

export type {
  ApprovalCheck,
  ApprovalContext,
  ApprovalFailure,
  ApprovalRuleName,
  BenefitRule,
  BenefitScheduleEntry,
  ClaimType,
  ClaimTypePolicy,
  ScheduledAmountInput,
} from './benefit-schedule';
export {
  BENEFIT_RULE_KINDS,
  CLAIM_TYPES,
  CLAIM_TYPE_POLICY,
  approvalCheck,
  isClaimType,
  ruleInForce,
  scheduledAmount,
  validateBenefitSchedule,
  validateRule,
} from './benefit-schedule';

export type { Eligibility, EligibilityCheck, EligibilityCheckName, EligibilityInput, PriorPaidClaim } from './eligibility';
export { DEFAULT_FILING_WINDOW_DAYS, eligibility } from './eligibility';

export type { Account, AccountKind, Entry, EntryLine, FundPosition, IncomeKind, PayableAccount } from './ledger';
export {
  BENEFITS_PAID,
  CONTRIBUTIONS_RECEIVED,
  FUND_CASH,
  APPROPRIATIONS_RECEIVED,
  OTHER_INCOME,
  INCOME_KINDS,
  INCOME_ACCOUNT,
  incomeEntry,
  accountKind,
  applyApproval,
  applyContribution,
  applyDisbursement,
  approvalEntry,
  balances,
  claimIdOf,
  contributionEntry,
  disbursementEntry,
  fundPosition,
  isAccount,
  isBalanced,
  ledgerCurrency,
  outstandingPayable,
  payableAccount,
  postEntry,
  validateEntry,
} from './ledger';

export type { SeedBenefitEntry, SeedFigureStatus } from './seed-benefit-schedule';
export { DEFAULT_CONTRIBUTION, SEEDED_BENEFIT_SCHEDULE, seededEntry } from './seed-benefit-schedule';

export type { Claimant, DocumentCode } from './document-checklists';
export { DOCUMENT_CODES, DOCUMENT_LABELS, REQUIRED_DOCUMENTS, missingDocuments, requiredDocuments } from './document-checklists';

export { idNumberKey, nameKey, sameIdNumber, sameName } from './names';

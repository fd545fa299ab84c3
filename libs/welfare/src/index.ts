export * from './core';
export { WelfareModule } from './welfare.module';
export { WELFARE_CLAIM_ACTION, WELFARE_CLAIM_STATE, WELFARE_CLAIM_TYPE, WELFARE_DOCUMENT_CODE } from './api-enums';
export {
  ClaimBeneficiary,
  ClaimDocument,
  ClaimTypeView,
  claimTypeViews,
  ClaimEligibility,
  ClaimEligibilityException,
  ClaimEligibilityCheck,
  ClaimView,
  WelfareClaims,
  WELFARE_DECISION_KIND,
} from './claims/welfare-claims.service';
export type { ClaimActInput, ClaimActorContext, FileClaimInput } from './claims/welfare-claims.service';
export {
  ContributionView,
  Contributions,
  MembershipPeriodView,
  MembershipView,
  MyMembershipView,
  PassportMembershipView,
} from './contributions/contributions.service';
export { FundLedger, FundPositionView } from './ledger/fund-ledger.service';
export {
  BenefitScheduleView,
  BenefitSchedules,
  ByDegreeBenefitRule,
  FixedBenefitRule,
  ReimbursementBenefitRule,
  seedBenefitSchedule,
} from './schedules/benefit-schedules.service';
export type { StoredRule } from './schedules/benefit-schedules.service';
export { CLAIM_ACTIONS, CLAIM_LIFECYCLE, CLAIM_STATES, CLAIM_TRANSITIONS, ELIGIBILITY_EXCEPTION_REASONS } from './lifecycle/claim-transitions';
export type { ClaimAction, ClaimState, EligibilityExceptionReason } from './lifecycle/claim-transitions';
export * from './entities/welfare-claim.entity';
export * from './entities/welfare-contribution.entity';
export * from './entities/fund-ledger.entity';
export { BenefitScheduleEntry as BenefitScheduleEntryRecord } from './entities/benefit-schedule-entry.entity';
export { WelfareSeedModule } from './demo-welfare.seeder';
export { BENEFICIARY_PROOF_KINDS, Beneficiaries, BeneficiaryProofView, BeneficiaryView } from './beneficiaries/beneficiaries.service';
export type { BeneficiaryActor, BeneficiaryProofKind, RegisterBeneficiaryInput } from './beneficiaries/beneficiaries.service';
export * from './entities/welfare-beneficiary.entity';
export { FundIncomeView, FundIncomes } from './ledger/fund-income.service';
export type { IncomeActor, RecordIncomeInput, RecordedIncome } from './ledger/fund-income.service';
export { CLAIM_DOCUMENT_OWNER_TYPE, ClaimDocumentFileView, ClaimDocuments } from './claims/claim-documents.service';
